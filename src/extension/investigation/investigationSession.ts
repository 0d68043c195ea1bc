import * as vscode from 'vscode';
import { Investigation } from '../../core/investigation/investigation';
import type { LoadProgress } from '../../core/investigation/types';
import type { FilterState, LoadState } from '../../protocol/messages';

/** Why a session changed: more records loaded, the load finished, or the shared filter changed. */
export type SessionChange = 'records' | 'loaded' | 'filter' | 'sources';

/**
 * One investigation open in VS Code: a set of export files merged into one engine `Investigation`,
 * its load state, and the filter shared by its editor grid and the tree. Editors, tree,
 * diagnostics and commands all read the same session; nothing here is per panel.
 */
export class InvestigationSession implements vscode.Disposable {
  /** The engine's investigation (records are the index; provenance points back into `files`). */
  readonly investigation = new Investigation();
  private loadState: LoadState = { phase: 'loading', bytesRead: 0, totalBytes: 0, records: 0 };
  private sharedFilter: FilterState = { text: '', facets: {} };
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  private readonly revealRequested = new vscode.EventEmitter<number>();
  private readonly cancel = new AbortController();

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

  get filter(): FilterState {
    return this.sharedFilter;
  }

  /** Sets the filter shared by the grid and the tree (tree "Filter by this session/IP", commands). */
  setFilter(filter: FilterState): void {
    this.sharedFilter = filter;
    this.changed.fire('filter');
  }

  /** Asks every editor of this session to select and reveal a record. */
  reveal(record: number): void {
    this.revealRequested.fire(record);
  }

  /** Cancels a running load (the records read so far stay). */
  cancelLoad(): void {
    this.cancel.abort();
  }

  /**
   * Reads files into the investigation (the first call loads `files`; later calls add more).
   * Progress reaches listeners as 'records'; the end as 'loaded'.
   */
  async addFiles(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) if (!this.files.some((f) => f.toString() === uri.toString())) this.files.push(uri);
    this.loadState = { ...this.loadState, phase: 'loading', message: undefined };
    let last = 0;
    const onProgress = (p: LoadProgress) => {
      this.loadState = {
        phase: 'loading',
        bytesRead: p.overallBytesRead,
        totalBytes: p.overallTotalBytes,
        records: p.records,
      };
      const now = Date.now();
      if (now - last > 250) {
        last = now;
        this.changed.fire('records');
      }
    };
    try {
      await this.investigation.addPaths(
        uris.map((u) => u.fsPath),
        { signal: this.cancel.signal, onProgress },
      );
      const records = this.investigation.records.length;
      this.loadState = { phase: 'ready', bytesRead: this.loadState.totalBytes, totalBytes: this.loadState.totalBytes, records };
    } catch (error) {
      const records = this.investigation.records.length;
      const cancelled = this.cancel.signal.aborted;
      this.loadState = {
        ...this.loadState,
        phase: cancelled ? 'cancelled' : 'failed',
        records,
        message: cancelled ? 'Loading was cancelled; the records read so far are shown.' : String((error as Error)?.message ?? error),
      };
    }
    this.changed.fire('sources');
    this.changed.fire('loaded');
  }

  dispose(): void {
    this.cancel.abort();
    this.changed.dispose();
    this.revealRequested.dispose();
    void this.investigation.close();
  }
}
