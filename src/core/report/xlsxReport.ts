import type ExcelJS from 'exceljs';
import { xlsxSheets, type SheetSpec, type XlsxCell } from './xlsxSheets';
import type { ScopeReport } from './reportTypes';

/** Excel's limits: characters in a cell, rows in a sheet. */
const MAX_CELL_CHARS = 32_767;
const MAX_ROWS = 1_048_576;

/** Column widths (characters) by the kind of column. */
const WIDTH = { text: 24, long: 48, id: 40, date: 20, number: 11, flag: 10 } as const;

function cellValue(v: XlsxCell): string | number | Date | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    // Excel cuts nothing silently: over-long text (AuditData-sized) is cut here and says so.
    return v.length > MAX_CELL_CHARS ? `${v.slice(0, MAX_CELL_CHARS - 20)}… (cut for Excel)` : v;
  }
  const ms = Date.parse(v.utc);
  return Number.isNaN(ms) ? v.utc : new Date(ms);
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): number {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: WIDTH[c.kind],
    style:
      c.kind === 'date'
        ? { numFmt: 'yyyy-mm-dd hh:mm:ss' }
        : c.kind === 'long'
          ? { alignment: { wrapText: true, vertical: 'top' } }
          : { alignment: { vertical: 'top' } },
  }));
  ws.getRow(1).font = { bold: true };
  let cut = 0;
  for (const row of spec.rows) {
    if (ws.rowCount >= MAX_ROWS) {
      cut++;
      continue;
    }
    // Cells are set one by one as plain values: nothing here is ever a formula, whatever it says.
    const r = ws.addRow([]);
    row.forEach((v, i) => {
      const value = cellValue(v);
      if (value !== null) r.getCell(i + 1).value = value;
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  return cut;
}

/**
 * The scoping report as an Excel workbook (issue 7 §4), one sheet per section: Summary, Confirmed
 * read, Potentially read, Unknown/unaudited, Sessions, Sources & evidence, Method & limitations.
 * Each sheet has a bold, frozen header row with an auto filter; times are Excel dates in UTC; long
 * text wraps. Every value is written as text or a number, never as a formula, so a subject such as
 * `=HYPERLINK(…)` stays text. Rows past Excel's limit are left out and the Summary says so.
 */
export async function writeXlsxReport(report: ScopeReport): Promise<Buffer> {
  // Loaded on first use: exceljs is large, and most sessions never write a workbook.
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = 'MailItemsAccessed Investigator';
  // Fixed, so two runs on the same report give the same workbook content.
  const created = Date.parse(report.generatedUtc);
  if (!Number.isNaN(created)) wb.created = wb.modified = new Date(created);
  const sheets = xlsxSheets(report);
  const cuts: string[] = [];
  for (const spec of sheets) {
    const cut = addSheet(wb, spec);
    if (cut > 0)
      cuts.push(
        `${spec.name}: ${cut.toLocaleString('en-US')} row(s) past Excel's limit were left out (the JSON report has them all).`,
      );
  }
  if (cuts.length > 0) {
    const summary = wb.getWorksheet('Summary');
    for (const c of cuts) summary?.addRow(['Note', c]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
