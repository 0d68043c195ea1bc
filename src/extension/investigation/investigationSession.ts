import * as vscode from 'vscode';
import { Investigation } from '../../core/investigation/investigation';
import { InputError, type LoadProgress, type SourceStats } from '../../core/investigation/types';
import { checkReopenedSources } from '../../core/savedIndex/readThroughIndex';
import type { MiaRecord } from '../../core/model';
import { MetadataStore } from '../../core/enrich/metadata/metadataStore';
import type { MetadataSourceInfo } from '../../core/enrich/metadata/readMetadataSource';
import type { FilterState, LoadState } from '../../protocol/messages';
import { loadEndMessage, staleIndexReason, staleIndexWarning, type FailedFile } from './loadMessages';
import { FirstRowsGate } from './firstRowsGate';
import { RecordsView } from './recordsView';
import { addMetadataFiles, fileSizes } from './sessionFiles';
import { savedIndexOptions } from './savedIndexSetting';
import { log, since } from '../log';

export type { FailedFile } from './loadMessages';

/** Why a session changed: more records loaded, the load finished, or the shared filter changed. */
export type SessionChange = 'records' | 'loaded' | 'filter' | 'sources' | 'metadata';

/** Progress reaches listeners at most this often (spec: a few times a second). */
const progressIntervalMs = 250;

function sameFile(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}

/**
 * One investigation open in VS Code: a set of export files merged into one engine `Investigation`,
 * its load state, and the filter shared by its editor grid and the tree. Editors, tree,
 * diagnostics and commands all read the same session; nothing here is per panel.
 */
export class InvestigationSession implements vscode.Disposable {
  /**
   * The engine's investigation (records are the index; provenance points back into `files`).
   * Replaced by a new one, read again from the files, when a saved index turns out stale.
   */
  get investigation(): Investigation {
    return this.current;
  }
  private current = new Investigation();
  /** Aborted when `current` is replaced: a read into the old investigation stops. */
  private generation = new AbortController();
  /** Files that could not be read, with the reason (the others are still read). */
  readonly failures: FailedFile[] = [];
  /**
   * Files loaded from a saved index whose bytes no longer match it (an edit that kept size and
   * modification time): the index is gone and the investigation was read again from the files.
   */
  readonly staleIndexes: FailedFile[] = [];
  private loadState: LoadState = { phase: 'loading', bytesRead: 0, totalBytes: 0, records: 0 };
  private sharedFilter: FilterState = { text: '', facets: {} };
  private sharedFilterOrigin: unknown;
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  private readonly revealRequested = new vscode.EventEmitter<number>();
  /** Aborts every load queued or running now; replaced when the session is idle again. */
  private controller: AbortController | undefined;
  /** Loads run one after another (the engine serialises them too; this keeps the state simple). */
  private queue: Promise<void> = Promise.resolve();
  private running = 0;
  private disposed = false;
  /** Committed and pending records, in index order (see `records`). */
  private readonly view = new RecordsView();
  /** Hash checks of reopened files still running (see `whenChecked`). */
  private readonly checking = new Set<Promise<void>>();
  /** Files read, being read or queued (a file is read once per session). */
  private readonly requested = new Set<string>();

  /**
   * Message metadata (subjects, senders, dates) added to this investigation; it lives and dies
   * with the session, whatever exports are added.
   */
  readonly metadata = new MetadataStore();

  /** Held while an editor opening on this session has not shown its first rows (see the gate). */
  readonly firstRows = new FirstRowsGate();

  /**
   * Joins metadata files into `metadata`, one after another. A file that cannot be used is listed
   * in `failed` with the reason (the store is unchanged for it); the others are still added.
   */
  async addMetadata(
    paths: readonly string[],
  ): Promise<{ added: MetadataSourceInfo[]; failed: FailedFile[] }> {
    const result = await addMetadataFiles(this.metadata, paths, () => this.disposed);
    if (result.added.length > 0 && !this.disposed) this.changed.fire('metadata');
    return result;
  }

  /** Fires on every change (throttled by the loader to a few times a second). */
  readonly onDidChange = this.changed.event;
  /** Fires when someone asks the grid to select and scroll to a record (index in `records`). */
  readonly onDidRequestReveal = this.revealRequested.event;

  constructor(
    /** Stable id (the first file's URI string). */
    readonly id: string,
    /** The export files, in the order they were added. */
    readonly files: vscode.Uri[],
  ) {}

