import { usesInOrder } from './contextValues';
import type { ContextUseJson, MailboxJson, MessageJson, RecordRefJson } from './reportTypes';
import { asciiBytes, ByteText } from './byteText';
import { ContextListBytes, quote } from './contextListBytes';
import { br, bytePieces, type BytePieces } from './messagePieces';
import type { BoundMessageSummary } from '../analysis/messageSummary';
import type { BoundMessageTable } from '../analysis/messageTable';
import { messageJson, withTable, type MessageSource } from './toJson';
import { CompactRecord } from '../investigation/compactRecord';
import { GUID_LENGTH } from '../investigation/guidColumn';
import { codeCutsEnds, codeLowerCases, GIVEN_KEY } from '../investigation/messageColumns';

/**
 * Bytes made once per depth of the messages (in a report, one): the constant pieces around a
 * message's values joined with the values that repeat, so a message takes a few dozen copies.
 */
interface DepthPieces {
  readonly x: BytePieces;
  /** `"folders": ["<path>"], "firstAccessUtc": "` of a message in one folder, by path. */
  readonly oneFolder: Map<string, Uint8Array>;
  /** `"subject": null, "sessions": `. */
  readonly noSubject: Uint8Array;
  /** `{"context": <id>, "firstUtc": "`, by context id. */
  readonly useHead: Uint8Array[];
  /** `"contexts": [{"context": <id>, "firstUtc": "`, by context id. */
  readonly contextsHead: Uint8Array[];
  /** `"contexts": [`. */
  readonly contextsOpen: Uint8Array;
  /** The end of a use and the start of the next. */
  readonly useNext: Uint8Array;
  /** The end of the last use, of the list and `"firstRecord": {"source": <path>, "line": `, by source. */
  readonly usesTail: Uint8Array[];
}

/** The bytes of the pieces given, one after the other. */
function joined(...pieces: Uint8Array[]): Uint8Array {
  return Buffer.concat(pieces);
}

/**
 * The messages of one mailbox, kept as the columns they were tallied in (`BoundMessageTable`) and
 * written as text straight from them: a mailbox's report of 100,000 messages needs no message
 * object, so the JSON report of a large export is written without holding a MessageJson (and its
 * arrays and context objects) per message. `json(k)` builds the object `messageJson` builds; the text
 * that `write(k, …)` appends is exactly JSON.stringify of that object (checked by the report tests).
 */
export class MessageRows {
  readonly size: number;
  private readonly sources: Uint8Array[] = [];
  /** Folder paths quoted once (a mailbox has a few dozen; JSON escapes their backslashes). */
  private readonly folderBytes = new Map<string, Uint8Array>();
  /** Scratch list of `uses`. */
  private readonly order: number[] = [];
  private pieces: DepthPieces | undefined;
  /** The source with its table, and the sessions, IPs, clients and apps lists of a message. */
  private built: { source: MessageSource; lists: ContextListBytes } | undefined;

  constructor(from: MessageSource);
  /**
   * Messages whose table is built when they are first read (`table`) and let go by `release`: a
   * report holding every mailbox's rows holds one table at a time while it is written. `summary` is
   * what the table would say of its size and span.
   */
  constructor(
    from: Omit<MessageSource, 'table'>,
    table: () => BoundMessageTable,
    summary: BoundMessageSummary,
  );
  constructor(
    private readonly from: Omit<MessageSource, 'table'> & { table?: BoundMessageTable },
    private readonly table?: () => BoundMessageTable,
    private readonly summary?: BoundMessageSummary,
  ) {
    this.size = summary?.size ?? (from.table as BoundMessageTable).size;
  }

  /** True while a table built when read is held (see `release`). */
  get holdsTable(): boolean {
    return this.table !== undefined && this.built !== undefined;
  }

  /** Lets a table built when read go (it is built again if read again). */
  release(): void {
    if (this.table !== undefined) this.built = undefined;
  }

  /** The source with its table (built now if it is built when read). */
  private get withTable(): MessageSource {
    return this.parts().source;
  }

  private get lists(): ContextListBytes {
    return this.parts().lists;
  }

  private parts(): { source: MessageSource; lists: ContextListBytes } {
    if (this.built === undefined) {
      const table = this.from.table ?? (this.table as () => BoundMessageTable)();
      this.built = {
        source: withTable(this.from, table),
        lists: new ContextListBytes(this.from.contexts, table.uses),
      };
    }
    return this.built;
  }

