import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import { writeCodedFolders } from '../investigation/codedRecord';
import type { MiaRecord } from '../model';
import { facetNames, type GridColumn } from '../../protocol/messages';
import { ColumnCodes } from './columnCodes';
import { MessageText } from './messageText';
import { cellText, itemCount } from './recordColumns';
import { ascendingOrder, extendedOrder, rankedOrder } from './sortOrder';
import { TextBlob } from './textBlob';

/** Columns held as codes of distinct values (every grid column but the numeric ones). */
export type CodedColumn = Exclude<GridColumn, 'time' | 'items'>;

const codedColumns: readonly CodedColumn[] = [
  'mailbox',
  'access',
  'session',
  'ip',
  'client',
  'app',
  'throttled',
  'actor',
  'folders',
  'subject',
];
/** Records indexed between two looks at the clock while warming. */
const warmChunk = 2_048;

interface SortEntry {
  length: number;
  order: Int32Array;
  key: ArrayLike<number>;
}

/**
 * What the grid's queries read instead of the records: per column codes of distinct values, the
 * listed messages as searchable text, the record ids as searchable text, times and item counts,
 * and a sort order per column. Built on first use or ahead of it (`warm`, while a file loads),
 * extended as the record list grows, shared by every query over the same list.
 */
export class RecordIndex {
  private readonly columns = new Map<CodedColumn, ColumnCodes>();
  private messageText: MessageText | undefined;
  private readonly idText = new TextBlob();
  private readonly sorts = new Map<GridColumn, SortEntry>();
  private readonly timeKeys = new NumberColumn(Float64Array, (r) => r.timeMs);
  /**
   * The items column's sort key as a small code: messages listed + 1, 0 for Sync records (their
   * cell is empty). Sorted like the string columns' codes, by the same (already compiled) code.
   */
  private readonly itemCodes = new NumberColumn(Uint32Array, (r) =>
    r.accessType === 'Sync' ? 0 : itemCount(r) + 1,
  );
  /** Each facet's value counts over every record (by code, in `facetNames` order), while current. */
  private allCounts: { length: number; counts: Int32Array[] } | undefined;
  /** Which message metadata the subject column was built with (it changes as metadata is added). */
  private subjectMetadata: { index?: MessageMetadataIndex; sources: number; size: number } = {
    sources: 0,
    size: 0,
  };

  constructor(readonly records: readonly MiaRecord[]) {}

  /** A column's codes, covering every record (the subject column with `metadata`'s subjects). */
  column(c: CodedColumn, metadata?: MessageMetadataIndex): ColumnCodes {
    if (c === 'subject') this.useSubjectMetadata(metadata);
    return this.codesOf(c, metadata).extend(this.records);
  }

  /** Records before this one have their folders written as codes (`writeCodedFolders`). */
  private codedUpTo = 0;

  /** Writes the records' folders up to `end`, or until `deadline` (a reopened index's, in slices). */
  private writeCodedFolders(end: number, deadline: number): void {
    for (let i = this.codedUpTo; i < end; i++) {
      if (!writeCodedFolders(this.records[i], deadline)) return;
      this.codedUpTo = i + 1;
    }
  }

  private codesOf(c: CodedColumn, metadata?: MessageMetadataIndex): ColumnCodes {
    let codes = this.columns.get(c);
    if (!codes) {
      codes = new ColumnCodes((r) => cellText(r, c, metadata));
      this.columns.set(c, codes);
    }
    return codes;
  }

  /**
   * Builds what the grid's queries read, for the records present now, until `deadline`
   * (`performance.now()` time): called in slices while a file loads, so the first filter, text
   * search or sort after loading finds it ready. True when everything is built.
   */
  warm(deadline: number, metadata?: MessageMetadataIndex): boolean {
    const records = this.records;
    const n = records.length;
    this.useSubjectMetadata(metadata);
    // What an unfiltered query reads first (times, column codes: the first rows and the facet
    // counts of a reopened export wait for them), the searchable text last.
    const steps: { done: () => number; step: (end: number) => void }[] = [
      { done: () => this.timeKeys.length, step: (end) => this.timeKeys.extend(records, end) },
      // A reopened index's folders as codes, before the columns that read them.
      { done: () => this.codedUpTo, step: (end) => this.writeCodedFolders(end, deadline) },
    ];
    for (const c of codedColumns) {
      const codes = () => this.codesOf(c, metadata);
      steps.push({ done: () => codes().length, step: (end) => codes().extend(records, end) });
    }
    steps.push(
      { done: () => this.itemCodes.length, step: (end) => this.itemCodes.extend(records, end) },
      { done: () => this.idText.length, step: (end) => this.extendIds(end) },
      {
        done: () => this.messageText?.length ?? 0,
        step: (end) => (this.messageText ??= new MessageText()).extend(records, end),
      },
    );
    for (const { done, step } of steps) {
      for (let at = done(); at < n; at = done()) {
        if (performance.now() >= deadline) return false;
        step(Math.min(n, at + warmChunk));
      }
    }
    // The last pieces of searchable text join their blocks now rather than on the first search.
    this.idText.seal();
    this.messageText?.seal();
    // Ranks (the grid's order of each column's values) only grow by a merge: keep them current.
    for (const c of codedColumns) {
      const codes = this.codesOf(c, metadata);
      if (codes.ranked) continue;
      if (performance.now() >= deadline) return false;
      codes.ranks();
    }
    // The grid's default order (by time), kept current by merging in the records added: the
    // first view after loading finds it, and the sort's code is warm (compiled) by then.
    if (this.sorts.get('time')?.length !== n) {
      if (performance.now() >= deadline) return false;
      this.sorted('time');
    }
    return true;
  }