  /** Title for tabs and tree roots: the first file's name, plus "+N" when several. */
  get title(): string {
    const name = this.files[0]?.path.split('/').pop() ?? 'investigation';
    return this.files.length > 1 ? `${name} +${this.files.length - 1}` : name;
  }

  get load(): LoadState {
    return this.loadState;
  }

  /** True while files are being read. */
  get loading(): boolean {
    return this.running > 0;
  }

  /**
   * Every record readable now: the committed ones, then those of the file being read (which keep
   * their index when the read completes). Equals `investigation.records` in content once loading
   * is done. The same array grows while files are read, so a query over it can extend its work;
   * it is replaced (a new array) only when a failed or cancelled read drops records.
   */
  get records(): readonly MiaRecord[] {
    return this.view.of(this.investigation);
  }

  /** A record by its index in `records` (also while it is still being read). */
  record(index: number): MiaRecord | undefined {
    if (!Number.isInteger(index) || index < 0) return undefined;
    return this.records[index];
  }

  get filter(): FilterState {
    return this.sharedFilter;
  }

  /** Who set the current filter (the `origin` given to `setFilter`), so it need not be told. */
  get filterOrigin(): unknown {
    return this.sharedFilterOrigin;
  }

  /**
   * Sets the filter shared by the grid and the tree (tree "Filter by this session/IP", commands,
   * or an editor grid whose filter changed: it passes itself as `origin`).
   */
  setFilter(filter: FilterState, origin?: unknown): void {
    this.sharedFilter = filter;
    this.sharedFilterOrigin = origin;
    this.changed.fire('filter');
  }

  /** The time range last selected on a timeline of this session (for the scoping report). */
  selectedTimeRange: { fromMs?: number; toMs?: number } | undefined;

  /** Asks every editor of this session to select and reveal a record. */
  reveal(record: number): void {
    this.revealRequested.fire(record);
  }

  /** Cancels the running and queued loads (the files read completely so far stay). */
  cancelLoad(): void {
    this.controller?.abort(new vscode.CancellationError());
  }

  /** Resolves when the hash checks of the files reopened from saved indexes so far have finished. */
  async whenChecked(): Promise<void> {
    while (this.checking.size > 0) await Promise.allSettled([...this.checking]);
  }

  /** Resolves when no load is running or queued. */
  whenIdle(): Promise<void> {
    return this.queue;
  }

  /**
   * Reads files into the investigation (the first call loads the session's files; later calls add
   * more). A file already read or queued is not read again; records repeated across files count
   * once (the engine de-duplicates by Id). A file that cannot be read is listed in `failures` and
   * the others are still read. Progress reaches listeners as 'records'; the end as 'loaded'.
   * Resolves when these files are read (or the load was cancelled); never rejects.
   */
  addFiles(uris: readonly vscode.Uri[]): Promise<void> {
    const fresh: vscode.Uri[] = [];
    for (const uri of uris) {
      if (!this.files.some((f) => sameFile(f, uri))) this.files.push(uri);
      if (this.requested.has(uri.toString())) continue;
      this.requested.add(uri.toString());
      fresh.push(uri);
      // Asked for again after a failure: the new attempt decides.
      const failed = this.failures.findIndex((f) => f.path === uri.fsPath);
      if (failed >= 0) this.failures.splice(failed, 1);
    }
    if (fresh.length === 0 || this.disposed) return this.queue;
    const controller = (this.controller ??= new AbortController());
    this.running++;
    this.loadState = { ...this.loadState, phase: 'loading', message: undefined };
    const run = this.queue.then(() => this.read(fresh, controller.signal));
    this.queue = run.then(
      () => this.finishOne(),
      () => this.finishOne(),
    );
    return this.queue;
  }

  private finishOne(): void {
    this.running--;
    if (this.running > 0 || this.disposed) return;
    this.controller = undefined;
    const records = this.investigation.records.length;
    const cancelled = this.loadState.phase === 'cancelled';
    const read = this.investigation.sources.length;
    const failed = this.failures.length > 0 && read === 0 && !cancelled;
    this.loadState = {
      phase: cancelled ? 'cancelled' : failed ? 'failed' : 'ready',
      bytesRead: cancelled ? this.loadState.bytesRead : this.loadState.totalBytes,
      totalBytes: this.loadState.totalBytes,
      records,
      ...loadEndMessage(this.investigation, cancelled, this.failures, this.staleIndexes, this.files.length),
    };
    this.changed.fire('sources');
    // The grids showing the session re-query for the whole count before the end-of-load work runs.
    if (this.firstRows.viewed) this.firstRows.hold();
    this.changed.fire('loaded');
  }

