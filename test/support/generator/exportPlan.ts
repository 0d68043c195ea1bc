/**
 * The default export set of a scenario: what an analyst typically holds. Two overlapping Purview
 * portal exports split by time, a PowerShell pull of the victim's mailbox (UTF-16, pages repeating
 * records), Defender CloudAppEvents lines, a Sentinel OfficeActivity CSV, a cmdlet Export-Csv of the
 * shared mailbox, and the hostile-strings export; each carries the broken rows its container can.
 */
import type { BrokenSet } from './brokenRows';
import type { Cast } from './cast';
import type { GeneratedRecord } from './ownerActivity';
import type { ExportFilePlan, ExportRow } from './scenarioTypes';
import { DAY, HOUR } from './time';
import { byTime, spread } from './writeExport';

type Filter = (r: GeneratedRecord) => boolean;

/** Repeats the last `overlap` rows of every page at the start of the next (cmdlet paging does this). */
function repeatPages(rows: ExportRow[], pageSize: number, overlap: number): ExportRow[] {
  const out: ExportRow[] = [];
  for (let i = 0; i < rows.length; i += pageSize) {
    if (i > 0) out.push(...rows.slice(Math.max(0, i - overlap), i));
    out.push(...rows.slice(i, i + pageSize));
  }
  return out;
}

export function planExportSet(
  cast: Cast,
  records: readonly GeneratedRecord[],
  broken: BrokenSet,
  startMs: number,
  scale: 'small' | 'medium',
): ExportFilePlan[] {
  const upn = (role: Parameters<Cast['byRole']>[0]) => cast.byRole(role).mailbox.profile.upn;
  const hostile = upn('hostile');
  const victim = upn('victim');
  const shared = upn('shared');
  const flagged = upn('throttled-flag');
  const pick = (f: Filter, order: 'asc' | 'desc'): ExportRow[] =>
    byTime(
      records.filter(f).map((r) => ({ audit: r.audit })),
      order,
    );
  const between =
    (from: number, to: number): Filter =>
    (r) =>
      r.timeMs >= startMs + from && r.timeMs < startMs + to;
  const notHostile: Filter = (r) => r.mailbox !== hostile;
  const exchange: Filter = (r) => r.audit.Workload === 'Exchange';
  const mia: Filter = (r) => r.audit.Operation === 'MailItemsAccessed';
  const and =
    (...fs: Filter[]): Filter =>
    (r) =>
      fs.every((f) => f(r));

  const files: ExportFilePlan[] = [
    {
      name: 'purview-audit-2025-03-03_2025-03-10.csv',
      container: 'purview-csv-new',
      options: { encoding: 'utf-8-bom', eol: 'crlf' },
      rows: spread(pick(and(notHostile, between(0, 7 * DAY + 12 * HOUR)), 'desc'), [
        broken.truncatedCell,
        broken.missingId,
      ]),
    },
    {
      name: 'purview-audit-2025-03-09_2025-03-17.csv',
      container: 'purview-csv-new',
      options: { encoding: 'utf-8', eol: 'crlf', purviewDate: 'us' },
      rows: spread(pick(and(notHostile, between(6 * DAY, 14 * DAY)), 'desc'), [
        broken.brokenQuoting,
        broken.missingCreationTime,
      ]),
    },
    {
      name: 'search-unifiedauditlog-claire.dubois.json',
      container: 'powershell-json',
      options: {
        encoding: 'utf-16le-bom',
        eol: 'crlf',
        psStyle: 'ps51',
        auditDataAs: 'string',
        psShape: 'pages',
        pageSize: 100,
      },
      rows: spread(
        repeatPages(
          pick(
            and((r) => r.mailbox === victim, between(7 * DAY, 10 * DAY)),
            'desc',
          ),
          95,
          5,
        ),
        [broken.invalidCreationTime],
      ),
    },
    {
      name: 'defender-cloudappevents.jsonl',
      container: 'defender-cloudappevents-json',
      options: { encoding: 'utf-8', eol: 'lf' },
      rows: spread(
        pick(
          and(mia, (r) => r.mailbox === victim || r.mailbox === shared, between(8 * DAY, 10 * DAY)),
          'asc',
        ),
        [broken.truncatedLine],
      ),
    },
    {
      name: 'sentinel-officeactivity-marco.rossi.csv',
      container: 'sentinel-officeactivity-csv',
      options: { encoding: 'utf-8-bom', eol: 'crlf' },
      rows: pick(
        and(exchange, (r) => r.mailbox === flagged, between(1 * DAY, 5 * DAY)),
        'desc',
      ),
    },
    {
      name: 'ual-export-compta.csv',
      container: 'unified-audit-log-csv',
      options: { encoding: 'utf-8-bom', eol: 'crlf', typeLine: true, psColumns: true, dateLocale: 'en-GB' },
      rows: repeatPages(
        pick((r) => r.mailbox === shared, 'desc'),
        50,
        5,
      ),
    },
    {
      name: 'hostile-strings.csv',
      container: 'purview-csv-classic',
      options: { encoding: 'utf-8', eol: 'lf' },
      rows: pick((r) => r.mailbox === hostile, 'desc'),
    },
  ];
  if (scale === 'medium') {
    const owners = cast.members.filter((m) => m.mailbox.role === 'owner').map((m) => m.mailbox.profile.upn);
    files.push(
      {
        name: 'graph-auditlog-query-page.json',
        container: 'graph-audit-json',
        options: { graphShape: 'value-page', eol: 'lf' },
        rows: pick(
          and(mia, (r) => r.mailbox === owners[0]),
          'asc',
        ),
      },
      {
        name: 'extractor-suite-ual.jsonl',
        container: 'json-lines',
        options: { linesContent: 'cmdlet', eol: 'lf' },
        rows: pick((r) => r.mailbox === owners[1], 'asc'),
      },
      {
        name: 'sentinel-officeactivity.json',
        container: 'sentinel-officeactivity-json',
        options: { eol: 'lf' },
        rows: pick(
          and(exchange, (r) => r.mailbox === owners[2]),
          'desc',
        ),
      },
    );
  }
  // In name order: the order a folder scan reads them, so per-file first-seen/duplicate counts match.
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}
