import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { openRawRecord, type RawRecordDocuments } from '../investigate/rawRecords';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { activeLoaded } from './scopeReport';

/**
 * `mia.showThrottledWindows`: every throttle window of the active investigation in a quick pick;
 * choosing one opens the raw AuditData of the record that opened it (and selects it in the grid).
 * Returns the opened document's URI.
 */
export function registerShowThrottledWindows(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  raw: RawRecordDocuments,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.showThrottledWindows,
    async (): Promise<vscode.Uri | undefined> => {
      const session = await activeLoaded(store);
      if (!session) return undefined;
      const time = analysis.settings.formatTime;
      const windows = analysis
        .findings(session)
        .filter((f) => f.code === 'mia.throttled' && f.record !== undefined)
        .sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
      if (windows.length === 0) {
        void vscode.window.showInformationMessage(`No throttled window in ${session.title}.`);
        return undefined;
      }
      const sources = session.investigation.sources;
      const picked = await vscode.window.showQuickPick(
        windows.map((f) => ({
          label: `$(warning) ${f.mailbox ?? ''}`,
          description: `${time(f.startMs!)} – ${time(f.endMs!)}`,
          detail: `basis ${(f.basis ?? []).join(', ')} · opened by ${path.basename(sources[f.sourceIndex]?.path ?? '?')}:${f.line} · Bind access not audited: assume every item was read`,
          finding: f,
        })),
        {
          title: 'Throttled windows',
          placeHolder: `${windows.length} window(s): choose one to open the record that opened it`,
          matchOnDescription: true,
        },
      );
      if (!picked) return undefined;
      return openRawRecord(raw, session, picked.finding.record!);
    },
  );
}