  /** The k-th message in report order, as `messageJson` builds it. */
  json(k: number): MessageJson {
    return messageJson(this.withTable, this.withTable.table.order[k]);
  }

  /**
   * The values of the k-th message (report order) that a table row shows beside its context lists,
   * as `json(k)` holds them, written into `into` (one object reused row after row): no lists, uses
   * or record reference are made for it. Deferred messages have no metadata: those fields are null.
   */
  rowValues(k: number, into: MessageRowValues): MessageRowValues {
    const { table: t, times, records, paths } = this.withTable;
    const i = t.order[k];
    const p = records[t.firstRecord[i]].provenance;
    into.internetMessageId = t.internetMessageId(i);
    into.subject = t.subject(i) ?? null;
    into.folders = t.folders(i);
    into.firstAccessUtc = times.at(t.firstRecord[i]);
    into.lastAccessUtc = times.at(t.lastRecord[i]);
    into.accessCount = t.accessCount[i];
    into.sizeInBytes = t.sizeInBytes(i) ?? null;
    into.firstRecord.source = paths[p.sourceIndex] ?? '';
    into.firstRecord.line = p.line;
    return into;
  }

  /** The id of the first record listing the k-th message (report order). */
  firstRecordId(k: number): string {
    const { table: t, records } = this.withTable;
    return records[t.firstRecord[t.order[k]]].id;
  }

  /**
   * The uses of the k-th message (report order) as `json(k).contexts` lists them (by first use,
   * then context key), written into `into` (its objects reused); returns how many.
   */
  useList(k: number, into: ContextUseJson[]): number {
    const { table, contexts, times } = this.withTable;
    const uses = table.uses;
    const order = usesInOrder(uses, uses.firstUse(table.order[k]), contexts.keyRank, times.ms, this.order);
    for (let j = 0; j < order.length; j++) {
      const u = order[j];
      const use = (into[j] ??= { context: 0, firstUtc: '', lastUtc: '', count: 0 });
      use.context = uses.contextOf(u);
      use.firstUtc = times.at(uses.firstRecordOf(u));
      use.lastUtc = times.at(uses.lastRecordOf(u));
      use.count = uses.countOf(u);
    }
    return order.length;
  }

  /**
   * The ids of the contexts that used the k-th message (report order; the ids of the mailbox's
   * `contexts`), each once, in no particular order, written into `into` (emptied first).
   */
  contextIds(k: number, into: number[]): number[] {
    const { table } = this.withTable;
    const uses = table.uses;
    into.length = 0;
    for (let u = uses.firstUse(table.order[k]); u >= 0; u = uses.nextUse(u)) into.push(uses.contextOf(u));
    return into;
  }

  /** Normalised id of the k-th message in report order. */
  key(k: number): string {
    return this.withTable.table.key(this.withTable.table.order[k]);
  }

  /** First access of the mailbox's messages and their last access, as the report writes them. */
  span(): { firstUtc: string | null; lastUtc: string | null } {
    const { summary } = this;
    if (summary !== undefined) {
      if (summary.size === 0) return { firstUtc: null, lastUtc: null };
      const { times } = this.from;
      return { firstUtc: times.at(summary.firstRecord), lastUtc: times.at(summary.lastRecord) };
    }
    const { table: t, times } = this.withTable;
    if (t.size === 0) return { firstUtc: null, lastUtc: null };
    // Records are in time order: the latest position is the latest time.
    let last = t.lastRecord[0];
    for (let i = 1; i < t.size; i++) if (t.lastRecord[i] > last) last = t.lastRecord[i];
    return { firstUtc: times.at(t.firstRecord[t.order[0]]), lastUtc: times.at(last) };
  }

  /** The pieces of messages written with the constant pieces `x` (made again for another depth). */
  private piecesFor(x: BytePieces): DepthPieces {
    let d = this.pieces;
    if (d === undefined || d.x !== x) {
      d = {
        x,
        oneFolder: new Map(),
        noSubject: joined(x.subject, NULL, x.sessions),
        useHead: [],
        contextsHead: [],
        contextsOpen: joined(x.contexts, x.listOpen),
        useNext: joined(x.useClose, x.listSep),
        usesTail: [],
      };
      this.pieces = d;
    }
    return d;
  }

  private folder(f: string): Uint8Array {
    let q = this.folderBytes.get(f);
    if (q === undefined) this.folderBytes.set(f, (q = quote(f)));
    return q;
  }

