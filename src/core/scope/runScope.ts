import { loadInvestigation } from '../investigation/investigation';
import { endIdleWorkers } from '../worker/workerJob';
import { checkReopenedSources } from '../savedIndex/readThroughIndex';
import type { Enrichment } from '../enrich/enrichTypes';
import type { LoadOptions, SourceOpener } from '../investigation/types';
import { buildScopeReport } from '../report/buildReport';
import { holdLateHashes } from '../report/lateHashes';
import type { ScopeReport } from '../report/reportTypes';
import { resolveScopeOptions, type ScopeOptions } from './scopeOptions';

/** Everything `mia scope` does, as one call (the extension's "scope report" command calls it too). */
export interface RunScopeOptions extends ScopeOptions, LoadOptions {
  /** Export files and folders (folders are read recursively). */
  inputs: readonly string[];
  /** Replaces container detection (tests). */
  open?: SourceOpener;
  /** Message metadata and app/IP labels shown in the report (issue 7). */
  enrichment?: Enrichment;
  /**
   * The caller only writes the JSON report (`jsonReportChunks`): messages are left as rows, not
   * objects (see `BuildOptions.deferMessages`).
   */
  deferMessages?: boolean;
  /**
   * The caller writes the report to a file: hashes still being computed are left as placeholders
   * (`lateHashes`) and written in when known, so the report is written while the files are hashed.
   */
  lateHashes?: boolean;
  /** Called once the inputs are loaded, before the report is built (the CLI collects garbage there). */
  onLoaded?: () => void;
  /** Told when a source loaded from its saved index no longer matches its file (it is then read again). */
  onWarning?: (message: string) => void;
}

/**
 * Loads the inputs into one investigation and returns the JSON scoping report (schemaVersion 1).
 * Sources loaded from a saved index are hashed again before the report is returned (see
 * `checkReopenedSources`).
 * Options are checked before anything is read (ScopeOptionError); a named input that is missing,
 * unreadable or not a recognised export rejects with InputError.
 */
export async function runScope(options: RunScopeOptions): Promise<ScopeReport> {
  resolveScopeOptions(options);
  const load = () =>
    loadInvestigation(options.inputs, {
      signal: options.signal,
      onProgress: options.onProgress,
      open: options.open,
      savedIndex: options.savedIndex,
      // Files are hashed while the report is built (see `build`), their indexes saved after that.
      ingest: { ...options.ingest, hashLater: true },
    });
  let investigation = await load();
  try {
    options.onLoaded?.();
    // The report states each source's SHA-256. A file parsed without hashing it is hashed in the
    // hashing worker while this thread builds the report (the load kept both cores busy, the
    // report keeps one), and its hash written in afterwards; with `lateHashes`, while the caller
    // writes the report too.
    const build = async (): Promise<ScopeReport> => {
      const unhashed = investigation.unhashedSources();
      const hashing = investigation.hashSources();
      let report: ScopeReport;
      try {
        report = buildScopeReport(investigation, options, options.enrichment, {
          deferMessages: options.deferMessages,
        });
      } catch (err) {
        // Settled even when the build failed (no rejection left unobserved).
        await hashing.catch(() => undefined);
        throw err;
      }
      const filled = hashing.then(() =>
        investigation.sources.forEach((s, i) => (report.sources[i].sha256 = s.sha256)),
      );
      if (options.lateHashes && unhashed.length > 0) {
        // The hashing worker ends once done (the caller is writing the report meanwhile).
        const done = filled.finally(endIdleWorkers);
        holdLateHashes(report, unhashed, done);
        return report;
      }
      await filled;
      return report;
    };
    // One loaded from a saved index is hashed again (in a worker, while the report is built: an
    // edit can keep the size and modification time the index is found by). A mismatch removed
    // the index: the load is done again and parses the file as it is now.
    const checks = checkReopenedSources(investigation.sources);
    const report = await build();
    const stale = (await checks).filter((c) => !c.matches);
    if (stale.length === 0) return report;
    for (const c of stale)
      options.onWarning?.(
        c.error === undefined
          ? `${c.path}: the file changed since its saved index was made (SHA-256 ${c.sha256}, indexed ${c.indexedSha256}): the index was discarded and the file read again`
          : `${c.path}: cannot check the file against its saved index (${c.error}): the index was discarded and the file read again`,
      );
    await investigation.close();
    investigation = await load();
    options.onLoaded?.();
    return await build();
  } finally {
    await investigation.close();
    // The hashing workers (of the hashes above and of the checks) are not kept while the caller
    // writes the report.
    endIdleWorkers();
  }
}
