/**
 * What the investigate surfaces (diagnostics, Findings, tree) must show for a written export set,
 * derived from the generator's rows and their line numbers (WrittenExport.lines) plus its truth,
 * with no code shared with src/core. Used by the unit tests of core findings and by the
 * extension-host tests of the diagnostics adapter.
 */
import type { AuditRecord } from './generator/records';
import { parseAuditTime } from './generator/time';
import type { Truth } from './generator/truth';

/** A file as written: its rows and the 1-based line where each row starts. */
export interface WrittenFile {
  path: string;
  rows: readonly { audit: AuditRecord; broken?: string }[];
  lines: readonly number[];
}

/** Where a distinct record was first read (the engine keeps the first occurrence). */
export interface Occurrence {
  file: number;
  line: number;
  audit: AuditRecord;
}

function property(a: AuditRecord, name: string): string | undefined {
  const list = Array.isArray(a.OperationProperties)
    ? (a.OperationProperties as { Name?: unknown; Value?: unknown }[])
    : [];
  const hit = list.find((p) => p.Name === name);
  return hit && typeof hit.Value === 'string' ? hit.Value : undefined;
}

/** MailAccessType of a MailItemsAccessed record (by name). */
export function accessTypeOf(a: AuditRecord): string | undefined {
  return property(a, 'MailAccessType');
}

/** Mailbox key: MailboxOwnerUPN, else MailboxGuid, lower-cased. */
export function mailboxKeyOf(a: AuditRecord): string {
  const v = a.MailboxOwnerUPN ?? a.MailboxGuid;
  return typeof v === 'string' ? v.toLowerCase() : '';
}

/** The first occurrence of every distinct MailItemsAccessed record, files in the order given. */
export function firstOccurrences(files: readonly WrittenFile[]): Occurrence[] {
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  files.forEach((f, file) => {
    f.rows.forEach((row, i) => {
      if (row.broken || row.audit.Operation !== 'MailItemsAccessed') return;
      const id = String(row.audit.Id);
      if (seen.has(id)) return;
      seen.add(id);
      out.push({ file, line: f.lines[i], audit: row.audit });
    });
  });
  return out;
}

/** Lines of the Sync records, per file (ascending). */
export function expectedSyncLines(files: readonly WrittenFile[]): number[][] {
  const out = files.map(() => [] as number[]);
  for (const o of firstOccurrences(files)) if (accessTypeOf(o.audit) === 'Sync') out[o.file].push(o.line);
  return out.map((l) => l.sort((a, b) => a - b));
}

/** A throttle window of the truth with the places its opener can be (records of the mailbox at its start). */
export interface ExpectedWindow {
  mailboxKey: string;
  display: string;
  startMs: number;
  endMs: number;
  basis: string[];
  /** `file:line` of every record of the mailbox at the window's start (the opener is one of them). */
  candidates: Set<string>;
}

/** Every throttle window of the truth, with where its opener may sit. */
export function expectedWindows(files: readonly WrittenFile[], truth: Truth): ExpectedWindow[] {
  const occurrences = firstOccurrences(files);
  const out: ExpectedWindow[] = [];
  for (const m of truth.mailboxes) {
    for (const w of m.throttleWindows) {
      const startMs = Date.parse(w.startUtc);
      const candidates = new Set(
        occurrences
          .filter(
            (o) =>
              mailboxKeyOf(o.audit) === m.key && parseAuditTime(String(o.audit.CreationTime)) === startMs,
          )
          .map((o) => `${o.file}:${o.line}`),
      );
      out.push({
        mailboxKey: m.key,
        display: m.display,
        startMs,
        endMs: Date.parse(w.endUtc),
        basis: w.basis,
        candidates,
      });
    }
  }
  return out;
}

/** A volume opening (spec §1): an instant at which the mailbox's count in (t − H, t] exceeds the threshold. */
export interface ExpectedOpening {
  timeMs: number;
  /** `file:line` of every record of the mailbox at that instant (the opening record is one of them). */
  candidates: Set<string>;
}

/**
 * Every volume opening of a mailbox, in time order, one per instant: the count at t takes every
 * distinct record of the mailbox (Bind, Sync or other) in (t − hours, t], all records at t included.
 */
export function volumeOpenings(
  files: readonly WrittenFile[],
  mailboxKey: string,
  threshold: number,
  hours: number,
): ExpectedOpening[] {
  const span = hours * 3_600_000;
  const mine = firstOccurrences(files)
    .filter((o) => mailboxKeyOf(o.audit) === mailboxKey)
    .map((o) => ({ t: parseAuditTime(String(o.audit.CreationTime)), at: `${o.file}:${o.line}` }));
  const times = mine.map((o) => o.t).sort((a, b) => a - b);
  const out: ExpectedOpening[] = [];
  for (const t of new Set(times)) {
    const count = times.filter((s) => s > t - span && s <= t).length;
    if (count > threshold)
      out.push({ timeMs: t, candidates: new Set(mine.filter((o) => o.t === t).map((o) => o.at)) });
  }
  return out;
}
