import * as assert from 'node:assert/strict';
import { splitGuesses } from '../../../src/core/containers/splitGuesses';

/** The lengths of the ranges the guesses cut [0, size) into. */
function lengths(size: number, guesses: readonly number[]): number[] {
  return [...guesses, size].map((g, i) => g - (i === 0 ? 0 : guesses[i - 1]));
}

describe('containers/split guesses (where a file is cut into ranges for the workers)', () => {
  it('cuts a file into ranges of about equal size, the last one into pieces halving in size', () => {
    const size = 32 * 25 * 1_000_000;
    const guesses = splitGuesses(size, 25, 1);
    const ranges = lengths(size, guesses);
    assert.equal(ranges.length, 24 + 4);
    for (const r of ranges.slice(0, 24)) assert.equal(r, 32_000_000);
    // The last range: a half, a quarter, an eighth and the eighth left, so that the workers end
    // within an eighth of a range of each other instead of one range apart.
    assert.deepEqual(ranges.slice(24), [16_000_000, 8_000_000, 4_000_000, 4_000_000]);
  });

  it('keeps the guesses increasing and on the unit width, after a short head range', () => {
    const size = 1_000_003;
    for (const unit of [1, 2]) {
      const guesses = splitGuesses(size, 4, unit, 4096);
      assert.equal(guesses[0], 4096);
      assert.equal(guesses.length, 1 + 3 + 3);
      for (let i = 1; i < guesses.length; i++) assert.ok(guesses[i] > guesses[i - 1], guesses.join());
      for (const g of guesses) assert.equal(g % unit, 0);
      assert.ok(guesses[guesses.length - 1] < size);
    }
  });

  it('leaves a file read as one range whole, and never repeats a guess in a tiny file', () => {
    assert.deepEqual(splitGuesses(1_000_000, 1, 1), []);
    assert.deepEqual(splitGuesses(1_000_000, 1, 1, 4096), [4096]);
    const tiny = splitGuesses(5, 2, 1);
    assert.deepEqual(
      tiny,
      [...new Set(tiny)].sort((a, b) => a - b),
    );
    assert.ok(tiny.every((g) => g > 0 && g < 5));
  });
});
