import * as vscode from 'vscode';
import { messageIdCount, writeMessageIdsCsv } from '../../core/report/messageIdsCsv';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { saveText, writeOutput, type ReportDocuments } from '../investigate/reportDocuments';
import { limitText } from '../investigate/reportDelivery';
import { byteSize } from '../byteSize';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { promptScope } from '../investigate/scopePrompts';
import { activeLoaded, isArgs, produceReport, toUri, type ScopeReportArgs } from './scopeReport';

/** What `mia.exportMessageIds` returns. */
export interface MessageIdExport {
  /** Message rows written (one per mailbox and message). */
  count: number;
  csv: string;
  /** The file written, if any. */
  output?: string;
}

/**
 * `mia.exportMessageIds`: the in-scope InternetMessageIds (same scope choices as the scoping report)
 * as CSV for a Content Search or message trace. Interactive: asks the scope, then where to save
 * (cancel: opens it as a document) and returns nothing. From code: options as `mia.scopeReport`
 * (`output`, `open`), returns the list.
 */
export function registerExportMessageIds(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  docs: ReportDocuments,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.exportMessageIds,
    async (arg?: unknown): Promise<MessageIdExport | undefined> => {
      let args: ScopeReportArgs;
      if (isArgs(arg)) args = arg;
      else {
        const session = await activeLoaded(store);
        if (!session) return undefined;
        const choices = await promptScope(session, analysis.settings.formatTime, 'Export Message IDs');
        if (!choices) return undefined;
        args = choices;
      }
      // Message ids are written from the rows (no object per message).
      const { report, inputs } = await produceReport(store, analysis, args, { deferMessages: true });
      const csv = writeMessageIdsCsv(report);
      const result: MessageIdExport = { count: messageIdCount(report), csv };
      if (isArgs(arg)) {
        if (arg.output !== undefined) {
          const target = toUri(arg.output);
          await writeOutput(target, csv, inputs);
          result.output = target.fsPath;
        }
        if (arg.open) await openCsv(docs, csv, analysis.settings.maxShownChars);
        return result;
      }
      const saved = await saveText(csv, 'message-ids.csv', 'csv', inputs);
      if (saved) {
        void vscode.window.showInformationMessage(`${result.count} message id(s) written to ${saved.fsPath}`);
      } else {
        await openCsv(docs, csv, analysis.settings.maxShownChars);
      }
      // Nothing is returned to the palette or a menu: the workbench would serialise the list.
      return undefined;
    },
  );
}

/** Shows the list as a read-only document, unless it is longer than `maxShownChars` (see `deliverTextReport`). */
async function openCsv(docs: ReportDocuments, csv: string, maxShownChars: number): Promise<void> {
  if (csv.length > maxShownChars) {
    void vscode.window.showWarningMessage(
      `The message-id list (${byteSize(Buffer.byteLength(csv))}) is larger than ${limitText(maxShownChars)}, ` +
        'too large to show in VS Code: save it to a file instead.',
    );
    return;
  }
  const doc = await vscode.workspace.openTextDocument(docs.add('message-ids', 'csv', csv));
  await vscode.window.showTextDocument(doc, { preview: false });
}
