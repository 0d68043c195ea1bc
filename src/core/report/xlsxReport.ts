import { PassThrough } from 'node:stream';
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

/** Rows of `spec` past `dataRows`, the rows a sheet has room for below its header (left out, noted in the Summary). */
function rowsCut(spec: SheetSpec, dataRows: number): number {
  return Math.max(0, spec.rowCount - dataRows);
}

/** Rows written between two turns of the event loop (see `addSheet`). */
const ROWS_A_TURN = 2000;

/**
 * Writes one sheet row by row: each row goes to the file as it is added (committed), so the
 * workbook never holds an object per cell of a large report. Every `ROWS_A_TURN` rows it lets the
 * event loop turn, so an extension host writing a large workbook (20 s for the 300,000-record bench
 * export) keeps answering meanwhile.
 */
async function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  dataRows: number,
  extraRows: XlsxCell[][],
): Promise<void> {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
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
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  let written = 0;
  for (const row of spec.rows) {
    if (written++ === dataRows) break;
    addRow(ws, row);
    if (written % ROWS_A_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  for (const row of extraRows) addRow(ws, row);
  ws.commit();
}

/** Cells are set one by one as plain values: nothing here is ever a formula, whatever it says. */
function addRow(ws: ExcelJS.Worksheet, row: readonly XlsxCell[]): void {
  const r = ws.addRow([]);
  row.forEach((v, i) => {
    const value = cellValue(v);
    if (value !== null) r.getCell(i + 1).value = value;
  });
  r.commit();
}

/**
 * The scoping report as an Excel workbook (issue 7 §4), one sheet per section: Summary, Confirmed
 * read, Potentially read, Unknown/unaudited, Sessions, Sources & evidence, Method & limitations.
 * Each sheet has a bold, frozen header row with an auto filter; times are Excel dates in UTC; long
 * text wraps. Every value is written as text or a number, never as a formula, so a subject such as
 * `=HYPERLINK(…)` stays text. Rows past Excel's limit (`maxRows` a sheet, header included: for
 * tests) are left out and the Summary says so. The workbook is written as it is made, row by row
 * (exceljs's streaming writer): the 300,000-record bench export's took 59 s and 3.4 GB when it was
 * built whole, 20 s and 0.56 GB so.
 */
export async function writeXlsxReport(report: ScopeReport, maxRows = MAX_ROWS): Promise<Buffer> {
  // Loaded on first use: exceljs is large, and most sessions never write a workbook.
  const { stream } = (await import('exceljs')).default;
  const parts: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Fixed, so two runs on the same report give the same workbook content.
  const created = Date.parse(report.generatedUtc);
  const wb = new stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    ...(Number.isNaN(created) ? {} : { created: new Date(created), modified: new Date(created) }),
  });
  wb.creator = 'MailItemsAccessed Investigator';
  const sheets = xlsxSheets(report);
  // Known before anything is written: the Summary, written first, ends with them.
  const cuts: XlsxCell[][] = sheets
    .filter((spec) => rowsCut(spec, maxRows - 1) > 0)
    .map((spec) => [
      'Note',
      `${spec.name}: ${rowsCut(spec, maxRows - 1).toLocaleString('en-US')} row(s) past Excel's limit were left out (the JSON report has them all).`,
    ]);
  for (const spec of sheets) await addSheet(wb, spec, maxRows - 1, spec.name === 'Summary' ? cuts : []);
  await wb.commit();
  await ended;
  return Buffer.concat(parts);
}
