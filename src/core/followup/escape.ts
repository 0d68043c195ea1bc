/**
 * Literals for the languages the follow-up queries are written in. Every value from an export is
 * untrusted (a UPN, IP or message id can hold quotes, backslashes, newlines, `|`, `;`): it only
 * ever reaches a query through one of these functions, which keep it data.
 */

/** Characters a KQL quoted literal may not hold raw, plus line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const KQL_SPECIAL = /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A KQL string literal for `value`: an obfuscated (`h`) double-quoted literal, since UPNs, IPs
 * and message ids are personal data and Kusto logs query text. Backslash, double quote, tab,
 * newline and carriage return use the documented escapes; any other control character a `\uXXXX`
 * escape (the escapes Kusto.Language decodes; checked against it in the tests).
 */
export function kqlString(value: string): string {
  const body = value.replace(KQL_SPECIAL, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `h"${body}"`;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** A KQL `datetime(...)` literal; only ISO 8601 UTC times are accepted (never raw text). */
export function kqlDatetime(isoUtc: string): string {
  if (!ISO_UTC.test(isoUtc)) throw new Error(`not an ISO 8601 UTC time: ${JSON.stringify(isoUtc)}`);
  return `datetime(${isoUtc})`;
}

/**
 * Characters PowerShell reads as a single quote inside a single-quoted string: the ASCII
 * apostrophe and the typographic quotes U+2018–U+201B. Each is doubled to stand for itself.
 */
const PS_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** A PowerShell single-quoted (verbatim: no `$` or backtick expansion) string literal. */
export function psString(value: string): string {
  return `'${value.replace(PS_QUOTES, (q) => q + q)}'`;
}

/** An OData string literal (`'...'`, a single quote doubled), as used in `$filter`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Characters that could end or disturb a line comment. */
// eslint-disable-next-line no-control-regex
const COMMENT_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text safe inside a line comment (`//` in KQL, `#` in PowerShell and .http files): one line,
 * control characters and separators shown as `\uXXXX`, at most `max` characters.
 */
export function commentText(value: string, max = 120): string {
  const line = value.replace(COMMENT_BREAKERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
