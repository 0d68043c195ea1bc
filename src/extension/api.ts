import type * as vscode from 'vscode';
import type { EditorInit } from './editor/auditExportEditorProvider';

/** What activate() returns: a small surface for tests and other extensions. */
export interface MiaApi {
  /** Bumped on incompatible changes. */
  readonly apiVersion: 1;
  /** The providers behind the `mia.mailboxes` and `mia.findings` views. */
  readonly trees: {
    readonly mailboxes: vscode.TreeDataProvider<vscode.TreeItem>;
    readonly findings: vscode.TreeDataProvider<vscode.TreeItem>;
  };
  /** The `init` the host last sent to the editor webview of `uri` (after the webview said `ready`). */
  editorInit(uri: vscode.Uri): EditorInit | undefined;
}
