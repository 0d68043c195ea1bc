import { grownInt32 } from '../int32Arrays';
import { PlacedFolders } from '../investigation/codedRecord';
import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
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
  /** Where the records' folders are written: their messages read as codes, no object made for them. */
  private readonly placed = new PlacedFolders();
  /** Per message code of the records' store: its code here + 1 (0: not met yet). */
  private ofStoreCode: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Codes of the messages read as objects that are not the store's. */
  private readonly codeOf = new Map<MessageRef, number>();
  /** Reads a placed record's messages as codes of its store (see `extend`). */
  private readonly visitor: FolderCodeVisitor = {
    folder: () => undefined,
    message: (code) => this.list(this.storeMessage(code)),
  };
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
    for (let i = this.length; i < end; i++) {
      const r = records[i];
      const at = this.placed.at(r);
      if (at >= 0) (this.placed.store as FolderStore).visit(at, this.visitor);
      else for (const f of r.folders) for (const m of f.items) this.list(this.objectMessage(m));
      this.first[i + 1] = this.listed;
    }
    this.length = end;
    return this;
  }

  /** Adds message `code` to the record being covered. */
  private list(code: number): void {
    if (this.listed === this.codes.length) this.codes = grow(this.codes, this.listed + 1, this.listed);
    this.codes[this.listed++] = code;
  }

  /** The code of message `code` of the records' store, its text added when first met. */
  private storeMessage(code: number): number {
    if (code >= this.ofStoreCode.length)
      this.ofStoreCode = grownInt32(this.ofStoreCode, Math.max(code + 1, 2 * this.ofStoreCode.length));
    const known = this.ofStoreCode[code];
    if (known > 0) return known - 1;
    const messages = (this.placed.store as FolderStore).messages;
    const added = this.added(messages.keyAt(code), messages.subjectAt(code));
    this.ofStoreCode[code] = added + 1;
    return added;
  }

  /** The code of message `m` (one of the store's by its code), its text added when first met. */
  private objectMessage(m: MessageRef): number {
    const storeCode = this.placed.store?.codeOfMessage(m);
    if (storeCode !== undefined) return this.storeMessage(storeCode);
    let code = this.codeOf.get(m);
    if (code === undefined) this.codeOf.set(m, (code = this.added(m.key, m.subject)));
    return code;
  }

  /** A new distinct message's code, its text added. */
  private added(key: string, subject: string | undefined): number {
    const code = this.keys.length;
    this.keys.push(key);
    this.subjects.begin();
    if (subject !== undefined) this.subjects.add(subject.toLowerCase());
    return code;
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
