import type { Finding, FindingCode } from './types';

const NOUN: Record<FindingCode, string> = {
  'mia.throttled': 'throttle window finding(s)',
  'mia.sync': 'Sync finding(s)',
  'mia.rejected': 'rejected row(s)',
  'mia.coverage': 'coverage warning(s)',
  'mia.signal': 'session signal(s)',
};

/**
 * Caps findings per code and per source file at `maxPerKind` (the first ones by line are kept) and
 * replaces the rest of each group by ONE summary finding, placed at the first line left out, that
 * says how many more there are. Thousands of Syncs must not drown the Problems panel, yet the
 * count stays visible. Order of the result: by source, line, code (as `computeFindings`).
 */
export function capFindings(
  findings: readonly Finding[],
  maxPerKind: number,
  settingName = 'mia.diagnostics.maxPerKind',
): Finding[] {
  const max = Math.max(0, Math.floor(maxPerKind));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.sourceIndex}\u0000${f.code}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.line - b.line);
    out.push(...sorted.slice(0, max));
    const rest = sorted.slice(max);
    if (rest.length === 0) continue;
    const first = rest[0];
    out.push({
      code: first.code,
      kind: 'summary',
      severity: first.severity,
      sourceIndex: first.sourceIndex,
      line: first.line,
      title: `${rest.length} more ${NOUN[first.code]}`,
      message: `${rest.length} more ${NOUN[first.code]} in this file are not listed here (${settingName} is ${max}).`,
      related: [],
      omitted: rest.length,
    });
  }
  return out.sort(
    (a, b) =>
      a.sourceIndex - b.sourceIndex || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
