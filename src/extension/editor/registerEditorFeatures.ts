import * as vscode from 'vscode';
import type { EditorApi } from '../api';
import { registerAddExport } from '../commands/addExport';
import { registerOpenExport } from '../commands/openExport';
import { contextKeys } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { RememberedInvestigations } from '../investigation/rememberedInvestigations';
import { AuditExportEditorProvider } from './auditExportEditorProvider';
import { LoadProgressNotifier } from './loadProgress';
import { ReopenOffer } from './reopenOffer';

/** The custom editor, the commands that open exports into it, load progress, the reopen offer. */
export function registerEditorFeatures(
  context: vscode.ExtensionContext,
  store: InvestigationStore,
): EditorApi {
  const remembered = new RememberedInvestigations(context.workspaceState, store);
  const editor = AuditExportEditorProvider.register(context.extensionUri, store, remembered);
  const offer = new ReopenOffer(context.workspaceState, store);
  const setOpen = (): void =>
    void vscode.commands.executeCommand('setContext', contextKeys.investigationOpen, store.all.length > 0);
  setOpen();
  context.subscriptions.push(
    store.onDidChangeSessions(setOpen),
    editor.registration,
    registerOpenExport(store),
    registerAddExport(store),
    new LoadProgressNotifier(store),
    offer,
    remembered,
  );
  return {
    editorInit: (uri) => editor.provider.lastInit(uri),
    editorRequest: (uri, name, params) => editor.provider.request(uri, name, params),
    editorWebviewRequests: (uri) => editor.provider.webviewRequests(uri),
    reopenOffers: () => offer.offered,
    rememberedInvestigations: () => remembered.lists,
  };
}
