/**
 * The benchmark's exports: N records as a new-format Purview CSV (~780 MB at 300,000 records) and the
 * same records as JSON Lines, written in one streaming pass, with a truth computed in the same pass
 * (distinct message ids and synced folders per mailbox, throttle windows; no O(n²) oracle).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { benchRecord, benchWorld } from './benchWorld';
import { auditJson } from './json';
import type { AuditRecord } from './records';
import { isoUtc, parseAuditTime } from './time';
import { throttleWindows } from './throttle';
import { normaliseFolder, normaliseMessageId, type TruthWindow } from './truth';
import { resolveOptions } from './writers/options';
import { PURVIEW_NEW_HEADER, purviewNewRow } from './writers/purviewCsv';
import { ExportSink } from './writers/sink';

/** Bumped whenever the benchmark's records change (the bench's cache compares it). */
export const BENCH_GENERATOR_VERSION = 1;

export interface BenchMailboxTruth {
  key: string;
  display: string;
  records: number;
  bind: number;
  sync: number;
  distinctMessages: number;
  /** sha256 (hex) of the sorted normalised message ids joined by "\n" (see digestMessageIds). */
  messagesSha256: string;
  /** Present with `includeMessageIds`. */
  messageIds?: string[];
  syncedFolders: string[];
  throttleWindows: TruthWindow[];
}

export interface BenchTruth {
  schema: 'mia-generator-bench-truth/1';
  generatorVersion: number;
  seed: number;
  records: number;
  distinctRecords: number;
  bind: number;
  sync: number;
  distinctMessages: number;
  throttle: { threshold: number; hours: number };
  mailboxes: BenchMailboxTruth[];
}

/** Digest of a set of normalised message ids: sha256 of the sorted ids joined by "\n". */
export function digestMessageIds(ids: Iterable<string>): string {
  const sorted = [...new Set(ids)].sort();
  return createHash('sha256').update(sorted.join('\n')).digest('hex');
}

/** Streaming truth: one pass, per-mailbox sets, no record kept. */
export class BenchTruthAccumulator {
  private readonly mailboxes = new Map<
    string,
    {
      display: string;
      ids: Set<string>;
      folders: Set<string>;
      times: number[];
      flags: number[];
      bind: number;
      sync: number;
    }
  >();
  private readonly ids = new Set<string>();
  private total = 0;

  add(a: AuditRecord): void {
    this.total++;
    this.ids.add(String(a.Id));
    const display = String(a.MailboxOwnerUPN ?? a.MailboxGuid);
    const key = display.toLowerCase();
    let m = this.mailboxes.get(key);
    if (!m)
      this.mailboxes.set(
        key,
        (m = { display, ids: new Set(), folders: new Set(), times: [], flags: [], bind: 0, sync: 0 }),
      );
    const time = parseAuditTime(String(a.CreationTime));
    m.times.push(time);
    const props = a.OperationProperties as { Name: string; Value: string }[];
    const access = props.find((p) => p.Name === 'MailAccessType')?.Value;
    if (props.find((p) => p.Name === 'IsThrottled')?.Value.toLowerCase() === 'true') m.flags.push(time);
    const folders = (a.Folders ?? []) as { Path: string; FolderItems?: { InternetMessageId: string }[] }[];
    if (access === 'Bind') {
      m.bind++;
      for (const f of folders)
        for (const item of f.FolderItems ?? []) m.ids.add(normaliseMessageId(item.InternetMessageId));
    } else if (access === 'Sync') {
      m.sync++;
      for (const f of folders) m.folders.add(normaliseFolder(f.Path));
      const parent = (a.Item as { ParentFolder?: { Path?: string; Name?: string } } | undefined)
        ?.ParentFolder;
      if (parent) m.folders.add(normaliseFolder(parent.Path ?? parent.Name ?? ''));
    }
  }

  result(seed: number, includeMessageIds = false, threshold = 1000, hours = 24): BenchTruth {
    let bind = 0;
    let sync = 0;
    let distinct = 0;
    const mailboxes = [...this.mailboxes.entries()]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([key, m]): BenchMailboxTruth => {
        bind += m.bind;
        sync += m.sync;
        distinct += m.ids.size;
        const ids = [...m.ids].sort();
        const out: BenchMailboxTruth = {
          key,
          display: m.display,
          records: m.times.length,
          bind: m.bind,
          sync: m.sync,
          distinctMessages: ids.length,
          messagesSha256: digestMessageIds(ids),
          syncedFolders: [...m.folders].sort(),
          throttleWindows: throttleWindows(m.times, m.flags, threshold, hours).map((w) => ({
            startUtc: isoUtc(w.start),
            endUtc: isoUtc(w.end),
            basis: w.basis,
          })),
        };
        if (includeMessageIds) out.messageIds = ids;
        return out;
      });
    return {
      schema: 'mia-generator-bench-truth/1',
      generatorVersion: BENCH_GENERATOR_VERSION,
      seed,
      records: this.total,
      distinctRecords: this.ids.size,
      bind,
      sync,
      distinctMessages: distinct,
      throttle: { threshold, hours },
      mailboxes,
    };
  }
}

