/**
 * Pieces the last of the `count` ranges is cut into, as fractions of it (the rest is the last
 * piece): the workers take ranges as they become free, so without them one worker could still be
 * parsing a whole range (a 775 MB export has 24 ranges of 32 MiB, about 0.15 s each) while the
 * other has nothing left; with them the last ranges shrink as the file ends, and both end within
 * an eighth of a range of each other.
 */
const LAST_RANGE_PIECES = [1 / 2, 1 / 4, 1 / 8];

/**
 * Offsets near which `ContainerReader.splitPoints` looks for record starts: `count` ranges of about
 * equal size, the last one cut into smaller pieces (`LAST_RANGE_PIECES`), and with `head` a short
 * first range (read first, so a viewer shows rows early). Increasing, each a multiple of the unit
 * width.
 */
export function splitGuesses(size: number, count: number, unitWidth: number, head?: number): number[] {
  const guesses: number[] = [];
  const add = (g: number): void => {
    if (guesses.length === 0 || g > guesses[guesses.length - 1]) guesses.push(g);
  };
  if (head !== undefined && head > 0 && head < size) guesses.push(head);
  for (let k = 1; k < count; k++) add(Math.floor((size * k) / count));
  if (count > 1) {
    const lastStart = Math.floor((size * (count - 1)) / count);
    let cut = lastStart;
    for (const piece of LAST_RANGE_PIECES) {
      cut += (size - lastStart) * piece;
      add(Math.floor(cut));
    }
  }
  return guesses.map((g) => g - (g % unitWidth));
}
