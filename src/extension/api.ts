import type * as vscode from 'vscode';
import type { EditorInit } from './editor/auditExportEditorProvider';
import type { InvestigationStore } from './investigation/investigationStore';

/** The part of the API the editor features provide. */
export interface EditorApi {
  /** The `init` the host last sent to the editor webview of `uri` (after the webview said `ready`). */
  editorInit(uri: vscode.Uri): EditorInit | undefined;
}

/** The part of the API the investigate features (tree, findings, diagnostics, reports) provide. */
export interface InvestigateApi {
  /** The providers behind the `mia.mailboxes` and `mia.findings` views. */
  readonly trees: {
    readonly mailboxes: vscode.TreeDataProvider<vscode.TreeItem>;
    readonly findings: vscode.TreeDataProvider<vscode.TreeItem>;
  };
}

/** What activate() returns: a small surface for tests and other extensions. */
export interface MiaApi extends EditorApi, InvestigateApi {
  /** Bumped on incompatible changes. */
  readonly apiVersion: 1;
  /** Every open investigation and the active one. */
  readonly store: InvestigationStore;
}
