/**
 * A `Set<string>` (it goes wherever one is expected) that keeps its strings some other way: a
 * subclass answers `size`, `has`, `add`, `delete`, `clear` and `values` from its own storage, and
 * every other way to iterate is made here from `values`. The base set itself stays empty.
 */
export abstract class StringSetView extends Set<string> {
  abstract override values(): SetIterator<string>;

  override keys(): SetIterator<string> {
    return this.values();
  }

  override *entries(): SetIterator<[string, string]> {
    for (const v of this.values()) yield [v, v];
  }

  override [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  override forEach(fn: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    for (const v of this.values()) fn.call(thisArg, v, v, this);
  }
}
