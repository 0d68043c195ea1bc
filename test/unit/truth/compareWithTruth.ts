/**
 * Compares a scoping report with what the generator's truth says it must hold, collecting every
 * disagreement (so one failing run lists them all) and failing with the list. Sets are compared
 * whole: a missing or extra message, folder or window is named, not just counted.
 */
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import type { Truth } from '../../support/generator/truth';
import {
  reportFiles,
  reportMailbox,
  reportTotals,
  truthFiles,
  truthMailbox,
  truthTotals,
  type MailboxView,
  type MessageView,
} from './views';

/** Collected disagreements of one comparison. */
export class Disagreements {
  readonly items: string[] = [];

  constructor(private readonly label: string) {}

  /** Records a disagreement when `actual` (engine) and `expected` (truth) differ. */
  same(what: string, actual: unknown, expected: unknown): void {
    if (!isDeepStrictEqual(actual, expected)) {
      this.items.push(`${what}: engine ${brief(actual)}, truth ${brief(expected)}`);
    }
  }

  /** Compares two lists as sets of items keyed by `key`, naming what is missing or extra. */
  sameSet<T>(what: string, actual: readonly T[], expected: readonly T[], key: (x: T) => string): void {
    if (isDeepStrictEqual(actual, expected)) return;
    const a = new Map(actual.map((x) => [key(x), x]));
    const e = new Map(expected.map((x) => [key(x), x]));
    const missing = [...e.keys()].filter((k) => !a.has(k));
    const extra = [...a.keys()].filter((k) => !e.has(k));
    const differing = [...e.keys()].filter((k) => a.has(k) && !isDeepStrictEqual(a.get(k), e.get(k)));
    const parts = [`engine ${actual.length}, truth ${expected.length}`];
    if (missing.length > 0) parts.push(`missing ${list(missing)}`);
    if (extra.length > 0) parts.push(`extra ${list(extra)}`);
    for (const k of differing.slice(0, 3)) parts.push(`${k}: ${difference(a.get(k), e.get(k))}`);
    if (differing.length > 3) parts.push(`… ${differing.length - 3} more differing`);
    if (missing.length + extra.length + differing.length === 0) parts.push('same items, different order');
    this.items.push(`${what}: ${parts.join('; ')}`);
  }

  /** Fails with every disagreement collected. */
  check(): void {
    if (this.items.length > 0) {
      assert.fail(
        `${this.label}: ${this.items.length} disagreement(s) with the truth:\n  ${this.items.join('\n  ')}`,
      );
    }
  }
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Of two objects, only the fields that differ (engine and truth values); else both values. */
function difference(actual: unknown, expected: unknown): string {
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `engine ${brief(actual)}, truth ${brief(expected)}`;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(e)])]
    .filter((k) => !isDeepStrictEqual(a[k], e[k]))
    .map((k) => `${k} engine ${brief(a[k])}, truth ${brief(e[k])}`)
    .join('; ');
}

function list(keys: string[]): string {
  return keys.length > 5 ? `${keys.slice(0, 5).join(', ')} … (${keys.length})` : keys.join(', ');
}

/** Compares one mailbox view (engine) with the expected one, field by field, sets whole. */
export function compareMailbox(d: Disagreements, actual: MailboxView, expected: MailboxView): void {
  const at = `mailbox ${expected.key}`;
  for (const field of ['records', 'bind', 'sync', 'firstMs', 'lastMs'] as const) {
    d.same(`${at} ${field}`, actual[field], expected[field]);
  }
  d.sameSet(`${at} messages`, actual.messages, expected.messages, (m: MessageView) => m.id);
  d.same(`${at} synced folders`, actual.syncedFolders, expected.syncedFolders);
  d.same(`${at} throttle windows`, actual.windows, expected.windows);
}

/** Compares a set of mailboxes: which are there, then each one. */
export function compareMailboxes(
  d: Disagreements,
  actual: readonly MailboxView[],
  expected: readonly MailboxView[],
): void {
  const keys = (list: readonly MailboxView[]) => list.map((m) => m.key).sort();
  d.same('mailboxes', keys(actual), keys(expected));
  const byKey = new Map(actual.map((m) => [m.key, m]));
  for (const e of expected) {
    const a = byKey.get(e.key);
    if (a) compareMailbox(d, a, e);
  }
}

/**
 * The whole, unfiltered report against the truth: totals, every source (rows, records, duplicates,
 * other operations, each rejected row's line), every mailbox. `baseDir` is the folder the truth's
 * file names are relative to.
 */
export function compareReportWithTruth(
  report: ScopeReport,
  truth: Truth,
  baseDir: string,
  label: string,
): void {
  const d = new Disagreements(label);
  d.same('totals', reportTotals(report), truthTotals(truth));
  d.sameSet('sources', reportFiles(report, baseDir), truthFiles(truth), (f) => f.name);
  compareMailboxes(d, report.mailboxes.map(reportMailbox), truth.mailboxes.map(truthMailbox));
  d.check();
}
