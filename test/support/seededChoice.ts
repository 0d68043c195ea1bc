/**
 * A deterministic pseudo-random source: `next(k)` is an integer in [0, k), every value equally
 * likely. mulberry32 in 32-bit integer arithmetic: an LCG in plain numbers (`s * 1103515245`) lost
 * its low bits past 2^53, so `next(2)` and `next(4)` gave 0 every time.
 */
export function prng(seed: number): (k: number) => number {
  let a = seed | 0;
  return (k) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
  };
}

/** One element of `xs`, chosen by `next`. */
export const pick = <T>(next: (k: number) => number, xs: readonly T[]): T => xs[next(xs.length)];
