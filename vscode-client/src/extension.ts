// The VS Code side of carveout: finds Java, starts the language server bundled in the
// extension (server/carveout.jar) on stdio, answers its workspace/configuration with the
// settings the user set, opens the Memory Map panel, and lets the user choose the board a
// .dtsi is read in.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { boardItems, nothingToChoose, SET_BOARD_IN_CONTEXT } from './boardChoice';
import { findJava, javaCandidates, noJavaMessage } from './java';
import { MemoryMapPanel } from './memoryMapPanel';
import type { MemoryMap } from './webview/model';
import { explicitSettings } from './settings';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('carveout');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('carveout.showMemoryMap', (uri?: vscode.Uri) =>
      MemoryMapPanel.show(context, () => client, uri instanceof vscode.Uri ? uri : activeDevicetree())),
    vscode.commands.registerCommand('carveout.chooseBoard', (uri?: vscode.Uri) =>
      chooseBoard(uri instanceof vscode.Uri ? uri : activeDevicetree())),
    vscode.commands.registerCommand('carveout.restartServer', () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('carveout.java.home')) {
        void vscode.window.showInformationMessage('carveout: the Java setting changed; restart the language server to use it.',
          'Restart Language Server').then((choice) => choice && restart(context));
      } else if (event.affectsConfiguration('carveout') && client?.isRunning()) {
        // No settings in the notification: the server asks for them (workspace/configuration),
        // and gets only what the user set, as at start-up.
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      }
    }),
  );
  await start(context);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

function activeDevicetree(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'dts') {
    return editor.document.uri;
  }
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'dts')?.document.uri;
}

/**
 * A quick pick over the boards that include the file (carveout/memoryMap's `boards`); the
 * board picked is sent to the server, which reads the file in it from then on.
 */
async function chooseBoard(uri: vscode.Uri | undefined): Promise<void> {
  const running = client;
  if (!uri || !running || !running.isRunning()) {
    void vscode.window.showWarningMessage(uri ? 'carveout: the language server is not running.'
      : 'carveout: open a devicetree file to choose the board it is read in.');
    return;
  }
  try {
    const map = await running.sendRequest<MemoryMap>('carveout/memoryMap', { textDocument: { uri: uri.toString() } });
    const nothing = nothingToChoose(map);
    if (nothing) {
      void vscode.window.showInformationMessage(`carveout: ${nothing}`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      boardItems(map, (board) => vscode.workspace.asRelativePath(vscode.Uri.parse(board))),
      { title: `The board ${uri.path.split('/').pop()} is read in`, placeHolder: 'hover, definition, completion, hints and the memory map answer from it' });
    if (!picked) {
      return;
    }
    await running.sendRequest(ExecuteCommandRequest.type, { command: SET_BOARD_IN_CONTEXT, arguments: [map.uri, picked.board] });
    MemoryMapPanel.refreshCurrent();
  } catch (error) {
    void vscode.window.showErrorMessage(`carveout: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The carveout settings for a scope (a file or folder URI), as the server's schema has them. */
function settingsFor(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const configuration = vscode.workspace.getConfiguration('carveout', scope);
  const folder = (scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
  return explicitSettings((key) => configuration.inspect(key), folder);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const jar = context.asAbsolutePath('server/carveout.jar');
  if (!existsSync(jar)) {
    const message = `carveout: the language server is missing from the extension (${jar}). Reinstall the extension, or build it with "npm run package".`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  const javaHome = vscode.workspace.getConfiguration('carveout').get<string | null>('java.home');
  const search = await findJava(javaCandidates(javaHome, process.env));
  if (!search.found) {
    const message = noJavaMessage(search);
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'carveout.java.home');
      }
    });
    return;
  }
  const java = search.found;
  output.appendLine(`Java ${java.version} from ${java.source}: ${java.executable}`);

  const serverOptions: ServerOptions = {
    command: java.executable,
    // TransportKind.stdio appends --stdio, which `carveout lsp` accepts
    args: ['-jar', jar, 'lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'dts' }],
    initializationOptions: settingsFor(undefined),
    outputChannel: output,
    middleware: {
      workspace: {
        configuration: async (params: ConfigurationParams, token, next) => {
          const answered = await next(params, token);
          if (!Array.isArray(answered)) {
            return answered;
          }
          return params.items.map((item, i) => (item.section === 'carveout' ? settingsFor(item.scopeUri) : answered[i]));
        },
      },
    },
  };
  client = new LanguageClient('carveout', 'carveout', serverOptions, clientOptions);
  try {
    await client.start();
    MemoryMapPanel.refreshCurrent();
  } catch (error) {
    const message = `carveout: the language server did not start: ${error instanceof Error ? error.message : String(error)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch {
      // a server that already died cannot be stopped; start a new one regardless
    }
  }
  await start(context);
}