  private source(index: number): Uint8Array {
    return (this.sources[index] ??= quote(this.from.paths[index] ?? ''));
  }

  /** `{"context": <id>, "firstUtc": "` (every use of the context starts so). */
  private useHead(id: number, d: DepthPieces): Uint8Array {
    let head = d.useHead[id];
    if (head === undefined) {
      const b = new ByteText(64);
      b.raw(d.x.useOpen);
      b.num(id);
      b.raw(d.x.useFirst);
      head = d.useHead[id] = new Uint8Array(b.view());
    }
    return head;
  }

  /** Use `v` of the uses table from its first time on, up to its count (its close is the caller's). */
  private useRest(v: number, x: BytePieces, to: ByteText): void {
    const { table, times } = this.withTable;
    const uses = table.uses;
    times.write(uses.firstRecordOf(v), to);
    to.raw(x.useLast);
    times.write(uses.lastRecordOf(v), to);
    to.raw(x.useCount);
    to.num(uses.countOf(v));
  }

  /**
   * `"contexts": […], "firstRecord": {"source": <path>, "line": ` of message `i` (first record
   * from source `source`), the uses by first use, then context key, as `messageUses` orders them.
   */
  private uses(i: number, d: DepthPieces, source: number, to: ByteText): void {
    const { table, contexts, times } = this.withTable;
    const x = d.x;
    const uses = table.uses;
    const u = uses.firstUse(i);
    if (u < 0) {
      to.raw(x.contexts);
      to.raw(EMPTY_LIST);
      to.raw(x.source);
      to.raw(this.source(source));
      to.raw(x.line);
      return;
    }
    let tail = d.usesTail[source];
    if (tail === undefined)
      tail = d.usesTail[source] = joined(x.useClose, x.listClose, x.source, this.source(source), x.line);
    if (uses.nextUse(u) < 0) {
      const id = uses.contextOf(u);
      let head = d.contextsHead[id];
      if (head === undefined) head = d.contextsHead[id] = joined(d.contextsOpen, this.useHead(id, d));
      to.raw(head);
      this.useRest(u, x, to);
      to.raw(tail);
      return;
    }
    to.raw(d.contextsOpen);
    const order = usesInOrder(uses, u, contexts.keyRank, times.ms, this.order);
    for (let j = 0; j < order.length; j++) {
      if (j > 0) to.raw(d.useNext);
      to.raw(this.useHead(uses.contextOf(order[j]), d));
      this.useRest(order[j], x, to);
    }
    to.raw(tail);
  }

  /**
   * Appends to `out` the k-th message (report order) as JSON.stringify(json(k), null, 2) writes it
   * `depth` levels deep (see `writeBytes`).
   */
  write(k: number, depth: number, out: string[]): void {
    const text = new ByteText(4096);
    this.writeBytes(k, depth, text);
    out.push(text.toString());
  }

