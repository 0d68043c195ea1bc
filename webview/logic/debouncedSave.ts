/**
 * Persisting the view state on every scroll event or keystroke would be wasteful: a burst of
 * changes makes one write, `delayMs` after the last. The timer functions are injectable for tests.
 */

/** The timer functions a debounced save uses. */
export interface SaveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SaveTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Writes the latest value once changes stop for `delayMs`. */
export class DebouncedSave<T> {
  private handle: unknown;
  private latest: { value: T } | undefined;

  constructor(
    private readonly write: (value: T) => void,
    private readonly delayMs: number,
    private readonly timers: SaveTimers = realTimers,
  ) {}

  /** Asks for `value` to be written (replacing a value still waiting). */
  schedule(value: T): void {
    this.latest = { value };
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      const latest = this.latest;
      this.latest = undefined;
      if (latest) this.write(latest.value);
    }, this.delayMs);
  }

  /** True while a value waits to be written. */
  get pending(): boolean {
    return this.latest !== undefined;
  }

  /** Drops a write still waiting. */
  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.latest = undefined;
  }
}
