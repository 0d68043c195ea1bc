import { messageIdKey } from '../../normalise/matchKeys';
import type { MessageMetadata } from '../enrichTypes';
import { parseBoolean, parseDate, parseSize, utcMs, type DateOrder } from './metadataValues';

/** What is known about a message, with the fields this reader adds to the shared contract. */
export interface MessageMetadataRecord extends MessageMetadata {
  /** Purview `Document ID` / Premium `File_ID`, always text as written (never a number). */
  documentId?: string;
}

/** One row of a metadata source, its values as written (Graph JSON gives booleans and numbers). */
export interface MetadataRow {
  line: number;
  id: string;
  subject?: string;
  sender?: string;
  recipients?: string[];
  sent?: string;
  received?: string;
  hasAttachments?: string | boolean;
  size?: string | number;
  location?: string;
  folderPath?: string;
  documentId?: string;
}

/** A problem with one line of a source. */
export interface LineProblem {
  line: number;
  reason: string;
}

/** Most unreadable-value warnings kept per source (the count goes on). */
export const MAX_WARNINGS = 200;

type DateField = 'sentMs' | 'receivedMs';
type TextField = 'subject' | 'sender' | 'location' | 'folderPath' | 'documentId';

interface PendingDate {
  meta: MessageMetadataRecord;
  field: DateField;
  line: number;
  text: string;
  parts: { first: number; second: number; year: number; timeMs: number; offsetMs: number };
}

/**
 * Gathers the rows of one metadata source into one record per normalised message id. Within a
 * source, as across sources, the first non-empty value of a field wins (file order), recipients are
 * the union of every row's, and every contributing row is kept as an origin. Dates such as
 * `03/04/2024` wait until the whole file is read: the file's other dates (`13/04/2024` can only be
 * day-first) settle the order; with no such evidence month-first is assumed and a warning says so.
 */
export class MetadataCollector {
  readonly messages = new Map<string, MessageMetadataRecord>();
  readonly rejected: LineProblem[] = [];
  readonly warnings: LineProblem[] = [];
  warningCount = 0;
  rows = 0;
  dateOrder: DateOrder | undefined;
  private readonly pending: PendingDate[] = [];
  private readonly claimed = new Set<string>();
  private dayFirstSeen = 0;
  private monthFirstSeen = 0;

  constructor(private readonly sourceIndex: number) {}

  /** Rejects a row that cannot be read at all. */
  reject(line: number, reason: string): void {
    this.rows++;
    this.rejected.push({ line, reason });
  }

  /** Adds one row; rejects it (with the reason) when it names no usable message id. */
  add(row: MetadataRow): void {
    const id = row.id.trim();
    const key = messageIdKey(id);
    if (key === '') return this.reject(row.line, 'no message id in the row');
    if (/\s/.test(key))
      return this.reject(row.line, `"${id.slice(0, 80)}" is not a message id (it holds spaces)`);
    this.rows++;
    let meta = this.messages.get(key);
    if (!meta) {
      meta = { key, internetMessageId: id, origins: [] };
      this.messages.set(key, meta);
    }
    meta.origins.push({ sourceIndex: this.sourceIndex, line: row.line });
    this.text(meta, 'subject', row.subject);
    this.text(meta, 'sender', row.sender);
    this.text(meta, 'location', row.location);
    this.text(meta, 'folderPath', row.folderPath);
    this.text(meta, 'documentId', row.documentId);
    if (row.recipients && row.recipients.length > 0)
      meta.recipients = unionRecipients(meta.recipients, row.recipients);
    this.date(meta, 'sentMs', row.sent, row.line);
    this.date(meta, 'receivedMs', row.received, row.line);
    if (meta.hasAttachments === undefined && row.hasAttachments !== undefined && row.hasAttachments !== '') {
      const b =
        typeof row.hasAttachments === 'boolean' ? row.hasAttachments : parseBoolean(row.hasAttachments);
      if (b === undefined)
        this.warn(row.line, `attachments flag "${String(row.hasAttachments)}" is not yes/no`);
      else meta.hasAttachments = b;
    }
    if (meta.sizeBytes === undefined && row.size !== undefined && row.size !== '') {
      const n =
        typeof row.size === 'number'
          ? Number.isSafeInteger(row.size) && row.size >= 0
            ? row.size
            : undefined
          : parseSize(row.size);
      if (n === undefined) this.warn(row.line, `size "${String(row.size)}" is not a byte count`);
      else meta.sizeBytes = n;
    }
  }

  /** Settles the dates left open and returns the records. */
  finish(): Map<string, MessageMetadataRecord> {
    if (this.dayFirstSeen > 0 || this.monthFirstSeen > 0 || this.pending.length > 0) {
      this.dateOrder = this.dayFirstSeen > this.monthFirstSeen ? 'day-first' : 'month-first';
    }
    if (this.pending.length > 0 && this.dayFirstSeen === 0 && this.monthFirstSeen === 0) {
      this.warn(
        this.pending[0].line,
        `dates such as "${this.pending[0].text}" could be day or month first; month-first assumed`,
      );
    } else if (this.dayFirstSeen > 0 && this.monthFirstSeen > 0) {
      this.warn(
        0,
        `numeric dates are written both day-first and month-first; ${this.dateOrder} assumed for ambiguous ones`,
      );
    }
    for (const p of this.pending) {
      const { first, second, year, timeMs, offsetMs } = p.parts;
      const ms =
        this.dateOrder === 'day-first'
          ? utcMs(year, second, first, timeMs, offsetMs)
          : utcMs(year, first, second, timeMs, offsetMs);
      if (ms === undefined) this.warn(p.line, `"${p.text}" is not a valid date`);
      else p.meta[p.field] = ms;
    }
    this.pending.length = 0;
    return this.messages;
  }

  private text(meta: MessageMetadataRecord, field: TextField, value: string | undefined): void {
    if (meta[field] !== undefined || value === undefined) return;
    const s = value.trim();
    if (s !== '') meta[field] = s;
  }

  private date(meta: MessageMetadataRecord, field: DateField, text: string | undefined, line: number): void {
    if (text === undefined || text.trim() === '') return;
    const claim = `${field}\u0000${meta.key}`;
    const parsed = parseDate(text);
    if ('ms' in parsed && parsed.order === 'day-first') this.dayFirstSeen++;
    if ('ms' in parsed && parsed.order === 'month-first') this.monthFirstSeen++;
    if (meta[field] !== undefined || this.claimed.has(claim)) return;
    if ('error' in parsed) return this.warn(line, parsed.error);
    if ('ms' in parsed) {
      meta[field] = parsed.ms;
      return;
    }
    this.claimed.add(claim);
    this.pending.push({ meta, field, line, text: text.trim(), parts: parsed.ambiguous });
  }

  private warn(line: number, reason: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ line, reason });
  }
}

/** Recipients of both lists, in first-seen order, without case-insensitive repeats. */
export function unionRecipients(into: string[] | undefined, more: readonly string[]): string[] {
  const out = into ?? [];
  const seen = new Set(out.map((r) => r.toLowerCase()));
  for (const r of more) {
    const k = r.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
