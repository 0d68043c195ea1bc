/**
 * Sort orders over integer or numeric keys, ties by record index (ascending, whichever the
 * direction): the grid's order, computed once per column and reused to lay out any filtered view.
 */

/** Record indices sorted by `key` ascending, ties by index. */
export function ascendingOrder(key: ArrayLike<number>): Int32Array {
  const n = key.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Already in order (times usually are, as the investigation reads them): nothing to sort.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (!(key[i - 1] <= key[i])) sorted = false;
  if (sorted) return order;
  if (countingSort(order, key) || radixSort(order, key) || sortByPackedKeys(order, key)) return order;
  order.sort((a, b) => (key[a] < key[b] ? -1 : key[a] > key[b] ? 1 : a - b));
  return order;
}

/**
 * `order` (record indices sorted by `key` ascending, ties by index, over the first `order.length`
 * records) extended to every key: the records added since are sorted alone, then merged in, so a
 * list that grows is not sorted whole again. Keys of the records already ordered must not have
 * changed. Old records come first among equal keys (their indices are smaller): ties stay by index.
 */
export function extendedOrder(order: Int32Array, key: ArrayLike<number>): Int32Array {
  const m = order.length;
  const n = key.length;
  if (m >= n) return order;
  const added = ascendingOrder(slice(key, m));
  const out = new Int32Array(n);
  let a = 0;
  let b = 0;
  for (let p = 0; p < n; p++) {
    if (b >= added.length || (a < m && key[order[a]] <= key[added[b] + m])) out[p] = order[a++];
    else out[p] = added[b++] + m;
  }
  return out;
}

/** The keys from `start` on (a view when the keys are a typed array). */
function slice(key: ArrayLike<number>, start: number): ArrayLike<number> {
  if (key instanceof Float64Array || key instanceof Int32Array) return key.subarray(start);
  return Array.prototype.slice.call(key, start) as number[];
}

/**
 * Record indices sorted by the rank of each record's value (`rank[codes[i]]`, ranks 0 … values − 1),
 * ties by index, and that rank per record as the key: a counting sort straight over the codes,
 * in two passes (the rank of each record and the counts, then the placing).
 */
export function rankedOrder(
  codes: Uint32Array,
  rank: Int32Array,
  n: number,
): { order: Int32Array; key: Int32Array } {
  const key = new Int32Array(n);
  const start = new Int32Array(rank.length + 1);
  for (let i = 0; i < n; i++) {
    const r = rank[codes[i]];
    key[i] = r;
    start[r + 1]++;
  }
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[key[i]]++] = i;
  return { order, key };
}

/** The smallest and largest key, or undefined when a key is not an integer. */
function integerBounds(key: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < key.length; i++) {
    const k = key[i];
    if (!Number.isInteger(k)) return undefined;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  return { min, max };
}

/**
 * Counting sort for integer keys of a range no wider than the number of records (ranks of
 * distinct strings, item counts): linear, and stable, so ties stay in index order. False when the
 * keys do not fit.
 */
function countingSort(order: Int32Array, key: ArrayLike<number>): boolean {
  const n = key.length;
  const bounds = integerBounds(key);
  if (bounds === undefined || n === 0) return false;
  const { min, max } = bounds;
  if (max - min + 1 > Math.max(n, 1024)) return false;
  const start = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) start[key[i] - min + 1]++;
  for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
  for (let i = 0; i < n; i++) order[start[key[i] - min]++] = i;
  return true;
}

/** Bits per pass of the radix sort (3 passes cover 32 bits; the counts fit in the cache). */
const radixBits = 11;

/**
 * LSD radix sort for integer keys spanning less than 2^32 (times in ms over 49 days; over 136
 * years when they are whole seconds, as audit times are): linear, stable (ties in index order).
 * Each key travels with its index, so a pass reads memory in order. False when the keys do not fit.
 */
function radixSort(order: Int32Array, key: ArrayLike<number>): boolean {
  const n = key.length;
  const bounds = integerBounds(key);
  if (bounds === undefined) return false;
  if (n === 0) return true;
  const { min, max } = bounds;
  let unit = 1;
  if (max - min >= 2 ** 32) {
    for (let i = 0; i < n; i++) if ((key[i] - min) % 1000 !== 0) return false;
    unit = 1000;
    if ((max - min) / unit >= 2 ** 32) return false;
  }
  let keys = new Uint32Array(n);
  let spare = new Uint32Array(n);
  let from: Int32Array = order;
  let to: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = (key[i] - min) / unit;
    from[i] = i;
  }
  const range = (max - min) / unit;
  const buckets = 1 << radixBits;
  const mask = buckets - 1;
  const count = new Int32Array(buckets + 1);
  let passes = 0;
  for (let shift = 0; shift < 32 && (shift === 0 || range >= 2 ** shift); shift += radixBits) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[i] >>> shift) & mask) + 1]++;
    for (let d = 1; d <= buckets; d++) count[d] += count[d - 1];
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const p = count[(k >>> shift) & mask]++;
      spare[p] = k;
      to[p] = from[i];
    }
    [keys, spare] = [spare, keys];
    [from, to] = [to, from];
    passes++;
  }
  if (passes % 2 === 1) order.set(from);
  return true;
}

/**
 * Sorts `view` by integer keys (ties by record index) with the engine's native numeric sort: each
 * entry packed as (key − min) × n + index, exact while below 2^53. False (view untouched) when the
 * keys are not integers or their range is too wide to pack.
 */
function sortByPackedKeys(view: Int32Array, key: ArrayLike<number>): boolean {
  const n = key.length;
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < view.length; p++) {
    const k = key[view[p]];
    if (!Number.isInteger(k)) return false;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (view.length === 0) return true;
  if ((max - min + 1) * Math.max(n, 1) >= Number.MAX_SAFE_INTEGER) return false;
  const packed = new Float64Array(view.length);
  for (let p = 0; p < view.length; p++) {
    const i = view[p];
    packed[p] = (key[i] - min) * n + i;
  }
  packed.sort();
  for (let p = 0; p < packed.length; p++) view[p] = packed[p] % n;
  return true;
}

/**
 * The records `keep` selects (all when undefined), in sort order: ascending walks `order`;
 * descending walks it backwards one run of equal keys at a time, each run forwards, so ties stay in
 * record order both ways.
 */
export function viewInOrder(
  order: Int32Array,
  key: ArrayLike<number>,
  descending: boolean,
  keep: Uint8Array | undefined,
  count: number,
): Int32Array {
  const view = new Int32Array(count);
  let v = 0;
  if (!descending) {
    if (!keep) view.set(order.subarray(0, count));
    else for (let p = 0; p < order.length; p++) if (keep[order[p]]) view[v++] = order[p];
    return view;
  }
  let end = order.length;
  while (end > 0) {
    const k = key[order[end - 1]];
    let start = end - 1;
    while (start > 0 && key[order[start - 1]] === k) start--;
    for (let p = start; p < end; p++) {
      const i = order[p];
      if (!keep || keep[i]) view[v++] = i;
    }
    end = start;
  }
  return view;
}
