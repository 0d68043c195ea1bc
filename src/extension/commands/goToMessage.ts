import * as vscode from 'vscode';
import { buildMailboxModel } from '../../core/browse/mailboxModel';
import { accessesOf, mailboxMessages } from '../../core/browse/messageLookup';
import { oneLine } from '../../core/findings/findings';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { RawRecordDocuments } from '../investigate/rawRecords';
import { openOneOf } from '../investigate/revealMessage';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { activeLoaded } from './scopeReport';

/**
 * `mia.goToMessage` ("Go to Message ID…"): every message id of the active investigation (and its
 * subject, mailbox and first access) in a quick pick; choosing one opens the raw AuditData of the
 * record that read it (a second pick when several did). Returns the opened document's URI.
 */
export function registerGoToMessage(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  raw: RawRecordDocuments,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.goToMessage,
    async (): Promise<vscode.Uri | undefined> => {
      const session = await activeLoaded(store);
      if (!session) return undefined;
      const time = analysis.settings.formatTime;
      const records = session.investigation.records;
      const list = mailboxMessages(buildMailboxModel(records));
      if (list.length === 0) {
        void vscode.window.showInformationMessage(`No message was read (Bind) in ${session.title}.`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        list.map((m) => ({
          label: oneLine(m.message.internetMessageId),
          description: `${oneLine(m.mailbox)} · ${time(m.message.firstAccessMs)}`,
          detail: m.message.subject === undefined ? undefined : oneLine(m.message.subject),
          item: m,
        })),
        {
          title: 'Go to Message ID',
          placeHolder: `Search ${list.length.toLocaleString('en-US')} message ids and subjects`,
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (!picked) return undefined;
      const { message } = picked.item;
      return openOneOf(
        raw,
        session,
        accessesOf(records, message.records, message.key),
        time,
        `Message ${oneLine(message.internetMessageId)}`,
      );
    },
  );
}
