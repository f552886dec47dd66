// The Memory Map panel: one webview beside the editor that shows the map of the board the
// active devicetree file belongs to, as the server draws it (carveout/memoryMapDrawing, the
// SVG of `carveout map --format svg`). It follows the active editor, redraws when the server
// publishes new diagnostics for the file shown (the server's signal that it has analysed the
// latest text), opens the node a click is on, and saves the drawing as SVG or HTML.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromView, MemoryMapDrawing, ToView } from './webview/model';

const REFRESH_DELAY_MS = 250;

export class MemoryMapPanel implements vscode.Disposable {
  static readonly viewType = 'carveout.memoryMap';
  private static current: MemoryMapPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.Uri | undefined;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private disposed = false;
  /** the view's width in pixels, for the server to fit the labels to */
  private width = 0;

  static show(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, uri: vscode.Uri | undefined): void {
    if (MemoryMapPanel.current) {
      MemoryMapPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      if (uri) {
        MemoryMapPanel.current.follow(uri);
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(MemoryMapPanel.viewType, 'Memory Map',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
      });
    MemoryMapPanel.current = new MemoryMapPanel(panel, context, client, uri);
  }

  /** Called when the server restarts: the open panel asks again. */
  static refreshCurrent(): void {
    MemoryMapPanel.current?.schedule(0);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined, uri: vscode.Uri | undefined) {
    this.document = uri;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'memory-map.svg');
    panel.webview.html = this.html(context);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromView) => this.receive(message)),
      panel.onDidChangeViewState(() => panel.visible && this.schedule(0)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === 'dts' && editor.document.uri.scheme === 'file') {
          this.follow(editor.document.uri);
        }
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.document && event.uris.some((u) => u.toString() === this.document?.toString())) {
          this.schedule(REFRESH_DELAY_MS);
        }
      }),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (saved.languageId === 'dts') {
          this.schedule(REFRESH_DELAY_MS);
        }
      }),
    );
  }

  private follow(uri: vscode.Uri) {
    if (this.document?.toString() !== uri.toString()) {
      this.document = uri;
      this.panel.title = `Memory Map: ${uri.path.split('/').pop()}`;
    }
    this.schedule(0);
  }

  private schedule(delay: number) {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private post(message: ToView) {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private async refresh() {
    const uri = this.document;
    if (!uri || !this.ready || !this.panel.visible) {
      return;
    }
    this.panel.title = `Memory Map: ${uri.path.split('/').pop()}`;
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.post({ type: 'status', text: 'Waiting for the carveout language server…' });
      return;
    }
    const generation = ++this.generation;
    try {
      const answer = await this.drawing(client, uri, 'svg', this.width);
      if (generation !== this.generation) {
        return; // a newer request is on its way
      }
      if (!answer || !answer.board || !answer.drawing) {
        this.post({ type: 'status', document: uri.toString(), text: `${uri.path.split('/').pop()} is in no board: no memory map to draw.` });
        return;
      }
      this.post({ type: 'map', svg: answer.drawing, document: uri.toString(), note: note(answer) });
    } catch (error) {
      if (generation === this.generation) {
        this.post({ type: 'status', document: uri.toString(), text: `carveout/memoryMapDrawing failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }

  private drawing(client: LanguageClient, uri: vscode.Uri, format: 'svg' | 'html', width?: number): Promise<MemoryMapDrawing> {
    return client.sendRequest<MemoryMapDrawing>('carveout/memoryMapDrawing',
      { textDocument: { uri: uri.toString() }, format, ...(width ? { width } : {}) });
  }

  /** Saves the drawing of the file shown: the server draws it again as a file of its own. */
  private async save(format: 'svg' | 'html') {
    const uri = this.document;
    const client = this.client();
    if (!uri || !client || !client.isRunning()) {
      void vscode.window.showWarningMessage('carveout: the language server is not running: nothing to save.');
      return;
    }
    try {
      const answer = await this.drawing(client, uri, format);
      if (!answer.board || !answer.drawing) {
        void vscode.window.showWarningMessage(`carveout: ${uri.path.split('/').pop()} is in no board: no memory map to save.`);
        return;
      }
      const board = vscode.Uri.parse(answer.board);
      const stem = board.path.split('/').pop()?.replace(/\.[^.]*$/, '') ?? 'board';
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(board, '..', `${stem}-memory-map.${format}`),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'HTML page': ['html'] },
        title: `Save the memory map of ${board.path.split('/').pop()} as ${format.toUpperCase()}`,
      });
      if (!target) {
        return;
      }
      const text = format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${answer.drawing}` : answer.drawing;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(`carveout: the memory map is saved as ${target.fsPath}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`carveout: saving the memory map failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async receive(message: FromView) {
    if (message.type === 'export') {
      await this.save(message.format);
    } else if (message.type === 'ready') {
      this.ready = true;
      this.width = message.width;
      this.schedule(0);
    } else if (message.type === 'resize') {
      this.width = message.width;
      this.schedule(0);
    } else if (message.type === 'reveal') {
      const { uri, range } = message.location;
      const target = vscode.Uri.parse(uri);
      const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      // open where the devicetree is being edited, not over the map
      const column = vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'dts')?.viewColumn ?? vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(target, { selection, viewColumn: column, preserveFocus: false });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private html(context: vscode.ExtensionContext): string {
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview.js'));
    // the drawing's own sheet (the server's, bundled), then the editor theme over it
    const drawing = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview.css'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'memoryMap.css'));
    const nonce = [...Array(32)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${drawing}">
<link rel="stylesheet" href="${style}">
<title>Memory Map</title>
</head>
<body class="carveout-page" data-state="loading">
<main id="carveout-map"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    MemoryMapPanel.current = undefined;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.panel.dispose();
    while (this.disposables.length > 0) {
      this.disposables.pop()?.dispose();
    }
  }
}

/** Which board the file is drawn in, when it is not a board itself. */
function note(answer: MemoryMapDrawing): string | undefined {
  if (!answer.board || answer.board === answer.uri) {
    return undefined;
  }
  const name = (uri: string) => decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
  return `${name(answer.uri)} as included by ${name(answer.board)}`
    + (answer.boards.length > 1 ? ` (one of ${answer.boards.length} boards; carveout: Choose the board this file is read in)` : '');
}
