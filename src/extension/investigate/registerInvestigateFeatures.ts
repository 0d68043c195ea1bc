import * as vscode from 'vscode';
import type { InvestigateApi } from '../api';
import { registerNotYetAvailable } from '../commands/notYetAvailable';
import { viewIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { EmptyTreeProvider } from '../views/emptyTreeProvider';

/** Tree, Findings, diagnostics, reveal and report commands over the open investigations. */
export function registerInvestigateFeatures(
  context: vscode.ExtensionContext,
  _store: InvestigationStore,
): InvestigateApi {
  const mailboxes = new EmptyTreeProvider();
  const findings = new EmptyTreeProvider();
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider(viewIds.mailboxes, mailboxes),
    vscode.window.registerTreeDataProvider(viewIds.findings, findings),
    ...registerNotYetAvailable(),
  );
  return { trees: { mailboxes, findings } };
}
