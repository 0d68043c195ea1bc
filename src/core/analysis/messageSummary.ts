import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import type { MiaRecord } from '../model';
import { BIND_NOT_CODED, NOT_BIND, SYNC, uncodedListsNothing, type ContextIndex } from './contextIndex';

/** What a report states of a mailbox's messages before it writes them (see `boundMessageSummary`). */
export interface BoundMessageSummary {
  /** Distinct messages (normalised ids) the Bind records list: `boundMessageTable(…).size`. */
  readonly size: number;
  /** Positions of the first and the last record listing a message (-1: none). */
  readonly firstRecord: number;
  readonly lastRecord: number;
}

/**
 * Per key id, the pass that last counted it (see `MessageCounter`): one array for every pass, an
 * entry counting only when it holds the current pass's number, so nothing needs clearing.
 */
let seen = new Int32Array(0);
let pass = 0;

/**
 * The size and span of `boundMessageTable(records, contexts)` without building it: its messages
 * counted by key id as the table finds them (codes of the investigation's `FolderStore`, or keys of
 * the folders read as objects when a record is not coded), with none of its columns or uses. A
 * report that writes each mailbox's messages from a table built as it writes them (the CLI's JSON
 * report) states the counts from this first, holding no table before it writes one.
 */
export function boundMessageSummary(
  records: readonly MiaRecord[],
  contexts: ContextIndex,
): BoundMessageSummary {
  const store = contexts.folderStore;
  const keys = store?.keyIds();
  if (store !== undefined && keys !== undefined) {
    const counter = new MessageCounter(keys.ofMessage, keys.count);
    if (counter.addCoded(records, contexts, store))
      return { size: counter.size, firstRecord: counter.firstRecord, lastRecord: counter.lastRecord };
  }
  return summaryOfObjects(records);
}

/** Counts the messages of records read as codes. */
class MessageCounter implements FolderCodeVisitor {
  size = 0;
  firstRecord = -1;
  lastRecord = -1;
  private p = 0;
  private readonly pass: number;

  constructor(
    private readonly keyOf: Int32Array,
    keyCount: number,
  ) {
    if (seen.length < keyCount) seen = new Int32Array(keyCount);
    this.pass = ++pass;
  }

  /** Reads the records as codes; false when one is not coded (the caller reads them as objects). */
  addCoded(records: readonly MiaRecord[], contexts: ContextIndex, store: FolderStore): boolean {
    const { folderAt } = contexts;
    for (let p = 0; p < records.length; p++) {
      const at = folderAt[p];
      if (at === NOT_BIND || at === SYNC) continue;
      if (at === BIND_NOT_CODED) {
        if (uncodedListsNothing(records[p])) continue;
        return false;
      }
      this.p = p;
      store.visit(at, this);
    }
    return true;
  }

  /** @internal `FolderCodeVisitor`. */
  folder(): void {}

  /** @internal `FolderCodeVisitor`. */
  message(code: number): void {
    const k = this.keyOf[code];
    if (seen[k] !== this.pass) {
      seen[k] = this.pass;
      this.size++;
    }
    if (this.firstRecord < 0) this.firstRecord = this.p;
    this.lastRecord = this.p;
  }
}

function summaryOfObjects(records: readonly MiaRecord[]): BoundMessageSummary {
  const keys = new Set<string>();
  let firstRecord = -1;
  let lastRecord = -1;
  for (let p = 0; p < records.length; p++) {
    const r = records[p];
    if (r.accessType !== 'Bind') continue;
    for (const folder of r.folders) {
      for (const m of folder.items) {
        keys.add(m.key);
        if (firstRecord < 0) firstRecord = p;
        lastRecord = p;
      }
    }
  }
  return { size: keys.size, firstRecord, lastRecord };
}
