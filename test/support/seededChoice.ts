/** A deterministic pseudo-random source: `next(k)` is an integer in [0, k). */
export function prng(seed: number): (k: number) => number {
  let s = seed;
  return (k) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
}

/** One element of `xs`, chosen by `next`. */
export const pick = <T>(next: (k: number) => number, xs: readonly T[]): T => xs[next(xs.length)];
