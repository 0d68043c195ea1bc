import { Rng } from './generator/prng';

/**
 * A deterministic pseudo-random source: `next(k)` is an integer in [0, k), every value equally
 * likely (the generator's mulberry32). It was an LCG in plain numbers (`s * 1103515245`), whose
 * product lost its low bits past 2^53: `next(2)` and `next(4)` gave 0 every time.
 */
export function prng(seed: number): (k: number) => number {
  const rng = new Rng(seed);
  return (k) => Math.floor(rng.next() * k);
}

/** One element of `xs`, chosen by `next`. */
export const pick = <T>(next: (k: number) => number, xs: readonly T[]): T => xs[next(xs.length)];
