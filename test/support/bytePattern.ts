/**
 * Deterministic bytes, every value different from its neighbours (a shifted copy never matches);
 * another `seed` gives other bytes of the same length.
 */
export function bytePattern(length: number, seed = 0): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 7 + seed + (i >> 8)) & 0xff;
  return b;
}