export interface BenchExportOptions {
  seed?: number;
  /** Write each mailbox's sorted message ids into the truth as well (large). */
  includeMessageIds?: boolean;
  /** Called every 10,000 records. */
  onProgress?: (done: number, total: number) => void;
}

export interface BenchExports {
  csvPath: string;
  jsonlPath: string;
  truthPath: string;
  manifestPath: string;
  csvBytes: number;
  jsonlBytes: number;
  records: number;
  ms: number;
}

/** File names for a record count (the bench's cache looks for these). */
export function benchFileNames(records: number): {
  csv: string;
  jsonl: string;
  truth: string;
  manifest: string;
} {
  return {
    csv: `purview-new-${records}.csv`,
    jsonl: `records-${records}.jsonl`,
    truth: `bench-truth-${records}.json`,
    manifest: `bench-manifest-${records}.json`,
  };
}

/**
 * Writes the benchmark exports into `dir`: the Purview CSV (newest first, BOM, CRLF, ISO dates with
 * the trailing space) and the same records as JSON Lines (raw AuditData, same order), plus the truth
 * and a manifest (generator version, seed, sizes) that `benchExportsUpToDate` checks.
 */
export async function writeBenchExports(
  dir: string,
  records = 300000,
  options: BenchExportOptions = {},
): Promise<BenchExports> {
  const seed = options.seed ?? 20250201;
  const started = Date.now();
  await fs.mkdir(dir, { recursive: true });
  const names = benchFileNames(records);
  const manifestPath = path.join(dir, names.manifest);
  // No manifest until every file is complete: an interrupted run is never taken for a cached one.
  await fs.rm(manifestPath, { force: true });
  const csvPath = path.join(dir, names.csv);
  const jsonlPath = path.join(dir, names.jsonl);
  const csvOptions = resolveOptions('purview-csv-new', { encoding: 'utf-8-bom', eol: 'crlf' });
  const csv = new ExportSink(csvPath, 'utf-8-bom', false);
  const jsonl = new ExportSink(jsonlPath, 'utf-8', false);
  const world = benchWorld(seed, records);
  const truth = new BenchTruthAccumulator();
  csv.add({ text: PURVIEW_NEW_HEADER + '\r\n' });
  // Newest first, as the portal exports.
  for (let i = records - 1; i >= 0; i--) {
    const audit = benchRecord(world, i);
    truth.add(audit);
    const json = auditJson(audit);
    csv.add({ text: purviewNewRow({ audit }, csvOptions, json), row: true });
    jsonl.add({ text: json + '\n', row: true });
    if (csv.needsFlush) await csv.drain();
    if (jsonl.needsFlush) await jsonl.drain();
    if (options.onProgress && (records - i) % 10000 === 0) options.onProgress(records - i, records);
  }
  const [csvStats, jsonlStats] = [await csv.close(), await jsonl.close()];
  const truthPath = path.join(dir, names.truth);
  await fs.writeFile(
    truthPath,
    JSON.stringify(truth.result(seed, options.includeMessageIds), null, 1) + '\n',
  );
  const manifest = {
    generatorVersion: BENCH_GENERATOR_VERSION,
    seed,
    records,
    csvBytes: csvStats.bytes,
    jsonlBytes: jsonlStats.bytes,
  };
  await fs.writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return {
    csvPath,
    jsonlPath,
    truthPath,
    manifestPath,
    csvBytes: csvStats.bytes,
    jsonlBytes: jsonlStats.bytes,
    records,
    ms: Date.now() - started,
  };
}

/** True when `dir` holds complete exports from this generator version for this count and seed. */
export async function benchExportsUpToDate(dir: string, records = 300000, seed = 20250201): Promise<boolean> {
  const names = benchFileNames(records);
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(dir, names.manifest), 'utf8')) as Record<
      string,
      number
    >;
    if (
      manifest.generatorVersion !== BENCH_GENERATOR_VERSION ||
      manifest.seed !== seed ||
      manifest.records !== records
    )
      return false;
    const [csv, jsonl] = await Promise.all([
      fs.stat(path.join(dir, names.csv)),
      fs.stat(path.join(dir, names.jsonl)),
      fs.stat(path.join(dir, names.truth)),
    ]);
    return csv.size === manifest.csvBytes && jsonl.size === manifest.jsonlBytes;
  } catch {
    return false;
  }
}
