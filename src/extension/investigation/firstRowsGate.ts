/**
 * Lets a session's background work (diagnostics, the report warm-up, the views' rebuilds) wait
 * while an editor opening on it has not shown its first rows yet. A reopened export loads from its
 * saved index before the editor is even created, and that work (seconds over a large export, on
 * the extension host's one thread) then delayed the editor: the analyst waits for the grid first.
 */
export class FirstRowsGate {
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `capMs`: longest wait (an editor that never asks for rows does not hold the work back). */
  constructor(private readonly capMs = 10_000) {}

  /** True while an editor is opening. */
  get held(): boolean {
    return this.waiting !== undefined;
  }

  /** An editor is opening: background work waits for its first rows, at most `capMs`. */
  hold(): void {
    if (this.waiting) return;
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    this.waiting = { promise, resolve };
    this.timer = setTimeout(() => this.release(), this.capMs);
  }

  /** The editor showed its first rows (or went away): the work goes ahead. */
  release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve();
  }

  /** Resolves once no editor is opening (at once when none is). */
  whenOpen(): Promise<void> {
    return this.waiting?.promise ?? Promise.resolve();
  }
}
