/**
 * Pieces shared by the container writers: the text-piece protocol (so the sink can count lines and
 * note where each row starts), CSV quoting, the two syntactic breakages, and envelope fields derived
 * from a row's AuditData.
 */
import type { AuditRecord } from '../records';
import type { BrokenKind, ExportRow } from '../scenarioTypes';
import { parseAuditTime } from '../time';
import type { ResolvedOptions } from './options';

/** A piece of output text; `row` marks the first piece of a row (the sink notes its line). */
export interface Piece {
  text: string;
  row?: true;
}

/** What a container writer is: rows in, text pieces out (synchronous, so it can be counted or written). */
export type Renderer = (
  rows: Iterable<ExportRow>,
  options: ResolvedOptions,
  total: number | undefined,
) => Iterable<Piece>;

export function eolOf(options: ResolvedOptions): string {
  return options.eol === 'crlf' ? '\r\n' : '\n';
}

/** The spreadsheet cell limit that truncates AuditData on a re-save. */
export const CELL_LIMIT = 32767;

/** A CSV field: quoted when needed (or always), quotes doubled. */
export function csvField(value: string, quoteAll: boolean): string {
  if (quoteAll || /[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * A CSV field holding JSON, broken as asked: `truncated-json` cuts it at the spreadsheet cell limit
 * (then quotes it properly, as the spreadsheet does); `broken-quoting` wraps it in quotes without
 * doubling the JSON's own quotes.
 */
export function csvJsonField(json: string, broken: BrokenKind | undefined, quoteAll: boolean): string {
  if (broken === 'truncated-json') return csvField(truncate(json), quoteAll);
  if (broken === 'broken-quoting') return `"${json}"`;
  return csvField(json, quoteAll);
}

/** Cuts text at the cell limit (never inside a surrogate pair). Refuses text that is not longer. */
export function truncate(text: string): string {
  if (text.length <= CELL_LIMIT) {
    throw new Error(
      `a truncated-json row needs more than ${CELL_LIMIT} characters of JSON (got ${text.length})`,
    );
  }
  const code = text.charCodeAt(CELL_LIMIT - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? CELL_LIMIT - 1 : CELL_LIMIT);
}

/** Throws for a broken kind the container cannot carry without breaking the whole file. */
export function assertSupported(
  container: string,
  broken: BrokenKind | undefined,
  syntactic: readonly BrokenKind[],
): void {
  if (broken === 'truncated-json' || broken === 'broken-quoting') {
    if (!syntactic.includes(broken)) throw new Error(`${container} cannot carry a ${broken} row`);
  }
}

/** Text of a string-valued AuditData field ('' when absent or not a string/number). */
export function text(audit: AuditRecord, key: string): string {
  const v = audit[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/**
 * The record's time for envelope columns: epoch ms, or the raw text when it does not parse (an
 * invalid CreationTime stays invalid in every column), or undefined when absent.
 */
export function envelopeTime(audit: AuditRecord): number | string | undefined {
  const t = audit.CreationTime;
  if (typeof t !== 'string') return undefined;
  const ms = parseAuditTime(t);
  return Number.isNaN(ms) ? t : ms;
}

/** Formats an envelope time with `format`, passing raw invalid text through and absent as ''. */
export function formatTime(audit: AuditRecord, format: (ms: number) => string): string {
  const t = envelopeTime(audit);
  return t === undefined ? '' : typeof t === 'string' ? t : format(t);
}

/** `OperationProperties[Name=…].Value`, looked up by name. */
export function operationProperty(audit: AuditRecord, name: string): string | undefined {
  const props = audit.OperationProperties;
  if (!Array.isArray(props)) return undefined;
  for (const p of props as { Name?: unknown; Value?: unknown }[]) {
    if (p && p.Name === name && typeof p.Value === 'string') return p.Value;
  }
  return undefined;
}

/** The IP without port or brackets (what Defender and Sentinel show in their own columns). */
export function bareIp(written: string): string {
  let ip = written.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracket) return bracket[1];
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  return ip;
}

/** UserType number → the enum name Graph and Sentinel write. */
export function userTypeName(audit: AuditRecord): string {
  const names: Record<number, string> = {
    0: 'Regular',
    1: 'Reserved',
    2: 'Admin',
    3: 'DcAdmin',
    4: 'System',
    5: 'Application',
  };
  const v = audit.UserType;
  return typeof v === 'number' ? (names[v] ?? String(v)) : '';
}

/** ExternalAccess (also under the key with a trailing space that one published record has). */
export function externalAccess(audit: AuditRecord): unknown {
  return 'ExternalAccess' in audit ? audit.ExternalAccess : audit['ExternalAccess '];
}
