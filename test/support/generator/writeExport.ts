/**
 * Writing a scenario's records as exports: one container to one file (`writeExport`), the scenario's
 * default split export set with its truth.json (`writeExportSet`), and the lower-level streaming
 * `writeRows` the benchmark uses.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ContainerKind } from '../../../src/core/containers/types';
import type { BrokenKind, ExportRow, Scenario } from './scenarioTypes';
import { computeTruth, writeTruth, type Truth } from './truth';
import {
  CSV_CONTAINERS,
  LINE_CONTAINERS,
  resolveOptions,
  type ExportOptions,
  type ResolvedOptions,
} from './writers/options';
import { RENDERERS } from './writers/render';
import { ExportSink, pump, pumpSync, type SinkStats } from './writers/sink';
import { parseAuditTime } from './time';

/** A file that was written, with what the truth needs to know about it. */
export interface WrittenExport {
  path: string;
  /** Name of the file in the truth (relative to the export set's folder). */
  name: string;
  container: ContainerKind;
  options: ResolvedOptions;
  /** The rows in file order. */
  rows: readonly ExportRow[];
  /** 1-based line where each row starts. */
  lines: number[];
  bytes: number;
  chunks: number;
  maxChunkBytes: number;
}

/** Options of writeExport: container options plus which rows to write. */
export interface WriteExportOptions extends ExportOptions {
  /** Rows in file order (default: every scenario record once, in the container's usual order). */
  rows?: readonly ExportRow[];
  /** Add the scenario's broken rows this container can carry (spread through the file). */
  includeBroken?: boolean;
  /** Name in the truth (default: the file's base name). */
  name?: string;
}

/** Broken kinds a container can carry without breaking the rest of the file. */
export function supportsBroken(container: ContainerKind, kind: BrokenKind): boolean {
  if (kind === 'broken-quoting') return CSV_CONTAINERS.has(container);
  if (kind === 'truncated-json') return CSV_CONTAINERS.has(container) || LINE_CONTAINERS.has(container);
  return true;
}

/** Every record of the scenario once, ordered for the container, optionally with its broken rows. */
export function scenarioRows(
  scenario: Scenario,
  container: ContainerKind,
  options: { order?: 'asc' | 'desc'; includeBroken?: boolean } = {},
): ExportRow[] {
  const order = options.order ?? resolveOptions(container).order;
  const rows: ExportRow[] = scenario.records.map((audit) => ({ audit }));
  if (order === 'desc') rows.reverse();
  if (!options.includeBroken) return rows;
  return spread(
    rows,
    scenario.brokenRows.filter((r) => r.broken && supportsBroken(container, r.broken)),
  );
}

/** Inserts `extra` rows at evenly spaced positions (deterministic). */
export function spread(rows: ExportRow[], extra: readonly ExportRow[]): ExportRow[] {
  const out = [...rows];
  extra.forEach((row, k) => {
    const at = Math.floor(((k + 1) * rows.length) / (extra.length + 1)) + k;
    out.splice(at, 0, row);
  });
  return out;
}

/** Renders rows in memory (small sets: tests). */
export function renderExport(
  container: ContainerKind,
  rows: readonly ExportRow[],
  options: ExportOptions = {},
): Buffer {
  const o = resolveOptions(container, options);
  const sink = new ExportSink('memory', o.encoding);
  pumpSync(RENDERERS[container](rows, o, rows.length), sink);
  return sink.bytes();
}

/** The 1-based start line of every row, without writing anything. */
export function layoutLines(
  container: ContainerKind,
  rows: readonly ExportRow[],
  options: ExportOptions = {},
): number[] {
  const o = resolveOptions(container, options);
  const sink = new ExportSink('count', o.encoding);
  return pumpSync(RENDERERS[container](rows, o, rows.length), sink).rowLines;
}

/**
 * Streams rows to a file in about 1 MiB chunks with backpressure; `rows` may be a generator, so
 * the caller never needs every row in memory. `total` is the row count where a container writes it
 * (ResultCount); `keepRowLines: false` skips recording start lines.
 */
export async function writeRows(
  container: ContainerKind,
  rows: Iterable<ExportRow>,
  filePath: string,
  options: ExportOptions = {},
  total?: number,
  keepRowLines = true,
): Promise<SinkStats> {
  const o = resolveOptions(container, options);
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  return pump(RENDERERS[container](rows, o, total), new ExportSink(filePath, o.encoding, keepRowLines));
}

/** Writes a scenario's records as one export. */
export async function writeExport(
  scenario: Scenario,
  container: ContainerKind,
  filePath: string,
  options: WriteExportOptions = {},
): Promise<WrittenExport> {
  const { rows: given, includeBroken, name, ...exportOptions } = options;
  const rows = given ?? scenarioRows(scenario, container, { order: exportOptions.order, includeBroken });
  const stats = await writeRows(container, rows, filePath, exportOptions, rows.length);
  return {
    path: filePath,
    name: name ?? path.basename(filePath),
    container,
    options: resolveOptions(container, exportOptions),
    rows,
    lines: stats.rowLines,
    bytes: stats.bytes,
    chunks: stats.chunks,
    maxChunkBytes: stats.maxChunkBytes,
  };
}

/** The result of writeExportSet. */
export interface WrittenExportSet {
  files: WrittenExport[];
  truth: Truth;
  truthPath: string;
}

/**
 * Writes the scenario's default export set (`scenario.files`) under `dir` and its truth as
 * `truthPath` (default `<dir>/truth.json`). File names in the truth are relative to the truth
 * file's folder, with forward slashes (`exports/purview-….csv` when the truth sits one level up).
 */
export async function writeExportSet(
  scenario: Scenario,
  dir: string,
  truthPath = path.join(dir, 'truth.json'),
): Promise<WrittenExportSet> {
  const files: WrittenExport[] = [];
  for (const plan of scenario.files) {
    const filePath = path.join(dir, plan.name);
    const name = path.relative(path.dirname(truthPath), filePath).split(path.sep).join('/');
    files.push(
      await writeExport(scenario, plan.container, filePath, { ...plan.options, rows: plan.rows, name }),
    );
  }
  const truth = computeTruth(files, truthOptions(scenario));
  await writeTruth(truthPath, truth);
  return { files, truth, truthPath };
}

/** The truth options a scenario was generated with. */
export function truthOptions(scenario: Scenario): Parameters<typeof computeTruth>[1] {
  return {
    threshold: scenario.throttle.threshold,
    hours: scenario.throttle.hours,
    attackerSessionId: scenario.planted.attacker.sessionId,
    generator: { seed: scenario.seed, scale: scenario.scale },
  };
}

/** Sorts rows by AuditData.CreationTime (rows without a valid time keep their relative place at the end). */
export function byTime(rows: ExportRow[], order: 'asc' | 'desc'): ExportRow[] {
  const t = (r: ExportRow) => {
    const ms = typeof r.audit.CreationTime === 'string' ? parseAuditTime(r.audit.CreationTime) : NaN;
    return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
  };
  const sign = order === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, t: t(r) }))
    .sort((a, b) => (a.t === b.t ? a.i - b.i : (a.t - b.t) * sign))
    .map((x) => x.r);
}
