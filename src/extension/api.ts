import type * as vscode from 'vscode';
import type { RequestName, Requests } from '../protocol/messages';
import type { EditorInit } from './editor/auditExportEditorProvider';
import type { Finding } from '../core/findings/types';
import type { InvestigationSession } from './investigation/investigationSession';
import type { InvestigationStore } from './investigation/investigationStore';
import type { FindingsTreeProvider } from './views/findingsTreeProvider';
import type { MailboxTreeProvider } from './views/mailboxTreeProvider';

/** The part of the API the editor features provide. */
export interface EditorApi {
  /** The `init` the host last sent to the editor webview of `uri` (after the webview said `ready`). */
  editorInit(uri: vscode.Uri): EditorInit | undefined;
  /**
   * Runs a request on the investigator editor showing `uri` through the very handlers its webview's
   * messages reach (the panel's own query, filter and sort). Rejects when no editor shows `uri`.
   */
  editorRequest<K extends RequestName>(
    uri: vscode.Uri,
    name: K,
    params: Requests[K][0],
  ): Promise<Requests[K][1]>;
  /** The latest requests the webview of `uri` sent to the host, oldest first (name and parameters). */
  editorWebviewRequests(uri: vscode.Uri): readonly { name: string; params: unknown }[];
  /** Files offered for reopening in the investigator since activation (URI string and container). */
  reopenOffers(): readonly { uri: string; container: string }[];
  /** The file lists (URI strings) remembered for each open investigation, restored after a reload. */
  rememberedInvestigations(): readonly (readonly string[])[];
}

/** The part of the API the investigate features (tree, findings, diagnostics, reports) provide. */
export interface InvestigateApi {
  /** The providers behind the `mia.mailboxes` and `mia.findings` views (nodes are plain data). */
  readonly trees: {
    readonly mailboxes: MailboxTreeProvider;
    readonly findings: FindingsTreeProvider;
  };
  /** The `MailItemsAccessed` diagnostics (also readable with `vscode.languages.getDiagnostics`). */
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Every finding of a session (uncapped), as the diagnostics and the Findings view show them. */
  findings(session: InvestigationSession): readonly Finding[];
  /** The `mia-raw` URI of a record's raw AuditData document. */
  rawRecordUri(session: InvestigationSession, record: number): vscode.Uri;
}

/** What activate() returns: a small surface for tests and other extensions. */
export interface MiaApi extends EditorApi, InvestigateApi {
  /** Bumped on incompatible changes. */
  readonly apiVersion: 1;
  /** Every open investigation and the active one. */
  readonly store: InvestigationStore;
  /** The folder of saved export indexes now (undefined when `mia.index.enabled` is off). */
  savedIndexFolder(): string | undefined;
}
