import { getPriority, setPriority } from 'node:os';

/** The nice value parsing threads take: below the caller's, above idle work. */
export const PARSING_THREAD_NICE = 10;

/**
 * Lowers the calling thread's CPU priority, so that the caller's event loop (the VS Code extension
 * host) gets a core whenever it needs one while every core parses. Linux keeps a nice value per
 * thread, so this touches the calling thread only; elsewhere it would lower the whole process,
 * the caller included, so it is left alone there. Returns whether the priority was changed.
 */
export function yieldCoresToCaller(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    if (getPriority(0) >= PARSING_THREAD_NICE) return false;
    setPriority(0, PARSING_THREAD_NICE);
    return true;
  } catch {
    // A sandbox may forbid it: parsing still works at normal priority.
    return false;
  }
}
