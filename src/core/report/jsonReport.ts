import type { ScopeReport } from './reportTypes';

/** The JSON report as text: two-space indentation, a final newline. */
export function writeJsonReport(report: ScopeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
