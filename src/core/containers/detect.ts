import type { ByteSource } from '../byteSource';
import { ByteWindow, readExactly } from '../text/byteWindow';
import { sniffTextLayout, type TextLayout } from '../text/encoding';
import {
  bufferEncoding,
  CR,
  findUnit,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  SPACE,
  TAB,
  unitAt,
} from '../text/units';
import { isJsonObject, printable } from './auditJson';
import type { CsvFile } from './csvReader';
import { csvLayoutFromHeader, EXPECTED_CONTAINERS } from './csvLayout';
import { csvHeaderLine } from './csvHeaderLine';
import type { JsonMode } from './jsonReader';
import { JsonSplitter } from './jsonSplitter';
import type { ReaderTuning } from './readerTuning';
import { shapeOf, type ElementShape } from './recordShapes';
import { UnrecognisedExportError, type ContainerKind } from './types';

/** What detection found out about a file. */
export type Detection =
  | { kind: ContainerKind; layout: TextLayout; csv: CsvFile }
  | { kind: ContainerKind; layout: TextLayout; json: JsonMode };

/** How far into a file detection looks for a readable JSON element or a CSV header. */
const JSON_SNIFF_BYTES = 16 << 20;
const JSON_SNIFF_ELEMENTS = 50;

function unrecognised(source: ByteSource, detail: string): UnrecognisedExportError {
  return new UnrecognisedExportError(source.path, `${detail}; expected one of: ${EXPECTED_CONTAINERS}`);
}

/**
 * Detects the container of a file from its content (never its name): the encoding from the BOM or
 * NUL pattern, JSON when the first non-blank character is `{` or `[`, otherwise a CSV header
 * (after an optional `#TYPE` line and Excel `sep=` line). A file with nothing but a BOM and
 * whitespace is an empty JSON Lines file. Throws UnrecognisedExportError otherwise.
 */
export async function detectContainer(
  source: ByteSource,
  size: number,
  tuning: ReaderTuning,
): Promise<Detection> {
  const head = await readExactly(source, 0, Math.min(size, 4096));
  const sniff = sniffTextLayout(head);
  if ('unsupported' in sniff) throw unrecognised(source, sniff.unsupported);
  const layout = sniff.layout;
  const w = layout.unitWidth;
  const win = new ByteWindow(source, { chunkSize: tuning.chunkSize, unitWidth: w, size });
  try {
    // First non-blank unit after the BOM.
    let pos = layout.bomLength;
    for (;;) {
      if (pos >= win.end) {
        if (!(await win.fill(pos))) return { kind: 'json-lines', layout, json: 'lines' };
        continue;
      }
      const c = unitAt(win.bytes, pos - win.base, w);
      if (c !== SPACE && c !== TAB && c !== CR && c !== LF) break;
      pos += w;
    }
    const first = unitAt(win.bytes, pos - win.base, w);
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      // Its buffer serves the JSON sniffing's window.
      win.release();
      return await detectJson(source, size, layout, tuning);
    }
    return await detectCsv(source, win, pos, layout);
  } finally {
    win.release();
  }
}

async function detectCsv(
  source: ByteSource,
  win: ByteWindow,
  start: number,
  layout: TextLayout,
): Promise<Detection> {
  const { first, header } = await csvHeaderLine(win, start, layout.unitWidth, () =>
    unrecognised(source, 'the first line is not a CSV header (it is too long)'),
  );
  if (header !== undefined)
    for (const { delimiter, names } of header.splits) {
      const csv = csvLayoutFromHeader(names);
      if (csv) return { kind: csv.kind, layout, csv: { ...csv, delimiter, dataStart: header.next } };
    }
  throw unrecognised(source, `the first line is "${printable(first ?? '', 100)}"`);
}

/** Container kind of a JSON export, from the shape of its first readable element. */
function jsonKind(shape: ElementShape, lines: boolean, sawPage: boolean): ContainerKind {
  if (shape === 'defender') return 'defender-cloudappevents-json';
  if (shape === 'sentinel') return 'sentinel-officeactivity-json';
  if (shape === 'graph' && (sawPage || !lines)) return 'graph-audit-json';
  return lines ? 'json-lines' : 'powershell-json';
}

/** Key names that mark text as an audit export even when no element of it could be parsed. */
const AUDIT_KEYS: [RegExp, ElementShape][] = [
  [/"RawEventData"\s*:/i, 'defender'],
  [/"TimeGenerated"\s*:/i, 'sentinel'],
  [/"createdDateTime"\s*:/, 'graph'],
  [/"AuditData"\s*:/i, 'cmdlet'],
  [/"CreationTime"\s*:/i, 'raw'],
];

async function detectJson(
  source: ByteSource,
  size: number,
  layout: TextLayout,
  tuning: ReaderTuning,
): Promise<Detection> {
  const w = layout.unitWidth;
  const enc = bufferEncoding(w);
  const win = new ByteWindow(source, {
    chunkSize: tuning.chunkSize,
    unitWidth: w,
    size: Math.min(size, JSON_SNIFF_BYTES),
  });
  try {
    const splitter = new JsonSplitter(win, layout.bomLength, w, JSON_SNIFF_BYTES);
    let brokenShape: ElementShape | undefined;
    let spans = 0;
    let unknown = false;
    for (let n = 0; n < JSON_SNIFF_ELEMENTS; n++) {
      const span = await splitter.next();
      if (!span) break;
      spans++;
      const text = win.bytes.toString(enc, Math.max(0, span.start - win.base), span.end - win.base);
      let value: unknown;
      try {
        value = span.error ? undefined : JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (!isJsonObject(value)) {
        brokenShape ??= AUDIT_KEYS.find(([re]) => re.test(text))?.[1];
        continue;
      }
      const shape = shapeOf(value);
      if (!shape) {
        unknown = true;
        continue;
      }
      const lines = span.topLevel && isAloneOnItsLines(win, span.start, span.end, w);
      return { kind: jsonKind(shape, lines, splitter.sawPage), layout, json: lines ? 'lines' : 'elements' };
    }
    if (spans === 0 && win.eof) {
      // `[]` or `{"value": []}`: a valid export with no records.
      return { kind: splitter.sawPage ? 'graph-audit-json' : 'powershell-json', layout, json: 'elements' };
    }
    if (brokenShape && !unknown) {
      // Every element is broken but the text is plainly an audit export: read it and report each one.
      return { kind: jsonKind(brokenShape, false, splitter.sawPage), layout, json: 'elements' };
    }
    throw unrecognised(
      source,
      unknown
        ? 'JSON whose elements have none of the fields of an audit record (AuditData, auditData, RawEventData, CreationTime, TimeGenerated)'
        : 'text that starts like JSON but holds no readable JSON object',
    );
  } finally {
    win.release();
  }
}

/** True when the element has no line break inside and nothing but blanks follows it on its line. */
function isAloneOnItsLines(win: ByteWindow, start: number, end: number, w: 1 | 2): boolean {
  const buf = win.bytes;
  const lf = findUnit(buf, LF, start - win.base, w);
  if (lf >= 0 && lf < end - win.base) return false;
  const stop = lf < 0 ? buf.length : lf;
  for (let i = end - win.base; i < stop; i += w) {
    const c = unitAt(buf, i, w);
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}
