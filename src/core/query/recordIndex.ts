import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import type { MiaRecord } from '../model';
import type { GridColumn } from '../../protocol/messages';
import { ColumnCodes } from './columnCodes';
import { MessageText } from './messageText';
import { cellText, itemCount } from './recordColumns';
import { ascendingOrder } from './sortOrder';
import { TextBlob } from './textBlob';

/** Columns held as codes of distinct values (every grid column but the numeric ones). */
export type CodedColumn = Exclude<GridColumn, 'time' | 'items'>;

interface SortEntry {
  length: number;
  order: Int32Array;
  key: ArrayLike<number>;
}

/**
 * What the grid's queries read instead of the records: per column codes of distinct values, the
 * listed messages as codes, the record ids as searchable text, and a sort order per column. Built
 * on first use, extended as the record list grows, shared by every query over the same list.
 */
export class RecordIndex {
  private readonly columns = new Map<CodedColumn, ColumnCodes>();
  private messageText: MessageText | undefined;
  private readonly idText = new TextBlob();
  private readonly sorts = new Map<GridColumn, SortEntry>();
  private timeMs = new Float64Array(0);
  /** Which message metadata the subject column was built with (it changes as metadata is added). */
  private subjectMetadata: { index?: MessageMetadataIndex; sources: number; size: number } = {
    sources: 0,
    size: 0,
  };

  constructor(readonly records: readonly MiaRecord[]) {}

  /** A column's codes, covering every record (the subject column with `metadata`'s subjects). */
  column(c: CodedColumn, metadata?: MessageMetadataIndex): ColumnCodes {
    if (c === 'subject') this.useSubjectMetadata(metadata);
    let codes = this.columns.get(c);
    if (!codes) {
      codes = new ColumnCodes((r) => cellText(r, c, metadata));
      this.columns.set(c, codes);
    }
    return codes.extend(this.records);
  }

  /** The messages listed by every record. */
  messages(): MessageText {
    this.messageText ??= new MessageText();
    return this.messageText.extend(this.records);
  }

  /** Each record's time (epoch ms), by record index. */
  times(): Float64Array {
    const n = this.records.length;
    if (this.timeMs.length !== n) {
      const grown = new Float64Array(n);
      const from = Math.min(this.timeMs.length, n);
      grown.set(this.timeMs.subarray(0, from));
      for (let i = from; i < n; i++) grown[i] = this.records[i].timeMs;
      this.timeMs = grown;
    }
    return this.timeMs;
  }

  /** Lower-cased record ids, by record index. */
  ids(): TextBlob {
    for (let i = this.idText.length; i < this.records.length; i++)
      this.idText.push(this.records[i].id.toLowerCase());
    return this.idText;
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
    const key = this.sortKey(column, metadata);
    const entry = { length: n, order: ascendingOrder(key), key };
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

  private sortKey(column: GridColumn, metadata?: MessageMetadataIndex): ArrayLike<number> {
    const records = this.records;
    if (column === 'time') return this.times();
    if (column === 'items') {
      const key = new Int32Array(records.length);
      for (let i = 0; i < key.length; i++)
        key[i] = records[i].accessType === 'Sync' ? -1 : itemCount(records[i]);
      return key;
    }
    // Strings: the rank of the record's value among the column's distinct values.
    const codes = this.column(column, metadata);
    const rank = codes.ranks();
    const key = new Int32Array(records.length);
    for (let i = 0; i < key.length; i++) key[i] = rank[codes.codes[i]];
    return key;
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
