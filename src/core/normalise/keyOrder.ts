import { sameAsWords, sameBytes } from '../text/byteStrings';

/**
 * The key order of earlier objects of one kind, to read the next object's keys by comparison:
 * exports write the keys of record after record in the same order (a field missing here and there),
 * so the key that followed key X last time is, nearly always, the key that follows X now. Comparing
 * the bytes at hand with that key's bytes costs one short loop over bytes in cache, instead of
 * hashing the key and looking it up in a table.
 *
 * A prediction holds the key exactly as it was written, opening and closing quotes included; its
 * answer is what the full lookup gave for those very bytes, so equal bytes get the same answer. The
 * caller keeps one order per way of quoting (a CSV cell's doubled quotes differ from plain JSON).
 * Memory is fixed: at most `capacity` distinct keys of at most `maxBytes` bytes each are learnt
 * (keys are attacker-controlled); others are simply looked up every time.
 */
export class KeyOrder {
  private readonly bytes: Uint8Array;
  /** Per slot: its length in bytes; slot 0 stands for the start of an object and holds no key. */
  private readonly lengths: Int32Array;
  /** Per slot: the answer of the full lookup for its bytes. */
  private readonly answers: Int32Array;
  /** Per slot: the slot that followed it last time (0: none yet). */
  private readonly next: Int32Array;
  private count = 1;
  /** `bytes` four at a time (see `sameAsWords`; a slot's unused bytes stay zero). */
  private readonly words: Int32Array;

  constructor(
    private readonly capacity = 64,
    private readonly maxBytes = 64,
  ) {
    if (maxBytes % 4 !== 0) throw new Error('internal: a key order holds keys in whole words');
    this.bytes = new Uint8Array(capacity * maxBytes);
    this.words = new Int32Array(this.bytes.buffer);
    this.lengths = new Int32Array(capacity);
    this.answers = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /**
   * The slot that followed slot `after` last time, when `buf[p, end)` starts with exactly its bytes;
   * 0 otherwise (also for `after` < 0: nothing known). `view` is a DataView of exactly `buf`.
   */
  predict(buf: Uint8Array, view: DataView, p: number, end: number, after: number): number {
    if (after < 0) return 0;
    const s = this.next[after];
    if (s === 0) return 0;
    const n = this.lengths[s];
    if (p + n > end) return 0;
    // Four bytes a comparison: a key is compared at nearly every member of every record.
    return sameAsWords(buf, view, p, this.words, s * (this.maxBytes >> 2), n) ? s : 0;
  }

  /** Length in bytes of slot `s`'s key. */
  length(s: number): number {
    return this.lengths[s];
  }

  /** The answer learnt with slot `s`. */
  answer(s: number): number {
    return this.answers[s];
  }

  /**
   * Learns that the key written `buf[start, end)`, whose lookup answered `answer`, followed slot
   * `after` (< 0: unknown); returns its slot, or -1 when it is not kept (too long, or no room).
   */
  learn(buf: Uint8Array, start: number, end: number, answer: number, after: number): number {
    const n = end - start;
    if (n > this.maxBytes) return -1;
    const bytes = this.bytes;
    const size = this.maxBytes;
    let s = 1;
    for (; s < this.count; s++) if (this.lengths[s] === n && sameBytes(buf, start, bytes, s * size, n)) break;
    if (s === this.count) {
      if (s === this.capacity) return -1;
      const at = s * size;
      for (let i = 0; i < n; i++) bytes[at + i] = buf[start + i];
      this.lengths[s] = n;
      this.answers[s] = answer;
      this.count++;
    }
    if (after >= 0) this.next[after] = s;
    return s;
  }
}
