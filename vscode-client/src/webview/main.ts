// The Memory Map view: shows the SVG the server draws (carveout/memoryMapDrawing, the drawing
// of `carveout map --format svg`) with the script that `carveout map --format html` inlines,
// started here with a host that asks the editor: a click opens the node in the editor, the
// export buttons have the extension save the file, and the zoom and the filter survive a redraw.
// Both the script and its sheet are the server's files, bundled as they are: one drawing, drawn
// and made to move the same way in the editor and in a browser.
import '../../../server/src/main/resources/io/carveout/workspace/memory-map.css';
import type { FromView, LspLocation, ToView } from './model';

/** What server/src/main/resources/io/carveout/workspace/memory-map.js exports. */
export interface DrawingScript {
  start(doc: Document, host: DrawingHost): DrawingView;
}

export interface DrawingHost {
  reveal: ((location: LspLocation) => void) | null;
  export: ((format: 'svg' | 'html') => void) | null;
  loadState(): unknown;
  saveState(state: unknown): void;
}

export interface DrawingView {
  show(svg: string, note?: string): void;
  status(text: string): void;
}

declare function acquireVsCodeApi(): {
  postMessage(message: FromView): void;
  getState(): unknown;
  setState(state: unknown): void;
};

// eslint-disable-next-line @typescript-eslint/no-var-requires
const script: DrawingScript = require('../../../server/src/main/resources/io/carveout/workspace/memory-map.js');
const vscode = acquireVsCodeApi();
const view = script.start(document, {
  reveal: (location) => vscode.postMessage({ type: 'reveal', location }),
  // a webview cannot download: the extension asks the server for the file and saves it
  export: (format) => vscode.postMessage({ type: 'export', format }),
  loadState: () => vscode.getState(),
  saveState: (state) => vscode.setState(state),
});
view.status('Asking the carveout language server for the memory map…');

let drawn = false;
window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message.type === 'map') {
    view.show(message.svg, message.note);
    drawn = true;
    document.body.dataset.state = 'ready';
    document.body.dataset.document = message.document;
  } else if (message.type === 'status') {
    // a passing status (the server restarting) leaves the last drawing in place
    if (!drawn || message.document !== undefined) {
      view.status(message.text);
      drawn = false;
    }
    document.body.dataset.state = 'status';
  }
});

// the server breaks the labels over lines to fit the view: it is told the view's width
const root = document.getElementById('carveout-map') as HTMLElement;
const SCROLLBAR = 16;
let width = root.clientWidth - SCROLLBAR;
let resizing: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizing);
  resizing = window.setTimeout(() => {
    if (Math.abs(root.clientWidth - SCROLLBAR - width) >= 16) {
      width = root.clientWidth - SCROLLBAR;
      vscode.postMessage({ type: 'resize', width });
    }
  }, 150);
});
vscode.postMessage({ type: 'ready', width });
