import * as vscode from 'vscode';
import type { RequestName, Requests } from '../../protocol/messages';
import { auditExportViewType } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { RememberedInvestigations } from '../investigation/rememberedInvestigations';
import { EditorPanel, type EditorInit } from './editorPanel';

export type { EditorInit } from './editorPanel';

/** The custom document: one export file, shown as (part of) an investigation. Never written. */
class AuditExportDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly session: InvestigationSession,
  ) {}

  dispose(): void {
    // The session outlives the document while another panel shows it; panels close it.
  }
}

/**
 * The `mia.auditExport` custom editor: a readonly document over an investigation session (audit
 * exports are evidence: nothing here can write them). Opening a file joins the session that holds
 * it, or opens a new one; the session closes with its last panel.
 */
export class AuditExportEditorProvider implements vscode.CustomReadonlyEditorProvider<AuditExportDocument> {
  private readonly panels = new Set<EditorPanel>();

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: InvestigationStore,
    private readonly remembered?: RememberedInvestigations,
  ) {}

  /** Registers the provider; the returned disposable unregisters it. */
  static register(
    extensionUri: vscode.Uri,
    store: InvestigationStore,
    remembered?: RememberedInvestigations,
  ): { provider: AuditExportEditorProvider; registration: vscode.Disposable } {
    const provider = new AuditExportEditorProvider(extensionUri, store, remembered);
    const registration = vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(auditExportViewType, provider, {
        supportsMultipleEditorsPerDocument: true,
      }),
      { dispose: () => provider.panels.forEach((p) => p.dispose()) },
    );
    return { provider, registration };
  }

  /** The panel showing `uri` (the first one when several do). */
  panelFor(uri: vscode.Uri): EditorPanel | undefined {
    const key = uri.toString();
    for (const p of this.panels) if (p.uri.toString() === key) return p;
    return undefined;
  }

  /** The `init` last sent to a webview showing `uri`, if its webview has said `ready`. */
  lastInit(uri: vscode.Uri): EditorInit | undefined {
    return this.panelFor(uri)?.lastInit;
  }

  /** The latest requests the webview showing `uri` sent (oldest first). */
  webviewRequests(uri: vscode.Uri): readonly { name: string; params: unknown }[] {
    return this.panelFor(uri)?.webviewRequests ?? [];
  }

  /** Runs a request on the panel showing `uri`, exactly as its webview's message would. */
  request<K extends RequestName>(uri: vscode.Uri, name: K, params: Requests[K][0]): Promise<Requests[K][1]> {
    const panel = this.panelFor(uri);
    if (!panel) return Promise.reject(new Error(`no investigator editor shows ${uri.toString()}`));
    return panel.request(name, params);
  }

  openCustomDocument(uri: vscode.Uri): AuditExportDocument {
    return new AuditExportDocument(uri, this.sessionFor(uri));
  }

  /**
   * The session holding `uri`, else a new one: with every file of the investigation `uri` was part
   * of when the window last had it open (a reload restores only the tab's file), else `uri` alone.
   */
  private sessionFor(uri: vscode.Uri): InvestigationSession {
    const open = this.store.findByFile(uri);
    if (open) return open;
    const files = this.remembered?.filesWith(uri);
    if (!files) return this.store.open([uri]);
    // Opened in its order (the first file names it and wins duplicates), whichever tab came back.
    return this.store.open(files);
  }

  resolveCustomEditor(document: AuditExportDocument, panel: vscode.WebviewPanel): void {
    // The session may have been closed since the document was opened (its other panels went).
    let session = document.session;
    if (!this.store.get(session.id)) session = this.sessionFor(document.uri);
    const editor = new EditorPanel(document.uri, session, panel, this.store, this.extensionUri);
    this.panels.add(editor);
    panel.onDidDispose(() => {
      editor.dispose();
      this.panels.delete(editor);
      // The last view of an investigation is gone: close it (its tree nodes and problems go).
      if (![...this.panels].some((p) => p.session === session)) this.store.close(session);
    });
  }
}
