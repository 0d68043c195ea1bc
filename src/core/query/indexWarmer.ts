import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import type { MiaRecord } from '../model';
import { recordIndexOf } from './recordIndex';

/** Longest stretch of index building without giving the event loop a turn. */
const defaultSliceMs = 8;

/**
 * Keeps the query index of a growing record list built, in short slices on the event loop (the
 * loader yields between its own slices, so both make progress): the grid's first filter, text
 * search or sort after a large file loaded then only reads typed arrays. `poke` after the list
 * grew; work stops when the index covers the list and resumes on the next `poke`.
 */
export class IndexWarmer {
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  private stopped = false;
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    /** The list the queries run over (read at each slice: it may be replaced). */
    private readonly records: () => readonly MiaRecord[],
    /** The message metadata the queries pass (the subject column is built with it). */
    private readonly metadata: () => MessageMetadataIndex | undefined = () => undefined,
    private readonly sliceMs = defaultSliceMs,
  ) {}

  /** Asks for the index to cover the list as it is now (soon, in slices). */
  poke(): void {
    if (this.stopped || this.scheduled !== undefined) return;
    this.scheduled = setImmediate(() => this.slice());
  }

  /** Resolves when the index covers the list (as of the last `poke`) or the warmer is stopped. */
  whenIdle(): Promise<void> {
    if (this.scheduled === undefined) return Promise.resolve();
    if (!this.idle) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  /** Stops building (pending slices are dropped). */
  dispose(): void {
    this.stopped = true;
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.settle();
  }

  private slice(): void {
    this.scheduled = undefined;
    if (this.stopped) return;
    const done = recordIndexOf(this.records()).warm(performance.now() + this.sliceMs, this.metadata());
    if (done) this.settle();
    else this.scheduled = setImmediate(() => this.slice());
  }

  private settle(): void {
    const idle = this.idle;
    this.idle = undefined;
    idle?.resolve();
  }
}
