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
  // Only strings are ever compared (entries past `filled` are never read): a slot compared while
  // still undefined made the JIT compare by the generic `===`, a call per entry, for good.
  const inputs: string[] = Array.from({ length: size }, () => '');
  const outputs: T[] = new Array<T>(size);
  let filled = 0;
  let next = 0;
  return (text) => {
    for (let i = 0; i < filled; i++) if (inputs[i] === text) return outputs[i];
    const out = fn(text);
    inputs[next] = text;
    outputs[next] = out;
    next = (next + 1) % size;
    if (filled < size) filled++;
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
