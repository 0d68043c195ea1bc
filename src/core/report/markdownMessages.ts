import { mdList, mdText } from './escape';
import { messageDate, type ReportLabels, yesNo } from './labelText';
import { num, recordLink } from './markdownParts';
import { messageRowCells } from './messageRowCells';
import type { MessageRowValues } from './messageRows';
import type { MailboxJson } from './reportTypes';

/** The cells of a message's row, escaped; `lists` its sessions, IPs and apps cells. */
function messageCells(msg: MessageRowValues, lists: readonly string[], names: Map<string, string>): string[] {
  return [
    mdText(msg.internetMessageId),
    msg.subject === null ? '—' : mdText(msg.subject),
    msg.sender === null ? '—' : mdText(msg.sender),
    messageDate(msg) ?? '—',
    yesNo(msg.hasAttachments) ?? '—',
    mdList(msg.folders),
    msg.firstAccessUtc,
    msg.lastAccessUtc,
    num(msg.accessCount),
    num(msg.sizeInBytes),
    lists[0],
    lists[1],
    lists[2],
    recordLink(msg.firstRecord, names),
  ];
}

/** The cells of each row of mailbox `m`'s message table, in report order (see `messageRowCells`). */
export function markdownMessageCells(
  m: MailboxJson,
  labels: ReportLabels,
  names: Map<string, string>,
): Generator<string[], void, undefined> {
  return messageRowCells(m, labels, mdText, (msg, lists) => messageCells(msg, lists, names));
}
