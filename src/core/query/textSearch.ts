import type { MiaRecord } from '../model';
import { cellText } from './recordColumns';
import type { CodedColumn, RecordIndex } from './recordIndex';

/** Columns the text filter searches (as displayed), besides the record id and its messages. */
const textColumns: readonly CodedColumn[] = ['mailbox', 'actor', 'session', 'ip', 'client', 'app', 'folders'];

/**
 * Which records contain `needle` (lower-case, not empty), case-insensitively: in a searched
 * column, the record id, a listed message's normalised id or its subject. Each distinct column
 * value is tested once; ids are scanned as joined text (`TextBlob`), messages each distinct one once
 * (`MessageText`).
 */
export function textHits(index: RecordIndex, needle: string): Uint8Array {
  const n = index.records.length;
  const hit = new Uint8Array(n);
  if (needle.includes('\u0000')) {
    // The joined text could match across two values: test each record on its own.
    for (let i = 0; i < n; i++) if (matchesText(index.records[i], needle)) hit[i] = 1;
    return hit;
  }
  // Columns first (each distinct value tested once), counting the records hit: a needle common
  // enough to hit every record there (a first letter typed) needs no scan of ids or messages.
  let count = 0;
  for (const c of textColumns) {
    const column = index.column(c);
    const values = column.lowerValues();
    let any = false;
    const valueHit = new Uint8Array(values.length);
    for (let v = 0; v < values.length; v++) {
      if (values[v].includes(needle)) {
        valueHit[v] = 1;
        any = true;
      }
    }
    if (!any) continue;
    const codes = column.codes;
    for (let i = 0; i < n; i++) {
      if (hit[i] === 0 && valueHit[codes[i]] === 1) {
        hit[i] = 1;
        count++;
      }
    }
  }
  if (count === n) return hit;
  index.ids().search(needle, (i) => {
    if (hit[i] === 0) {
      hit[i] = 1;
      count++;
    }
  });
  if (count === n) return hit;
  index.messages().search(needle, hit);
  return hit;
}

/** The text filter on one record, as written first: the reference the indexed search must equal. */
export function matchesText(record: MiaRecord, needle: string): boolean {
  if (record.id.toLowerCase().includes(needle)) return true;
  for (const c of textColumns) if (cellText(record, c).toLowerCase().includes(needle)) return true;
  for (const f of record.folders) {
    for (const m of f.items) {
      if (m.key.includes(needle)) return true;
      if (m.subject && m.subject.toLowerCase().includes(needle)) return true;
    }
  }
  return false;
}
