import * as vscode from 'vscode';
import type { MiaApi } from './api';
import { registerAddMetadata } from './commands/addMetadata';
import { registerEditorFeatures } from './editor/registerEditorFeatures';
import { registerInvestigateFeatures } from './investigate/registerInvestigateFeatures';
import { InvestigationStore } from './investigation/investigationStore';
import { configureSavedIndex, savedIndexFolder } from './investigation/savedIndexSetting';
import { createLog } from './log';

/**
 * Composition root. VS Code activates the extension from its contributions (custom editor, views,
 * commands), so package.json keeps "activationEvents" empty. One store of open investigations is
 * shared by the editor (which opens them) and the investigate surfaces (tree, diagnostics, reports).
 */
export function activate(context: vscode.ExtensionContext): MiaApi {
  context.subscriptions.push(createLog());
  configureSavedIndex(context);
  const store = new InvestigationStore();
  context.subscriptions.push(store);
  const editor = registerEditorFeatures(context, store);
  const investigate = registerInvestigateFeatures(context, store);
  context.subscriptions.push(registerAddMetadata(store));
  return { apiVersion: 1, store, ...editor, ...investigate, savedIndexFolder };
}

/** Nothing to do: every registration is in context.subscriptions. */
export function deactivate(): void {}
