/**
 * A leading-and-trailing throttle: the first call runs at once, calls during the interval collapse
 * into one run at its end. Used to re-query at most ~2 times a second while records load. The clock
 * is injectable so the tests need no real timers.
 */

/** The timer functions the throttle uses. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A throttled action. */
export interface Throttled {
  /** Asks for a run: now if the interval has passed, else once at its end. */
  schedule(): void;
  /** Drops a pending trailing run. */
  cancel(): void;
  /** True while a trailing run is waiting. */
  readonly pending: boolean;
}

/** Throttles `fn` to one run per `intervalMs`. */
export function throttle(fn: () => void, intervalMs: number, clock: Clock = systemClock): Throttled {
  let lastRun = -Infinity;
  let timer: unknown;
  let waiting = false;
  const run = () => {
    waiting = false;
    timer = undefined;
    lastRun = clock.now();
    fn();
  };
  return {
    schedule() {
      if (waiting) return;
      const wait = lastRun + intervalMs - clock.now();
      if (wait <= 0) {
        run();
      } else {
        waiting = true;
        timer = clock.setTimeout(run, wait);
      }
    },
    cancel() {
      if (waiting) clock.clearTimeout(timer);
      waiting = false;
      timer = undefined;
    },
    get pending() {
      return waiting;
    },
  };
}
