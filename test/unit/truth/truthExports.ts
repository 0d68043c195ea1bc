/**
 * Generated exports with their truth, for comparing the engine with it: one container at a time
 * (with the broken rows it can carry), and the truth of a time-scoped report (mailbox figures of the
 * records inside the window; throttle windows computed on each whole mailbox and kept when they meet
 * the window, the rule of the scoping report).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContainerKind } from '../../../src/core/containers/types';
import type { Scenario } from '../../support/generator/scenarioTypes';
import { parseAuditTime } from '../../support/generator/time';
import { computeTruth, type Truth, type TruthInputFile } from '../../support/generator/truth';
import { truthOptions, writeExport, type WrittenExport } from '../../support/generator/writeExport';
import { truthMailbox, truthWindows, type MailboxView } from './views';

/** A fresh folder under the system temp folder; `remove` deletes it and everything in it. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mia-truth-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** What computeTruth needs from written files. */
export function truthInputs(files: readonly WrittenExport[]): TruthInputFile[] {
  return files.map((f) => ({ name: f.name, container: f.container, rows: f.rows, lines: f.lines }));
}

/** Writes every scenario record once in `container`, with the broken rows it can carry, and its truth. */
export async function writeContainerExport(
  scenario: Scenario,
  container: ContainerKind,
  dir: string,
): Promise<{ file: WrittenExport; truth: Truth }> {
  const file = await writeExport(scenario, container, path.join(dir, `${container}.export`), {
    includeBroken: true,
  });
  return { file, truth: computeTruth(truthInputs([file]), truthOptions(scenario)) };
}

/** True when a row is a readable record whose CreationTime lies in [fromMs, toMs). */
function inWindow(fromMs: number, toMs: number) {
  return (row: TruthInputFile['rows'][number]): boolean => {
    if (row.broken) return false;
    const t = typeof row.audit.CreationTime === 'string' ? parseAuditTime(row.audit.CreationTime) : NaN;
    return t >= fromMs && t < toMs;
  };
}

/** The truth of an export set restricted to the records in [fromMs, toMs) (windows included as computed there). */
export function truthWithin(
  files: readonly TruthInputFile[],
  scenario: Scenario,
  fromMs: number,
  toMs: number,
): Truth {
  const keep = inWindow(fromMs, toMs);
  const restricted = files.map((f) => {
    const idx = f.rows.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
    return { ...f, rows: idx.map((i) => f.rows[i]), lines: idx.map((i) => f.lines[i]) };
  });
  return computeTruth(restricted, truthOptions(scenario));
}

/**
 * The mailboxes a report scoped to [fromMs, toMs) must hold: each mailbox with records in the window
 * (its figures from those records), and each mailbox with a throttle window meeting the time window
 * (even without records in it). Throttle windows are the whole mailbox's (`full`), kept when they
 * intersect [fromMs, toMs).
 */
export function expectedTimeScoped(full: Truth, within: Truth, fromMs: number, toMs: number): MailboxView[] {
  const inScope = new Map(within.mailboxes.map((m) => [m.key, truthMailbox(m)]));
  const out: MailboxView[] = [];
  for (const m of full.mailboxes) {
    const windows = truthWindows(m).filter((w) => w.startMs < toMs && w.endMs > fromMs);
    const scoped = inScope.get(m.key);
    if (!scoped && windows.length === 0) continue;
    out.push({
      ...(scoped ?? {
        key: m.key,
        records: 0,
        bind: 0,
        sync: 0,
        firstMs: null,
        lastMs: null,
        messages: [],
        syncedFolders: [],
      }),
      windows,
    });
  }
  return out;
}
