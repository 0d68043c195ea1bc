import * as vscode from 'vscode';
import type { MiaApi } from './api';
import { registerNotYetAvailable } from './commands/notYetAvailable';
import { registerOpenExport } from './commands/openExport';
import { viewIds } from './constants';
import { AuditExportEditorProvider } from './editor/auditExportEditorProvider';
import { EmptyTreeProvider } from './views/emptyTreeProvider';

/**
 * Composition root. VS Code activates the extension from its contributions (custom editor, views,
 * commands), so package.json keeps "activationEvents" empty.
 */
export function activate(context: vscode.ExtensionContext): MiaApi {
  const mailboxes = new EmptyTreeProvider();
  const findings = new EmptyTreeProvider();
  const editor = AuditExportEditorProvider.register(context.extensionUri);

  context.subscriptions.push(
    editor.registration,
    vscode.window.registerTreeDataProvider(viewIds.mailboxes, mailboxes),
    vscode.window.registerTreeDataProvider(viewIds.findings, findings),
    registerOpenExport(),
    ...registerNotYetAvailable(),
  );

  return {
    apiVersion: 1,
    trees: { mailboxes, findings },
    editorInit: (uri) => editor.provider.lastInit(uri),
  };
}

/** Nothing to do: every registration is in context.subscriptions. */
export function deactivate(): void {}
