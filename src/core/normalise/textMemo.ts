/**
 * Memos of pure functions of text, for normalising values that repeat from record to record
 * (operations, property names, mailboxes, folder paths, client IPs). Besides the work saved, a memo
 * hands out one string object per distinct answer, so later Map lookups of it find the hash V8 keeps
 * in the string instead of hashing fresh text. Both are bounded: exports are attacker-controlled and
 * may hold millions of distinct values.
 */

/**
 * `fn` remembered for the last `size` distinct inputs (compared with `===`: instant for the same
 * string object, a short comparison otherwise). For inputs with a handful of values.
 */
export function recentMemo<T>(fn: (text: string) => T, size = 4): (text: string) => T {
  const inputs: (string | undefined)[] = new Array<string | undefined>(size).fill(undefined);
  const outputs: T[] = new Array<T>(size);
  let next = 0;
  return (text) => {
    for (let i = 0; i < size; i++) if (inputs[i] === text) return outputs[i];
    const out = fn(text);
    inputs[next] = text;
    outputs[next] = out;
    next = (next + 1) % size;
    return out;
  };
}

/**
 * `fn` remembered in a Map for up to `limit` distinct inputs (then it starts afresh). For inputs
 * with hundreds or thousands of values.
 */
export function mapMemo<T>(fn: (text: string) => T, limit = 1 << 14): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined || memo.has(text)) return known as T;
    const out = fn(text);
    if (memo.size >= limit) memo.clear();
    memo.set(text, out);
    return out;
  };
}