  /**
   * Hashes a source loaded from its saved index again, in a worker. A mismatch is said, not
   * hidden, and the investigation is read again from the files at once: the grid never keeps
   * showing records of bytes the file no longer holds.
   */
  private async recheck(source: SourceStats): Promise<void> {
    const [check] = await checkReopenedSources([source]);
    if (check === undefined || check.matches || this.disposed) return;
    const reason = staleIndexReason(check);
    if (!this.staleIndexes.some((f) => f.path === check.path && f.reason === reason))
      this.staleIndexes.push({ path: check.path, reason });
    // A source of an investigation replaced since: the new one parsed the file or checks it again.
    if (!this.current.sources.includes(source)) return;
    void vscode.window.showWarningMessage(staleIndexWarning(check));
    this.readAgain();
  }

  /**
   * Drops every record shown and reads the session's files again into a new investigation (the
   * stale file parses, its index is gone; the others reopen from theirs). A read running into
   * the old investigation stops first.
   */
  private readAgain(): void {
    const old = this.current;
    this.generation.abort();
    this.generation = new AbortController();
    this.current = new Investigation();
    this.view.markStale();
    this.requested.clear();
    this.failures.length = 0;
    void this.queue.then(() => old.close());
    this.changed.fire('records');
    void this.addFiles([...this.files]);
  }

  private async read(uris: readonly vscode.Uri[], signal: AbortSignal): Promise<void> {
    const investigation = this.current;
    // Stops this read when the session reads everything again into a new investigation.
    const replaced = this.generation.signal;
    if (replaced.aborted) return;
    const stop = AbortSignal.any([signal, replaced]);
    const sizes = await fileSizes(uris);
    const total = sizes.reduce((a, b) => a + b, 0);
    let before = 0;
    let last = 0;
    this.loadState = { phase: 'loading', bytesRead: 0, totalBytes: total, records: this.records.length };
    this.changed.fire('records');
    const onProgress = (p: LoadProgress): void => {
      this.loadState = {
        phase: 'loading',
        bytesRead: before + p.bytesRead,
        totalBytes: total,
        records: p.records,
      };
      const now = Date.now();
      if (now - last >= progressIntervalMs) {
        last = now;
        this.changed.fire('records');
      }
    };
    for (let i = 0; i < uris.length; i++) {
      if (stop.aborted || this.disposed) break;
      const started = performance.now();
      const file = uris[i].fsPath;
      log()?.info(`Reading ${file} (${(sizes[i] / 2 ** 20).toFixed(1)} MB)`);
      try {
        const savedIndex = savedIndexOptions();
        await investigation.addPaths([file], { signal: stop, onProgress, savedIndex });
        const source = investigation.sources.at(-1);
        log()?.info(
          `Read ${file}: ${(source?.records ?? 0).toLocaleString('en-US')} records ` +
            `${source?.savedIndex ? 'from its saved index' : 'parsed'}${source?.partial ? ' (cancelled: partial)' : ''} in ${since(started)}`,
        );
        if (source?.savedIndex) {
          const check = this.recheck(source);
          this.checking.add(check);
          void check.finally(() => this.checking.delete(check));
        }
      } catch (error) {
        this.view.markStale();
        if (stop.aborted || this.disposed) break;
        // Another file can still be read: note why this one was not, and go on.
        this.requested.delete(uris[i].toString());
        const reason =
          error instanceof InputError ? error.reason : error instanceof Error ? error.message : String(error);
        log()?.warn(`Could not read ${file} (after ${since(started)}): ${reason}`);
        this.failures.push({ path: file, reason });
      }
      // Replaced meanwhile: the read into the new investigation owns the load state now.
      if (replaced.aborted) return;
      before += sizes[i];
      this.loadState = { ...this.loadState, bytesRead: before, records: this.investigation.records.length };
      if (!this.disposed) this.changed.fire('sources');
    }
    if (replaced.aborted) return;
    if (signal.aborted && !this.disposed) {
      // Unread files may be asked for again later.
      for (const uri of uris)
        if (!this.investigation.sources.some((s) => s.path === uri.fsPath))
          this.requested.delete(uri.toString());
      this.loadState = { ...this.loadState, phase: 'cancelled', records: this.investigation.records.length };
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.firstRows.release();
    this.controller?.abort(new vscode.CancellationError());
    this.changed.dispose();
    this.revealRequested.dispose();
    // Let a running read stop first, then release the sources kept open for raw records.
    void this.queue.then(() => this.investigation.close());
  }
}
