/**
 * Options of the container writers. Every field is optional; `resolveOptions` fills in what the
 * container's usual producer writes (e.g. the new Purview CSV with a BOM and CRLF, newest first).
 */
import type { ContainerKind } from '../../../../src/core/containers/types';
import type { DateLocale } from '../time';

/** Byte encodings of the files analysts receive. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom';

export interface ExportOptions {
  encoding?: FileEncoding;
  eol?: 'crlf' | 'lf';
  /** Row order when the writer picks the rows itself (writeExport without `rows`). */
  order?: 'asc' | 'desc';
  /** Purview CSV (new): `iso7` = `2025-03-12T16:05:06.0000000 ` (trailing space), `us` = `3/12/2025 4:05:06 PM`. */
  purviewDate?: 'iso7' | 'us';
  /** Search-UnifiedAuditLog | Export-Csv: write the `#TYPE …` first line. */
  typeLine?: boolean;
  /** Search-UnifiedAuditLog | Export-Csv: add PSComputerName, RunspaceId, PSShowComputerName columns. */
  psColumns?: boolean;
  /** Search-UnifiedAuditLog | Export-Csv: culture of the CreationDate column. */
  dateLocale?: DateLocale;
  /** Graph audit JSON: a JSON array (one record per line) or one `{ value: [...] }` page on one line. */
  graphShape?: 'array' | 'value-page';
  /** PowerShell ConvertTo-Json: Windows PowerShell 5.1 (4-space indent, \u003c escapes, /Date()/) or 7. */
  psStyle?: 'ps51' | 'ps7';
  /** PowerShell JSON and JSON Lines (cmdlet content): AuditData as a JSON string or as an object. */
  auditDataAs?: 'string' | 'object';
  /** PowerShell JSON: one array, several arrays concatenated (`pageSize` rows each), or one object. */
  psShape?: 'array' | 'pages' | 'single';
  pageSize?: number;
  /** JSON Lines: raw AuditData objects, or cmdlet objects whose AuditData is a string. */
  linesContent?: 'audit' | 'cmdlet';
}

/** Options with every field set. */
export type ResolvedOptions = Required<ExportOptions>;

const COMMON: ResolvedOptions = {
  encoding: 'utf-8',
  eol: 'crlf',
  order: 'asc',
  purviewDate: 'iso7',
  typeLine: true,
  psColumns: true,
  dateLocale: 'en-US',
  graphShape: 'array',
  psStyle: 'ps7',
  auditDataAs: 'object',
  psShape: 'array',
  pageSize: 5000,
  linesContent: 'audit',
};

/** What each container's usual producer writes. */
const DEFAULTS: Record<ContainerKind, Partial<ResolvedOptions>> = {
  'purview-csv-classic': { order: 'desc' },
  'purview-csv-new': { encoding: 'utf-8-bom', order: 'desc' },
  'unified-audit-log-csv': { order: 'desc', encoding: 'utf-8-bom' },
  'graph-audit-json': { eol: 'lf' },
  'graph-audit-csv': { eol: 'lf' },
  'powershell-json': { order: 'desc', auditDataAs: 'object' },
  'json-lines': { eol: 'lf' },
  'defender-cloudappevents-json': { eol: 'lf' },
  'defender-cloudappevents-csv': { encoding: 'utf-8-bom', order: 'desc' },
  'sentinel-officeactivity-csv': { encoding: 'utf-8-bom', order: 'desc' },
  'sentinel-officeactivity-json': { eol: 'lf', order: 'desc' },
};

/** Fills in the defaults of a container. */
export function resolveOptions(container: ContainerKind, options: ExportOptions = {}): ResolvedOptions {
  const out: ResolvedOptions = { ...COMMON, ...DEFAULTS[container] };
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Every container the generator writes (spec §3). */
export const ALL_CONTAINERS: readonly ContainerKind[] = [
  'purview-csv-classic',
  'purview-csv-new',
  'unified-audit-log-csv',
  'graph-audit-json',
  'graph-audit-csv',
  'powershell-json',
  'json-lines',
  'defender-cloudappevents-json',
  'defender-cloudappevents-csv',
  'sentinel-officeactivity-csv',
  'sentinel-officeactivity-json',
];

/** CSV containers (the only ones where a row's quoting can break without breaking the file). */
export const CSV_CONTAINERS: ReadonlySet<ContainerKind> = new Set([
  'purview-csv-classic',
  'purview-csv-new',
  'unified-audit-log-csv',
  'graph-audit-csv',
  'defender-cloudappevents-csv',
  'sentinel-officeactivity-csv',
]);

/** One-record-per-line JSON containers (a cut line does not break the rest of the file). */
export const LINE_CONTAINERS: ReadonlySet<ContainerKind> = new Set([
  'json-lines',
  'defender-cloudappevents-json',
]);