  /**
   * Writes to `to` the UTF-8 of the k-th message (report order) as JSON.stringify(json(k), null, 2)
   * writes it `depth` levels deep (the object's first line is not indented: the enclosing array
   * writes that). Times are the record times' text (`RecordTimes`), free of anything JSON escapes.
   */
  writeBytes(k: number, depth: number, to: ByteText): void {
    const { table: t, times, records } = this.withTable;
    const i = t.order[k];
    const r = records[t.firstRecord[i]];
    const p = r.provenance;
    // A loaded record's GUID id is written from its column (`writeGuidId`); any other id is read
    // once (a loaded record makes its id's text each time it is asked).
    const guid = r instanceof CompactRecord && r.holdsGuidId() ? r : undefined;
    const id = guid === undefined ? r.id : '';
    // Anything a record's types do not promise is left to JSON.stringify (it omits or nulls it).
    if (typeof id !== 'string' || typeof p.line !== 'number' || typeof p.offset !== 'number') {
      to.text(exact(this.json(k), depth));
      return;
    }
    const d = this.piecesFor(bytePieces(depth));
    const x = d.x;
    const subject = t.subject(i);
    to.raw(x.open);
    const messageId = t.internetMessageId(i);
    const idAt = to.length + 1;
    const plain = to.quoted(messageId);
    to.raw(x.key);
    // A key made from the id is written from the id's bytes just written (no key text made).
    const kind = t.keyKind(i);
    if (plain && kind !== GIVEN_KEY)
      to.requoted(idAt, messageId.length, codeCutsEnds(kind), codeLowerCases(kind));
    else to.quoted(t.key(i));
    const folders = t.folders(i);
    if (folders.length === 1) {
      const f = folders[0];
      let piece = d.oneFolder.get(f);
      if (piece === undefined)
        d.oneFolder.set(
          f,
          (piece = joined(x.folders, x.listOpen, this.folder(f), x.listClose, x.firstAccess)),
        );
      to.raw(piece);
    } else {
      to.raw(x.folders);
      if (folders.length === 0) to.raw(EMPTY_LIST);
      else {
        to.raw(x.listOpen);
        for (let j = 0; j < folders.length; j++) {
          if (j > 0) to.raw(x.listSep);
          to.raw(this.folder(folders[j]));
        }
        to.raw(x.listClose);
      }
      to.raw(x.firstAccess);
    }
    times.write(t.firstRecord[i], to);
    to.raw(x.lastAccess);
    times.write(t.lastRecord[i], to);
    to.raw(x.accessCount);
    to.num(t.accessCount[i]);
    to.raw(x.size);
    to.num(t.sizeInBytes(i));
    if (subject === undefined) to.raw(d.noSubject);
    else {
      to.raw(x.subject);
      to.quoted(subject);
      to.raw(x.sessions);
    }
    this.lists.write(i, x, to);
    this.uses(i, d, p.sourceIndex, to);
    to.num(p.line);
    to.raw(x.recordId);
    if (guid === undefined) to.quoted(id);
    else writeGuidId(guid, to);
    to.raw(x.offset);
    to.num(p.offset);
    to.raw(x.sourceIndex);
    to.num(p.sourceIndex);
    to.raw(subject === undefined ? x.noSubjectTail : x.auditTail);
  }
}

/** What `MessageRows.rowValues` gives of a message: the fields of its `MessageJson` a table row shows. */
export type MessageRowValues = Pick<
  MessageJson,
  | 'internetMessageId'
  | 'subject'
  | 'sender'
  | 'sentUtc'
  | 'receivedUtc'
  | 'hasAttachments'
  | 'folders'
  | 'firstAccessUtc'
  | 'lastAccessUtc'
  | 'accessCount'
  | 'sizeInBytes'
> & { firstRecord: Pick<RecordRefJson, 'source' | 'line'> };

/** A `MessageRowValues` to fill (its metadata fields stay null: deferred messages have none). */
export function messageRowValues(): MessageRowValues {
  return {
    internetMessageId: '',
    subject: null,
    sender: null,
    sentUtc: null,
    receivedUtc: null,
    hasAttachments: null,
    folders: [],
    firstAccessUtc: '',
    lastAccessUtc: '',
    accessCount: 0,
    sizeInBytes: null,
    firstRecord: { source: '', line: 0 },
  };
}

/** `JSON.stringify(record.id)` of a record whose id is held as a GUID, written from its column. */
function writeGuidId(record: CompactRecord, to: ByteText): void {
  const at = to.claim(GUID_LENGTH + 2);
  const bytes = to.bytes;
  bytes[at] = QUOTE;
  record.writeGuidId(bytes, at + 1);
  bytes[at + GUID_LENGTH + 1] = QUOTE;
}

const QUOTE = 0x22;
const EMPTY_LIST = asciiBytes('[]');
const NULL = asciiBytes('null');

/** JSON.stringify(value, null, 2) as written `depth` levels deep. */
function exact(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, br(depth));
}

/**
 * Messages of report mailboxes left as rows (see `buildScopeReport`'s `deferMessages`): such a
 * mailbox's `messages` is empty and the JSON writer writes these instead.
 */
const deferred = new WeakMap<MailboxJson, MessageRows>();

/** Leaves `mailbox`'s messages as `rows` (its `messages` stays empty). */
export function deferMessages(mailbox: MailboxJson, rows: MessageRows): void {
  deferred.set(mailbox, rows);
}

/** The deferred messages of a report mailbox, if any. */
export function deferredMessages(mailbox: object): MessageRows | undefined {
  return deferred.get(mailbox as MailboxJson);
}

/** Number of messages of a report mailbox, deferred or not. */
export function messageCount(mailbox: MailboxJson): number {
  return deferred.get(mailbox)?.size ?? mailbox.messages.length;
}

/** Number of messages of a report's mailboxes together (a message read in two mailboxes counts twice). */
export function reportMessageCount(mailboxes: readonly MailboxJson[]): number {
  return mailboxes.reduce((n, m) => n + messageCount(m), 0);
}
