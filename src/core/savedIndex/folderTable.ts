import { grownInt32 } from '../int32Arrays';

/**
 * The distinct folder listings of a saved index, found by number: a listing is its folder's
 * identity (one number per distinct path, key and id, see `FolderIdentities`) and the indexes of
 * its messages. A text key per listing (`path\0id\0items`) cost the encoder about a second and
 * most of its garbage at 300,000 records.
 *
 * A listing is given item by item (`start`, `item`), then `add` answers its index: the index of the
 * equal listing added before, or the next one (`added` says which).
 */
export class FolderTable {
  /** Per listing: its identity, its number of items, then the items. */
  private entries = new Int32Array(1 << 14);
  private used = 0;
  /** Where each listing starts in `entries`, by index. */
  private starts = new Int32Array(1 << 10);
  /** Each listing's hash, by index: compared before the listing itself, and kept for `rehash`. */
  private hashes = new Int32Array(1 << 10);
  /** Open addressing: index + 1 of a listing, 0 when free. */
  private slots = new Int32Array(1 << 11);
  /** The items of the listing being given. */
  private scratch = new Int32Array(64);
  private length = 0;
  /** Number of distinct listings. */
  count = 0;
  /** Whether the last `add` added a listing (or found an equal one). */
  added = false;

  /** Starts giving a listing. */
  start(): void {
    this.length = 0;
  }

  /** The next item of the listing being given. */
  item(index: number): void {
    if (this.length === this.scratch.length) this.scratch = grownInt32(this.scratch, 2 * this.length);
    this.scratch[this.length++] = index;
  }

  /** The items of the listing being given. */
  get items(): Int32Array {
    return this.scratch.subarray(0, this.length);
  }

  /** The index of the listing given (`identity` and its items). */
  add(identity: number): number {
    const mask = this.slots.length - 1;
    const hash = hashOf(identity, this.scratch, this.length);
    let slot = hash & mask;
    for (let k = this.slots[slot]; k !== 0; k = this.slots[slot]) {
      if (this.hashes[k - 1] === hash && this.equals(k - 1, identity)) {
        this.added = false;
        return k - 1;
      }
      slot = (slot + 1) & mask;
    }
    const k = this.count++;
    this.append(k, identity, hash);
    this.slots[slot] = k + 1;
    if (2 * this.count > this.slots.length) this.rehash();
    this.added = true;
    return k;
  }

  private equals(k: number, identity: number): boolean {
    const e = this.entries;
    let o = this.starts[k];
    if (e[o] !== identity || e[o + 1] !== this.length) return false;
    o += 2;
    for (let i = 0; i < this.length; i++) if (e[o + i] !== this.scratch[i]) return false;
    return true;
  }

  private append(k: number, identity: number, hash: number): void {
    const need = this.used + 2 + this.length;
    if (need > this.entries.length)
      this.entries = grownInt32(this.entries, Math.max(need, 2 * this.entries.length));
    if (k === this.starts.length) {
      this.starts = grownInt32(this.starts, 2 * k);
      this.hashes = grownInt32(this.hashes, 2 * k);
    }
    this.starts[k] = this.used;
    this.hashes[k] = hash;
    this.entries[this.used] = identity;
    this.entries[this.used + 1] = this.length;
    this.entries.set(this.scratch.subarray(0, this.length), this.used + 2);
    this.used = need;
  }

  /** Doubles the slots and places every listing again. */
  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hashes[k] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = k + 1;
    }
  }
}

/** A hash of a listing: its identity and its first `n` items (murmur3's mixing). */
function hashOf(identity: number, items: Int32Array, n: number): number {
  let h = Math.imul(identity ^ 0x9e3779b9, 0xcc9e2d51);
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ items[i], 0xcc9e2d51);
    h = (h << 13) | (h >>> 19);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/** One number per distinct folder path, key and id (undefined apart from ''), in first-met order. */
export class FolderIdentities {
  private readonly byPath = new Map<string, Map<string, Map<string | undefined, number>>>();
  private count = 0;

  of(path: string, key: string, id: string | undefined): number {
    let byKey = this.byPath.get(path);
    if (byKey === undefined)
      this.byPath.set(path, (byKey = new Map<string, Map<string | undefined, number>>()));
    let byId = byKey.get(key);
    if (byId === undefined) byKey.set(key, (byId = new Map<string | undefined, number>()));
    let n = byId.get(id);
    if (n === undefined) byId.set(id, (n = this.count++));
    return n;
  }
}
