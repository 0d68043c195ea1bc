import type { MessageRef, MiaRecord } from '../model';
import { TextBlob } from './textBlob';

/**
 * What the text filter searches of the messages the records list: each distinct message once (the
 * investigation shares one frozen `MessageRef` per distinct message, and a message is listed by
 * several records), as its normalised id and its subject lower-cased, joined into `TextBlob`s; and
 * per record the codes of the messages it lists. A search scans the distinct messages' text natively,
 * then marks the records listing a message found (one pass over small integers), instead of
 * scanning every listing's text. Extended as the record list grows.
 */
export class MessageText {
  /**
   * One entry per distinct message (by code): its key; and its subject lower-cased, if any. Apart,
   * so the keys (ASCII) stay a one-byte string: one non-Latin-1 subject in a joined block would
   * make the whole block two bytes a character, double the memory and slower to scan.
   */
  private readonly keys = new TextBlob();
  private readonly subjects = new TextBlob();
  private readonly codeOf = new Map<MessageRef, number>();
  /** Record i lists the messages `codes[first[i]]` up to (not including) `codes[first[i + 1]]`. */
  private first: Uint32Array<ArrayBuffer> = new Uint32Array(1025);
  private codes: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  private listed = 0;
  /** Number of records covered. */
  length = 0;

  /** Number of distinct messages. */
  get messages(): number {
    return this.keys.length;
  }

  /** Joins the text not in a block yet (see `TextBlob.seal`). */
  seal(): void {
    this.keys.seal();
    this.subjects.seal();
  }

  /** Covers the records up to `end` (default: all). */
  extend(records: readonly MiaRecord[], end = records.length): this {
    if (end <= this.length) return this;
    if (end + 1 > this.first.length) this.first = grow(this.first, end + 1, this.length + 1);
    const { codeOf, keys, subjects } = this;
    for (let i = this.length; i < end; i++) {
      for (const f of records[i].folders) {
        for (const m of f.items) {
          let code = codeOf.get(m);
          if (code === undefined) {
            code = keys.length;
            codeOf.set(m, code);
            keys.push(m.key);
            subjects.begin();
            if (m.subject !== undefined) subjects.add(m.subject.toLowerCase());
          }
          if (this.listed === this.codes.length) this.codes = grow(this.codes, this.listed + 1, this.listed);
          this.codes[this.listed++] = code;
        }
      }
      this.first[i + 1] = this.listed;
    }
    this.length = end;
    return this;
  }

  /**
   * Sets `hit[i]` for each covered record i listing a message whose key contains `needle` (no NUL)
   * or whose subject does lower-cased; true when any record was hit.
   */
  search(needle: string, hit: Uint8Array): boolean {
    const found = new Uint8Array(this.keys.length);
    let any = false;
    const mark = (m: number): void => {
      found[m] = 1;
      any = true;
    };
    this.keys.search(needle, mark);
    this.subjects.search(needle, mark);
    if (!any) return false;
    const { first, codes } = this;
    for (let i = 0; i < this.length; i++) {
      for (let p = first[i], end = first[i + 1]; p < end; p++) {
        if (found[codes[p]] === 1) {
          hit[i] = 1;
          break;
        }
      }
    }
    return true;
  }
}

/** A copy of the first `used` entries in room for at least `need` (room grows by half or more). */
function grow(a: Uint32Array, need: number, used: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  grown.set(a.subarray(0, used));
  return grown;
}
