import { appLabelDetail } from '../enrich/labels/labelText';
import { insertRank } from './contextListBytes';
import { LIST_CELL_MAX, listCell } from './escape';
import { messageApps, type ReportLabels } from './labelText';
import { deferredMessages, messageRowValues, type MessageRowValues, type MessageRows } from './messageRows';
import type { ContextJson, MailboxJson } from './reportTypes';

/**
 * One list cell over a mailbox's contexts (`listCell` of a message's sorted distinct values): each
 * context's value as its rank among the mailbox's values in code-unit order, each value's escaped
 * text made once. A message's cell is then its contexts' ranks, sorted, as text.
 */
class RankedCell {
  /** Rank of each context's value, by context id (-1: none). */
  private readonly rankOf: Int32Array;
  /** Escaped text of each value, by rank. */
  private readonly text: string[];
  /** The message's ranks, sorted and distinct (scratch, see `insertRank`). */
  private readonly list: Int32Array;
  /** The message's values' texts, in rank order (scratch). */
  private readonly shown: string[] = [];

  /** `valueOf` a context's value (null: none), shown as `escape(show(value))`. */
  constructor(
    contexts: readonly ContextJson[],
    valueOf: (c: ContextJson) => string | null,
    show: (value: string) => string,
    escape: (text: string) => string,
  ) {
    const values = contexts.map(valueOf);
    const sorted = [...new Set(values.filter((v) => v !== null))].sort();
    const rank = new Map(sorted.map((v, i) => [v, i]));
    this.rankOf = Int32Array.from(values, (v) => (v === null ? -1 : (rank.get(v) as number)));
    this.text = sorted.map((v) => escape(show(v)));
    this.list = new Int32Array(sorted.length);
  }

  /** The cell of the contexts `ids` (any order, each once). */
  cell(ids: readonly number[]): string {
    const { list, text, shown } = this;
    let n = 0;
    for (const id of ids) n = insertRank(list, n, this.rankOf[id]);
    shown.length = n;
    for (let j = 0; j < n; j++) shown[j] = text[list[j]];
    return listCell(shown, LIST_CELL_MAX, shownAsIs);
  }
}

/** The texts of a `RankedCell` are escaped already. */
const shownAsIs = (text: string): string => text;

/**
 * The sessions, IPs and apps cells of deferred messages, from the ids of the contexts that used
 * them: what `listCell` makes of a MessageJson's `sessions`, of its `ips` labelled and of
 * `messageApps`, without the message.
 */
class ContextCells {
  private readonly sessions: RankedCell;
  private readonly ips: RankedCell;
  private readonly apps: RankedCell;
  private readonly ids: number[] = [];
  private readonly cells = ['', '', ''];

  constructor(m: MailboxJson, labels: ReportLabels, escape: (text: string) => string) {
    const same = (v: string): string => v;
    this.sessions = new RankedCell(m.contexts, (c) => c.sessionId, same, escape);
    this.ips = new RankedCell(
      m.contexts,
      (c) => c.ip,
      (ip) => labels.ip(ip),
      escape,
    );
    // As `messageApps`: the labelled app, else ClientAppId, else AppId.
    this.apps = new RankedCell(
      m.contexts,
      (c) => (c.appLabel ? appLabelDetail(c.appLabel) : (c.clientAppId ?? c.appId)),
      same,
      escape,
    );
  }

  /** The cells of message k of `rows` (one array reused message after message). */
  of(rows: MessageRows, k: number): readonly string[] {
    const ids = rows.contextIds(k, this.ids);
    const cells = this.cells;
    cells[0] = this.sessions.cell(ids);
    cells[1] = this.ips.cell(ids);
    cells[2] = this.apps.cell(ids);
    return cells;
  }
}

/**
 * `row` of each message of mailbox `m`, in report order, given the message's values and its
 * sessions, IPs and apps cells (escaped by `escape`, as `listCell` lists them). Messages left as
 * rows (`deferredMessages`: the CLI's and the extension's reports) are read from them without a
 * `MessageJson` each (`MessageRows.rowValues`; the list cells from the contexts' ids).
 */
export function* messageRowCells<T>(
  m: MailboxJson,
  labels: ReportLabels,
  escape: (text: string) => string,
  row: (msg: MessageRowValues, lists: readonly string[]) => T,
): Generator<T, void, undefined> {
  const rows = deferredMessages(m);
  if (rows === undefined) {
    const cell = (values: readonly string[]) => listCell(values, LIST_CELL_MAX, escape);
    for (const msg of m.messages)
      yield row(msg, [
        cell(msg.sessions),
        cell(msg.ips.map((ip) => labels.ip(ip))),
        cell(messageApps(m, msg)),
      ]);
    return;
  }
  const lists = new ContextCells(m, labels, escape);
  const values = messageRowValues();
  for (let k = 0; k < rows.size; k++) yield row(rows.rowValues(k, values), lists.of(rows, k));
}
