// "carveout: Choose the board this file is read in". A .dtsi is read in the boards that
// include it; the server answers hover, definition, completion, hints and the memory map from
// one of them, the board in context. The candidates are the `boards` of carveout/memoryMap,
// and the choice goes back as the server's command carveout.setBoardInContext, which holds it
// and publishes the file again in that board first.
import type { MemoryMap } from './webview/model';

/** The server's command: arguments [fileUri, boardUri]. */
export const SET_BOARD_IN_CONTEXT = 'carveout.setBoardInContext';

export interface BoardItem {
  /** the board's file name */
  label: string;
  /** where it is, as the editor shows the path; "read in now" for the board in context */
  description: string;
  /** the board's URI, as the server gave it */
  board: string;
}

/** Why there is nothing to choose, or undefined when the file has boards to choose from. */
export function nothingToChoose(map: Pick<MemoryMap, 'uri' | 'boards'>): string | undefined {
  if (map.boards.length === 0 || (map.boards.length === 1 && map.boards[0] === map.uri)) {
    return map.boards.length === 0 ? `${fileName(map.uri)} is in no board of the workspace.`
      : `${fileName(map.uri)} is a board: it is read as itself.`;
  }
  return undefined;
}

/** The quick pick's items: the board in context first, then the others in the server's order. */
export function boardItems(map: Pick<MemoryMap, 'board' | 'boards'>, where: (uri: string) => string): BoardItem[] {
  const items = map.boards.map((board) => ({
    label: fileName(board),
    description: board === map.board ? `${where(board)} (read in now)` : where(board),
    board,
  }));
  return [...items.filter((i) => i.board === map.board), ...items.filter((i) => i.board !== map.board)];
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}
