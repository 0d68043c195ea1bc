import type { ContainerKind } from './types';

/** What a CSV header says: the container, and which column holds what. */
export interface CsvLayout {
  kind: ContainerKind;
  /** Header names as written (trimmed). */
  columns: string[];
  /** Column holding the AuditData JSON (`AuditData`, `auditData`, `RawEventData`); -1 for Sentinel. */
  audit: number;
  /** Envelope columns, -1 when absent. */
  operation: number;
  recordId: number;
  time: number;
}

function indexOfAny(names: string[], wanted: string[]): number {
  for (const w of wanted) {
    const i = names.indexOf(w);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Recognises a CSV container from its header names (matched case-insensitively; extra columns and
 * any column order are fine). Returns undefined for a header of no known export.
 */
export function csvLayoutFromHeader(columns: string[]): CsvLayout | undefined {
  const names = columns.map((c) => c.trim().toLowerCase());
  const has = (n: string) => names.includes(n);
  let kind: ContainerKind | undefined;
  let audit = -1;
  if (has('auditdata')) {
    audit = names.indexOf('auditdata');
    if (has('createddatetime') || has('auditlogrecordtype')) kind = 'graph-audit-csv';
    else if (has('recordid')) kind = 'purview-csv-new';
    else if (
      has('identity') ||
      has('resultindex') ||
      has('resultcount') ||
      has('isvalid') ||
      has('objectstate')
    ) {
      kind = 'unified-audit-log-csv';
    } else if (has('creationdate') || has('operations') || has('userids')) kind = 'purview-csv-classic';
  } else if (has('raweventdata') && (has('actiontype') || has('timestamp'))) {
    kind = 'defender-cloudappevents-csv';
    audit = names.indexOf('raweventdata');
  } else if (
    has('timegenerated') &&
    (has('officeid') || has('mailboxownerupn') || has('folders') || has('operationproperties'))
  ) {
    kind = 'sentinel-officeactivity-csv';
  }
  if (!kind) return undefined;
  return {
    kind,
    columns: columns.map((c) => c.trim()),
    audit,
    operation: indexOfAny(names, ['operations', 'operation', 'actiontype']),
    recordId: indexOfAny(names, ['identity', 'recordid', 'id', 'officeid']),
    time: indexOfAny(names, ['creationdate', 'createddatetime', 'timestamp', 'timegenerated']),
  };
}

/** Human names of every container, for the "unrecognised export" message. */
export const EXPECTED_CONTAINERS =
  'Purview audit CSV (classic or new), Search-UnifiedAuditLog | Export-Csv, Graph audit query JSON or CSV, ' +
  'PowerShell/Extractor-Suite JSON, JSON Lines, Defender CloudAppEvents JSON or CSV, ' +
  'Sentinel OfficeActivity CSV or JSON';
