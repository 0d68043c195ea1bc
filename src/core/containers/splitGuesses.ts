/**
 * Offsets near which `ContainerReader.splitPoints` looks for record starts: `count` ranges of about
 * equal size, and with `head` a short first range (read first, so a viewer shows rows early).
 * Increasing, each a multiple of the unit width.
 */
export function splitGuesses(size: number, count: number, unitWidth: number, head?: number): number[] {
  const guesses: number[] = [];
  if (head !== undefined && head > 0 && head < size) guesses.push(head);
  for (let k = 1; k < count; k++) {
    const g = Math.floor((size * k) / count);
    if (guesses.length === 0 || g > guesses[guesses.length - 1]) guesses.push(g);
  }
  return guesses.map((g) => g - (g % unitWidth));
}
