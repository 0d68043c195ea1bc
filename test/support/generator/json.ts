/**
 * JSON text for generated records. Real exports sometimes write `SizeInBytes` as a float
 * (`48211.0`), which JavaScript numbers cannot express; `RawNumber` carries the literal text and
 * `auditJson` puts it back after JSON.stringify.
 */

const MARK = '\u0000num:';

/** A number written with its exact literal text (`48211.0`). `value` is what a JSON parser yields. */
export class RawNumber {
  constructor(readonly text: string) {}

  get value(): number {
    return Number(this.text);
  }

  /** JSON.stringify sees a marker string; auditJson turns it back into the bare literal. */
  toJSON(): string {
    return `${MARK}${this.text}\u0000`;
  }
}

const MARKER_RE = /"\\u0000num:([-0-9.eE+]+)\\u0000"/g;

/** Compact JSON, with RawNumber literals restored. */
export function auditJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000num:') ? text.replace(MARKER_RE, '$1') : text;
}

/** The value a JSON parser would produce from `auditJson(value)` (RawNumber → number). */
export function plainJson<T>(value: T): T {
  return JSON.parse(auditJson(value)) as T;
}

/** Options of the PowerShell-like pretty printer. */
export interface PrettyOptions {
  /** Indent unit (PowerShell 5.1: 4 spaces, 7: 2 spaces). */
  indent: string;
  /** Text between a key and its value (5.1: `":  "` i.e. two spaces; 7: one). */
  colon: string;
  /** Escape `<`, `>`, `&`, `'` as \u003c… like PowerShell 5.1's JavaScriptSerializer does. */
  escapeHtml: boolean;
  eol: string;
}

/** Pretty JSON in the style of PowerShell's ConvertTo-Json; `baseIndent` prefixes every line. */
export function prettyJson(value: unknown, options: PrettyOptions, baseIndent = ''): string {
  return baseIndent + pretty(value, options, baseIndent);
}

function pretty(value: unknown, o: PrettyOptions, indent: string): string {
  if (value instanceof RawNumber) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return str(value, o);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  const inner = indent + o.indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const parts = value.map((v) => inner + pretty(v, o, inner));
    return `[${o.eol}${parts.join(`,${o.eol}`)}${o.eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${inner}${str(k, o)}${o.colon}${pretty(v, o, inner)}`);
  return `{${o.eol}${parts.join(`,${o.eol}`)}${o.eol}${indent}}`;
}

function str(s: string, o: PrettyOptions): string {
  const json = JSON.stringify(s);
  if (!o.escapeHtml) return json;
  return json.replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
