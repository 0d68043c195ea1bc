/** A parsed JSON object, or the reason it could not be read. */
export type ParsedObject = { value: Record<string, unknown> } | { error: string };

/** Cell length at which Excel cuts text on a re-save (its per-cell limit). */
export const EXCEL_CELL_LIMIT = 32767;
/** Cell length at which Google Sheets cuts text. */
export const SHEETS_CELL_LIMIT = 50000;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Makes an untrusted fragment safe to put in a message: no control characters, bounded length. */
export function printable(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * Explains a JSON.parse failure of `text` in words: says when the text was cut short (and when the
 * cut sits exactly at a spreadsheet's cell limit), without echoing the untrusted text itself.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const length = text.length;
  const at = /position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : -1;
  const cutShort =
    /end of JSON input|Unterminated string/i.test(message) ||
    (position >= 0 && position >= text.trimEnd().length);
  if (cutShort) {
    if (length === EXCEL_CELL_LIMIT) {
      return `it ends after ${EXCEL_CELL_LIMIT} characters (the cell was probably truncated by a spreadsheet)`;
    }
    if (length === SHEETS_CELL_LIMIT) {
      return `it ends after ${SHEETS_CELL_LIMIT} characters (the cell was probably truncated by Google Sheets)`;
    }
    return `it ends abruptly after ${length} characters (cut short?)`;
  }
  if (position >= 0) {
    const what = message.replace(/ in JSON at position \d+.*$/s, '');
    return `${printable(what)} at character ${position + 1} of ${length}`;
  }
  // V8 quotes the input after the token ("Unexpected token 'x', ..."…" is not valid JSON"): drop it.
  return printable(message.replace(/,?\s*(\.\.\.)?".*$/s, ''));
}

/**
 * Parses `text` as one JSON object. `what` names it in the reason ("AuditData", "line", …), e.g.
 * "AuditData is not valid JSON: it ends after 32767 characters (the cell was probably truncated by
 * a spreadsheet)".
 */
export function parseJsonObject(text: string, what: string): ParsedObject {
  if (text.trim() === '') return { error: `${what} is empty` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `${what} is not valid JSON: ${describeJsonError(text, error)}` };
  }
  if (!isJsonObject(value)) {
    return {
      error: `${what} is not a JSON object (it is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})`,
    };
  }
  return { value };
}
