/** A copy of `a` in a new array of length `n` (≥ its length); entries past the copy hold `fill`. */
export function grownInt32(a: Int32Array, n: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
