/**
 * Lets a session's background work (diagnostics, the report warm-up, the views' rebuilds) wait
 * while an editor on it has not shown its rows yet: when it opens, and when a load ends (the grid
 * then shows the whole count). A reopened export loads from its saved index before the editor is
 * even created, and that work (seconds over a large export, on the extension host's one thread)
 * then delayed the editor: the analyst waits for the grid first.
 */
export class FirstRowsGate {
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private viewers = 0;

  /** `capMs`: longest wait (an editor that never asks for rows does not hold the work back). */
  constructor(private readonly capMs = 10_000) {}

  /** True while an editor shows the session (its grid asks for rows after a load ends). */
  get viewed(): boolean {
    return this.viewers > 0;
  }

  /** An editor shows the session; the returned function says it no longer does (once). */
  view(): () => void {
    this.viewers++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.viewers--;
    };
  }

  /** True while an editor is opening. */
  get held(): boolean {
    return this.waiting !== undefined;
  }

  /** An editor is opening (or a load ends): background work waits for its rows, at most `capMs`. */
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
