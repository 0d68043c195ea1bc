import * as vscode from 'vscode';
import type { EditorApi } from '../api';
import { registerOpenExport } from '../commands/openExport';
import type { InvestigationStore } from '../investigation/investigationStore';
import { AuditExportEditorProvider } from './auditExportEditorProvider';

/** The custom editor and the commands that open exports into it. */
export function registerEditorFeatures(context: vscode.ExtensionContext, _store: InvestigationStore): EditorApi {
  const editor = AuditExportEditorProvider.register(context.extensionUri);
  context.subscriptions.push(editor.registration, registerOpenExport());
  return { editorInit: (uri) => editor.provider.lastInit(uri) };
}
