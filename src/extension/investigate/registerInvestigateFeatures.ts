import * as vscode from 'vscode';
import type { InvestigateApi } from '../api';
import { registerCopyFollowUpQuery } from '../commands/copyFollowUpQuery';
import { registerExportMessageIds } from '../commands/exportMessageIds';
import { registerGoToMessage } from '../commands/goToMessage';
import { registerRevealMessage } from '../commands/revealMessage';
import { registerScopeReport } from '../commands/scopeReport';
import { registerShowThrottledWindows } from '../commands/showThrottledWindows';
import { registerTreeCommands } from '../commands/treeCommands';
import { rawRecordScheme, reportScheme, viewIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { FindingsTreeProvider } from '../views/findingsTreeProvider';
import { MailboxTreeProvider } from '../views/mailboxTreeProvider';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { RawRecordDocuments } from './rawRecords';
import { ReportDocuments } from './reportDocuments';
import { SessionAnalysis } from './sessionAnalysis';

/** Tree, Findings, diagnostics, reveal and report commands over the open investigations. */
export function registerInvestigateFeatures(
  context: vscode.ExtensionContext,
  store: InvestigationStore,
): InvestigateApi {
  const analysis = new SessionAnalysis();
  const raw = new RawRecordDocuments(store);
  const reports = new ReportDocuments();
  const mailboxes = new MailboxTreeProvider(store, analysis);
  const findings = new FindingsTreeProvider(store, analysis);
  const diagnostics = new DiagnosticsPublisher(store, analysis);
  const mailboxView = vscode.window.createTreeView(viewIds.mailboxes, {
    treeDataProvider: mailboxes,
    showCollapseAll: true,
  });
  mailboxes.attach(mailboxView);
  // The editor's "Open raw record" opens the same read-only document as the tree.
  // (Only for records read completely: one still being read has no stable source yet.)
  store.rawRecordUri = (session, record) =>
    session.investigation.records[record] ? raw.uriFor(session, record) : undefined;
  // The editor's grid and detail label apps and IPs with the same labeller as the tree and findings.
  store.labels = () => analysis.labels;
  context.subscriptions.push(
    analysis,
    mailboxes,
    findings,
    diagnostics,
    mailboxView,
    vscode.window.createTreeView(viewIds.findings, { treeDataProvider: findings }),
    vscode.workspace.registerTextDocumentContentProvider(rawRecordScheme, raw),
    vscode.workspace.registerTextDocumentContentProvider(reportScheme, reports),
    registerRevealMessage(store, analysis, raw),
    registerGoToMessage(store, analysis, raw),
    registerScopeReport(store, analysis, reports),
    registerExportMessageIds(store, analysis, reports),
    registerShowThrottledWindows(store, analysis, raw),
    registerCopyFollowUpQuery(store, analysis),
    ...registerTreeCommands({ store, analysis, raw, mailboxes, findings }),
  );
  return {
    trees: { mailboxes, findings },
    diagnostics: diagnostics.collection,
    findings: (session) => analysis.findings(session),
    rawRecordUri: (session, record) => raw.uriFor(session, record),
  };
}
