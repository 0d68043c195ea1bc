import * as vscode from 'vscode';
import type { HostMessage, HostNotifications, WebviewMessage } from '../../protocol/messages';
import { auditExportViewType, settingDefaults, settingKeys, settingsSection } from '../constants';
import { summariseExport } from '../exportSummary';
import { renderWebviewHtml } from './webviewHtml';

/** What the host sends the webview once it says `ready`. */
export type EditorInit = HostNotifications['init'];

/**
 * The `mia.auditExport` custom editor, first cut: a readonly document (audit exports are evidence,
 * nothing here can write them) whose webview shows the file name and a record count. The editor
 * issue replaces the body with the engine-backed grid; the wiring (CSP, ready → init) stays.
 */
export class AuditExportEditorProvider implements vscode.CustomReadonlyEditorProvider {
  /** Last `init` sent per document URI, kept so tests can see the webview round trip happened. */
  private readonly inits = new Map<string, EditorInit>();

  private constructor(private readonly extensionUri: vscode.Uri) {}

  /** Registers the provider; the returned disposable unregisters it. */
  static register(extensionUri: vscode.Uri): {
    provider: AuditExportEditorProvider;
    registration: vscode.Disposable;
  } {
    const provider = new AuditExportEditorProvider(extensionUri);
    const registration = vscode.window.registerCustomEditorProvider(auditExportViewType, provider, {
      supportsMultipleEditorsPerDocument: true,
    });
    return { provider, registration };
  }

  /** The `init` last sent to a webview showing `uri`, if its webview has said `ready`. */
  lastInit(uri: vscode.Uri): EditorInit | undefined {
    return this.inits.get(uri.toString());
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => this.inits.delete(uri.toString()) };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    webview.html = renderWebviewHtml(webview, this.extensionUri);
    // Per-panel listener: it dies with the panel.
    const listener = webview.onDidReceiveMessage((message: WebviewMessage) => {
      if (message?.kind === 'notify' && message.name === 'ready') void this.sendInit(document.uri, webview);
    });
    panel.onDidDispose(() => {
      listener.dispose();
    });
  }

  private async sendInit(uri: vscode.Uri, webview: vscode.Webview): Promise<void> {
    const timeZone = vscode.workspace
      .getConfiguration(settingsSection)
      .get<string>(settingKeys.displayTimeZone, settingDefaults.displayTimeZone);
    const title = uri.path.split('/').pop() ?? uri.toString();
    let init: EditorInit;
    try {
      const summary = await summariseExport(uri.fsPath);
      init = {
        title: summary.fileName,
        sources: [],
        timeZone,
        load: {
          phase: 'ready',
          bytesRead: summary.sizeBytes,
          totalBytes: summary.sizeBytes,
          records: summary.records ?? 0,
          ...(summary.records === null
            ? { message: 'Record count not available for a file this large.' }
            : {}),
        },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      init = {
        title,
        sources: [],
        timeZone,
        load: { phase: 'failed', bytesRead: 0, totalBytes: 0, records: 0, message },
      };
    }
    const reply: HostMessage = { kind: 'notify', name: 'init', params: init };
    if (await webview.postMessage(reply)) this.inits.set(uri.toString(), init);
  }
}
