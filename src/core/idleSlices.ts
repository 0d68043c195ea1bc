/** Longest stretch of work without giving the event loop a turn. */
export const defaultSliceMs = 8;

/**
 * Work done in short slices on the event loop, so a large export's derived data (the query index,
 * the report's analyses) is built while the editor stays responsive: `poke` asks for the work to
 * cover the data as it is now, `whenIdle` waits for that, `dispose` drops what is pending.
 * Subclasses say what one slice does (`work`).
 */
export abstract class IdleSlices {
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  private stopped = false;
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly sliceMs = defaultSliceMs) {}

  /** Works until `deadline` (a `performance.now()` time); true when nothing is left to do. */
  protected abstract work(deadline: number): boolean;

  /** Called by `dispose`, to drop partial work. */
  protected forget(): void {}

  /** Asks for the work to cover the data as it is now (soon, in slices). */
  poke(): void {
    if (this.stopped || this.scheduled !== undefined) return;
    this.scheduled = setImmediate(() => this.slice());
  }

  /** Resolves when the work covers the data (as of the last `poke`) or the slices are stopped. */
  whenIdle(): Promise<void> {
    if (this.scheduled === undefined) return Promise.resolve();
    if (!this.idle) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  /** Stops (pending slices are dropped). */
  dispose(): void {
    this.stopped = true;
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.forget();
    this.settle();
  }

  private slice(): void {
    this.scheduled = undefined;
    if (this.stopped) return;
    if (this.work(performance.now() + this.sliceMs)) this.settle();
    else this.scheduled = setImmediate(() => this.slice());
  }

  private settle(): void {
    const idle = this.idle;
    this.idle = undefined;
    idle?.resolve();
  }
}
