import { grownInt32 } from '../int32Arrays';
import { sampledHash } from '../text/sampledHash';
import { StringSetView } from './stringSetView';

/** Slots a set starts with (a power of two; kept at most half full). */
const FIRST_SLOTS = 1 << 10;
/** Characters of an id hashed whole; longer ids are hashed from this many spread over them and their last eight. */
const HASHED = 64;

/**
 * A hash of all of an id's characters (record ids are GUIDs: generated exports number theirs in the
 * last few characters, so a sample of them would collide), or of 64 spread over a longer one and its
 * last eight.
 */
export function recordIdHash(id: string): number {
  return sampledHash(id, HASHED, 8);
}

/**
 * The ids of a list of records, as a `Set` (it goes wherever one is expected) that holds no string
 * of its own: per record its id's hash and, in an open-addressing table, its position in the list;
 * ids are compared only when their hashes are equal, read from the records. About 12–20 bytes a
 * record where a `Set` of the ids took about 34, and nothing for the garbage collector to trace.
 * Growing rehashes the kept hashes (no id read again), a few milliseconds a million records.
 *
 * Filled by `addNew` while the records are read: an id added is that of the record appended to the
 * list next (`SourceAccount` appends a record exactly when its id was new). Ids are never removed.
 */
export class RecordIdSet extends StringSetView {
  /** Position + 1 per slot (0: free). */
  private slots = new Int32Array(FIRST_SLOTS);
  /** `recordIdHash` of each record's id, by position. */
  private hashes = new Int32Array(FIRST_SLOTS >> 1);
  private count = 0;

  /** The ids of `records[base]`, `records[base + 1]`, … as they are added. */
  constructor(
    private records: readonly { readonly id: string }[],
    private base = 0,
  ) {
    // The base set stays empty: `Set`'s constructor would call `add` before the fields exist.
    super();
  }

  override get size(): number {
    return this.count;
  }

  /**
   * Reads the ids from now on at `records[base + position]` (the records moved to another list, in
   * the same order): the set keeps no older list alive.
   */
  moveTo(records: readonly { readonly id: string }[], base: number): void {
    this.records = records;
    this.base = base;
  }

  override has(id: string): boolean {
    return this.find(id, recordIdHash(id)) >= 0;
  }

  /** Adds `id` (the id of the record appended next); false when it was there already. */
  addNew(id: string): boolean {
    const h = recordIdHash(id);
    const s = this.find(id, h);
    if (s >= 0) return false;
    const pos = this.count++;
    if (pos === this.hashes.length) this.hashes = grownInt32(this.hashes, pos * 2);
    this.hashes[pos] = h;
    this.slots[-1 - s] = pos + 1;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return true;
  }

  override add(id: string): this {
    this.addNew(id);
    return this;
  }

  override delete(): boolean {
    throw new Error('RecordIdSet: ids are never removed');
  }

  override clear(): void {
    this.slots = new Int32Array(FIRST_SLOTS);
    this.count = 0;
  }

  override *values(): SetIterator<string> {
    for (let pos = 0; pos < this.count; pos++) yield this.records[this.base + pos].id;
  }

  /** The slot holding `id` (≥ 0), or −1 − the free slot where it would go. */
  private find(id: string, h: number): number {
    const { slots, hashes, records, base } = this;
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const pos = slots[s] - 1;
      if (pos < 0) return -1 - s;
      if (hashes[pos] === h && records[base + pos].id === id) return s;
    }
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let pos = 0; pos < this.count; pos++) {
      let s = this.hashes[pos] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = pos + 1;
    }
    this.slots = slots;
  }
}