  /**
   * How many records have each value of each facet (`facetNames` order, by value code): what an
   * unfiltered view shows, recounted only when the list grew. Callers must not change them.
   */
  facetCounts(): readonly Int32Array[] {
    const n = this.records.length;
    if (this.allCounts?.length === n) return this.allCounts.counts;
    const counts = facetNames.map((f) => {
      const column = this.column(f);
      const count = new Int32Array(column.values.length);
      const codes = column.codes;
      for (let i = 0; i < n; i++) count[codes[i]]++;
      return count;
    });
    this.allCounts = { length: n, counts };
    return counts;
  }

  /** The messages listed by every record. */
  messages(): MessageText {
    this.messageText ??= new MessageText();
    return this.messageText.extend(this.records);
  }

  /** Each record's time (epoch ms), by record index. */
  times(): Float64Array {
    return this.timeKeys.extend(this.records, this.records.length);
  }

  /** Lower-cased record ids, by record index. */
  ids(): TextBlob {
    this.extendIds(this.records.length);
    return this.idText;
  }

  private extendIds(end: number): void {
    for (let i = this.idText.length; i < end; i++) this.idText.push(this.records[i].id.toLowerCase());
  }

  /**
   * Record indices sorted by a column ascending (ties by index) and each record's sort key; the
   * order is recomputed only when the list grew.
   */
  sorted(column: GridColumn, metadata?: MessageMetadataIndex): { order: Int32Array; key: ArrayLike<number> } {
    if (column === 'subject') this.useSubjectMetadata(metadata);
    const n = this.records.length;
    const hit = this.sorts.get(column);
    if (hit && hit.length === n) return hit;
    let entry: SortEntry;
    if (column === 'time') {
      // Times never change once read: the records added are merged in.
      const key = this.times();
      entry = { length: n, order: hit ? extendedOrder(hit.order, key) : ascendingOrder(key), key };
    } else if (column === 'items') {
      const codes = this.itemCodes.extend(this.records, n);
      let max = 0;
      for (let i = 0; i < n; i++) if (codes[i] > max) max = codes[i];
      // Each code is its own rank.
      entry = {
        length: n,
        ...rankedOrder(
          codes,
          Int32Array.from({ length: max + 1 }, (_, c) => c),
          n,
        ),
      };
    } else {
      // Strings: by the rank of each record's value among the column's distinct values (ranks
      // shift as new values arrive, so the order is made again, in two passes over the codes).
      const codes = this.column(column, metadata);
      entry = { length: n, ...rankedOrder(codes.codes, codes.ranks(), n) };
    }
    this.sorts.set(column, entry);
    return entry;
  }

  /** Drops the subject column's codes and order when the metadata behind them changed. */
  private useSubjectMetadata(metadata: MessageMetadataIndex | undefined): void {
    const now = { index: metadata, sources: metadata?.sources.length ?? 0, size: metadata?.size ?? 0 };
    const was = this.subjectMetadata;
    if (now.index === was.index && now.sources === was.sources && now.size === was.size) return;
    this.subjectMetadata = now;
    this.columns.delete('subject');
    this.sorts.delete('subject');
  }
}

/** A number per record in a typed array that grows with the list (room doubles, no copy per growth). */
class NumberColumn<A extends Float64Array | Uint32Array> {
  private values: A;
  /** Number of records covered. */
  length = 0;

  constructor(
    private readonly make: new (length: number) => A,
    private readonly value: (record: MiaRecord) => number,
  ) {
    this.values = new make(0);
  }

  /** The values of the records up to `end` (a view of that length). */
  extend(records: readonly MiaRecord[], end: number): A {
    if (end > this.values.length) {
      const grown = new this.make(Math.max(end, this.values.length * 2));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    for (let i = this.length; i < end; i++) this.values[i] = this.value(records[i]);
    if (end > this.length) this.length = end;
    return this.values.subarray(0, end) as A;
  }
}

const indices = new WeakMap<readonly MiaRecord[], { index: RecordIndex; length: number; last?: MiaRecord }>();

/**
 * The index of a record list (one per list, shared by every query over it). A list is expected to
 * only grow; one that shrank or had its records replaced gets a fresh index.
 */
export function recordIndexOf(records: readonly MiaRecord[]): RecordIndex {
  let entry = indices.get(records);
  if (
    !entry ||
    records.length < entry.length ||
    (entry.length > 0 && records[entry.length - 1] !== entry.last)
  ) {
    entry = { index: new RecordIndex(records), length: 0 };
    indices.set(records, entry);
  }
  entry.length = records.length;
  entry.last = records[records.length - 1];
  return entry.index;
}
