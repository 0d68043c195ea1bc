import { loadInvestigation } from '../investigation/investigation';
import type { Enrichment } from '../enrich/enrichTypes';
import type { LoadOptions, SourceOpener } from '../investigation/types';
import { buildScopeReport } from '../report/buildReport';
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
}

/**
 * Loads the inputs into one investigation and returns the JSON scoping report (schemaVersion 1).
 * Options are checked before anything is read (ScopeOptionError); a named input that is missing,
 * unreadable or not a recognised export rejects with InputError.
 */
export async function runScope(options: RunScopeOptions): Promise<ScopeReport> {
  resolveScopeOptions(options);
  const investigation = await loadInvestigation(options.inputs, {
    signal: options.signal,
    onProgress: options.onProgress,
    open: options.open,
    savedIndex: options.savedIndex,
  });
  try {
    return buildScopeReport(investigation, options, options.enrichment, {
      deferMessages: options.deferMessages,
    });
  } finally {
    await investigation.close();
  }
}
