import * as vscode from 'vscode';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { RawRecordDocuments } from '../investigate/rawRecords';
import { revealMessage, type RevealMessageArgs } from '../investigate/revealMessage';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';

/** `mia.revealMessage` with `{ internetMessageId, mailbox?, pick? }`: see `revealMessage`. */
export function registerRevealMessage(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  raw: RawRecordDocuments,
): vscode.Disposable {
  return vscode.commands.registerCommand(commandIds.revealMessage, (args: RevealMessageArgs) =>
    revealMessage(store, raw, analysis.settings.formatTime, args),
  );
}
