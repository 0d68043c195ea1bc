import { grownInt32 } from '../int32Arrays';
import { messageIdHash } from './messageTable';

/** Key ids a table has room for before it doubles (kept at most half full). */
const FIRST_CAPACITY = 1024;

/**
 * Key ids of coded messages (see `FolderStore`): messages with equal `MessageRef.key` (one message
 * under another size or subject, or its id written in another case) share one id, ids counted from
 * 0. Assigned as each message is coded, while its key is still in the processor's cache, so that a
 * reader can tell a record's messages apart by small integers (`ofMessage`) instead of looking
 * their keys up by text: reading every message's key again after a load costs a cache miss or two
 * per message.
 *
 * Keys are found by a hash of their text (`messageIdHash`) in an open-addressing table of ids;
 * only equal hashes compare the text. The table (8 bytes a key) is released by `compact` once a
 * load is done and built again from the kept hashes, without reading any key, if more messages
 * come.
 */
export class MessageKeys {
  /** Key id per message code (longer than the codes given: spare room). */
  private ofCode = new Int32Array(FIRST_CAPACITY);
  /** Per key id: the hash of its key, and the code of the first message with it. */
  private hashOf = new Int32Array(FIRST_CAPACITY);
  private first = new Int32Array(FIRST_CAPACITY);
  /** Key id + 1 per slot (0: free), or none after `compact`. */
  private slots: Int32Array | undefined;
  private keys = 0;

  /** `keyOf` gives the key of a message already given an id, by code. */
  constructor(private readonly keyOf: (code: number) => string) {}

  /** Key id per message code (indices past the last code given hold nothing). */
  get ofMessage(): Int32Array {
    return this.ofCode;
  }

  /** Number of distinct keys (ids 0 … count − 1). */
  get count(): number {
    return this.keys;
  }

  /** Gives message `code` (the next code, counting from 0) its key id. */
  add(code: number, key: string): void {
    if (code >= this.ofCode.length) this.ofCode = grownInt32(this.ofCode, code * 2);
    let slots = this.slots;
    if (slots === undefined || this.keys * 2 >= slots.length) slots = this.rehash(this.keys * 4);
    const mask = slots.length - 1;
    const h = messageIdHash(key) | 0;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[s] - 1;
      if (id < 0) {
        if (this.keys === this.hashOf.length) {
          this.hashOf = grownInt32(this.hashOf, this.keys * 2);
          this.first = grownInt32(this.first, this.keys * 2);
        }
        slots[s] = this.keys + 1;
        this.hashOf[this.keys] = h;
        this.first[this.keys] = code;
        this.ofCode[code] = this.keys++;
        return;
      }
      if (this.hashOf[id] === h && this.keyOf(this.first[id]) === key) {
        this.ofCode[code] = id;
        return;
      }
    }
  }

  /** Releases the lookup table (the ids stay; `add` builds it again from the kept hashes). */
  compact(): void {
    this.slots = undefined;
  }

  /** A table of at least `min` slots (a power of two) holding every id, by its kept hash. */
  private rehash(min: number): Int32Array {
    let size = FIRST_CAPACITY;
    while (size < min) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.keys; id++) {
      let s = this.hashOf[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    return (this.slots = slots);
  }
}
