import type { MiaRecord } from '../model';
import { TextBlob } from './textBlob';

/**
 * What the text filter searches of the messages a record lists, one entry per record: the
 * normalised ids, and the subjects lower-cased. A search is then one native scan per block of
 * records (see `TextBlob`) instead of a walk through every listing. Extended as the record list grows.
 */
export class MessageText {
  readonly keys = new TextBlob();
  readonly subjects = new TextBlob();

  /** Number of records covered. */
  get length(): number {
    return this.keys.length;
  }

  /** Joins the text not in a block yet (see `TextBlob.seal`). */
  seal(): void {
    this.keys.seal();
    this.subjects.seal();
  }

  /** Covers the records up to `end` (default: all). */
  extend(records: readonly MiaRecord[], end = records.length): this {
    const { keys, subjects } = this;
    for (let i = keys.length; i < end; i++) {
      keys.begin();
      subjects.begin();
      for (const f of records[i].folders) {
        for (const m of f.items) {
          keys.add(m.key);
          if (m.subject !== undefined) subjects.add(m.subject.toLowerCase());
        }
      }
    }
    return this;
  }
}
