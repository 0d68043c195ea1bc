import type { MiaRecord } from '../model';
import { TextBlob } from './textBlob';

/**
 * What the text filter searches of the messages a record lists, one entry per record: the
 * normalised ids joined by NUL, and the subjects lower-cased, joined by NUL. A search is then one
 * native scan per block of records (see `TextBlob`) instead of a walk through every listing.
 * Extended as the record list grows.
 */
export class MessageText {
  readonly keys = new TextBlob();
  readonly subjects = new TextBlob();

  /** Number of records covered. */
  get length(): number {
    return this.keys.length;
  }

  extend(records: readonly MiaRecord[]): this {
    const ids: string[] = [];
    const subjects: string[] = [];
    for (let i = this.keys.length; i < records.length; i++) {
      for (const f of records[i].folders) {
        for (const m of f.items) {
          ids.push(m.key);
          if (m.subject !== undefined) subjects.push(m.subject.toLowerCase());
        }
      }
      this.keys.push(ids.length === 1 ? ids[0] : ids.join('\u0000'));
      this.subjects.push(subjects.length === 1 ? subjects[0] : subjects.join('\u0000'));
      ids.length = 0;
      subjects.length = 0;
    }
    return this;
  }
}
