/**
 * A 32-bit hash of a text's length and characters (FNV-1a steps, then a final mix): all of them
 * when there are at most `sampled`, else `sampled` spread evenly over the text and its last
 * `tail`. Ids vary in most of their characters, so a sample spreads them nearly as well as a full
 * hash at a fraction of the cost; texts that differ only in characters not sampled share a hash
 * (callers tell them apart by comparing them whole).
 */
export function sampledHash(text: string, sampled: number, tail: number): number {
  const n = text.length;
  let h = Math.imul(n ^ 0x811c9dc5, 0x01000193);
  if (n <= sampled) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  } else {
    const step = n / sampled;
    for (let k = 0; k < sampled; k++) h = Math.imul(h ^ text.charCodeAt((k * step) | 0), 0x01000193);
    for (let i = n - tail; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  // Fold the high bits in: the multiplications leave the low bits poorly mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
