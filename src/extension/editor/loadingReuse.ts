/** How many times its own cost an answer computed while loading is reused. */
const costFactor = 10;

/**
 * How long an answer computed while records stream in may be reused: at least `minMs`, and ten
 * times what it cost, so a recomputation whose cost grows with the records read takes at most about
 * a tenth of the extension host's thread during the load.
 */
export function reuseWhileLoadingMs(costMs: number, minMs: number): number {
  return Math.max(minMs, costFactor * costMs);
}
