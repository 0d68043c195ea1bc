import { csvReportChunks } from './csvReport';
import { freshNonce, htmlReportChunks, type HtmlReportOptions } from './htmlReport';
import { jsonReportChunks } from './jsonReport';
import { markdownReportChunks } from './markdownReport';
import type { ScopeReport } from './reportTypes';

/** The report formats written as text. */
export type TextReportFormat = 'markdown' | 'html' | 'json' | 'csv';

/**
 * The report in a text format as pieces of text, each made as it is asked for: the report of a
 * large export is hundreds of MB, more than one string may hold. An HTML page gets a fresh
 * nonce unless one is given.
 */
export function reportChunks(
  report: ScopeReport,
  format: TextReportFormat,
  html?: HtmlReportOptions,
): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonReportChunks(report);
    case 'csv':
      return csvReportChunks(report);
    case 'markdown':
      return markdownReportChunks(report);
    case 'html':
      return htmlReportChunks(report, html ?? { nonce: freshNonce() });
  }
}

/**
 * What `textWithin` found: the whole text, at most the limit long; or, past the limit, every piece
 * still to be written (those read to find out, then the rest, made as they are asked for).
 */
export type BoundedText = { text: string } | { pieces: Iterable<string> };

/**
 * Reads `pieces` until they end or pass `maxLength` characters: a report small enough to show is
 * joined, a larger one is not (it is written to a file piece by piece instead), and only as much
 * of it as the limit is made to find out.
 */
export function textWithin(pieces: Iterable<string>, maxLength: number): BoundedText {
  const rest = pieces[Symbol.iterator]();
  const read: string[] = [];
  let length = 0;
  for (let next = rest.next(); next.done !== true; next = rest.next()) {
    read.push(next.value);
    length += next.value.length;
    if (length > maxLength) return { pieces: readThenRest(read, rest) };
  }
  return { text: read.join('') };
}

function* readThenRest(read: string[], rest: Iterator<string>): Generator<string, void, undefined> {
  // Each piece read is let go once written.
  for (let i = 0; i < read.length; i++) {
    const piece = read[i];
    read[i] = '';
    yield piece;
  }
  for (let next = rest.next(); next.done !== true; next = rest.next()) yield next.value;
}
