/**
 * `n.toLocaleString('en-US')` (`1,234,567`), written without the locale machinery for safe
 * integers: the Markdown and HTML reports write several counts per message, and the locale call
 * costs microseconds each. Anything else (fractions, -0, huge values) goes to `toLocaleString`.
 */
export function countText(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  if (n > -1000 && n < 1000) return String(n);
  const digits = String(n < 0 ? -n : n);
  let i = digits.length % 3 || 3;
  let out = digits.slice(0, i);
  for (; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** A count for people (`1,234`), or an em dash: a count cell of the Markdown and HTML reports. */
export function num(n: number | null): string {
  return n === null ? '—' : countText(n);
}
