import * as path from 'node:path';
import type { ScopeReport } from './reportTypes';

/**
 * How each source is named in a human report: its file name, or its full path when two sources
 * share a file name (so every `file:line` stays unambiguous).
 */
export function sourceNames(report: ScopeReport): Map<string, string> {
  const counts = new Map<string, number>();
  for (const s of report.sources)
    counts.set(path.basename(s.path), (counts.get(path.basename(s.path)) ?? 0) + 1);
  return new Map(
    report.sources.map((s) => [
      s.path,
      counts.get(path.basename(s.path))! > 1 ? s.path : path.basename(s.path),
    ]),
  );
}
