import type { RowEnvelope } from '../containers/types';
import type { MiaAudit } from '../normalise/auditSchema';
import { folderKeyOf, toNumber } from '../normalise/auditValues';
import { messageIdKey } from '../normalise/matchKeys';
import { emptyValues, headValues, miaHead, miaHeadOf } from '../normalise/normaliseAudit';
import { RowBatchWriter } from './rowBatch';
import {
  FOLDER_ID,
  ITEM_SIZE,
  ITEM_SUBJECT,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_LOWER,
  NONE,
} from './rowBatchFormat';

type Folder = NonNullable<MiaAudit['Folders']>[number];
type Item = NonNullable<Folder['FolderItems']>[number];

/** A message key `keyCode` cannot tell without `messageIdKey`. */
const ASK = -100;
/** Printable ASCII without blanks only (0x21 to 0x7e). */
const PRINTABLE = /^[\x21-\x7e]*$/;
const CAPITAL = /[A-Z]/;

/**
 * How a message's key is written (see `RowBatchWriter.record`) when it can be told from the id
 * alone: for an id of printable ASCII without blanks, `trim` changes nothing and `toLowerCase` only
 * capitals, so `messageIdKey` gives the id or, when it is bracketed, its inner part (`NONE`,
 * `KEY_INNER`), lower-cased when it has capitals (`KEY_LOWER`, `KEY_INNER_LOWER`): the reader makes
 * that key, and the worker neither makes nor sends it. `ASK` otherwise.
 */
function keyCode(id: string): number {
  // Two compiled scans (a few times faster than a loop of charCodeAt over ids of 40 to 100
  // characters, whose capitals come and go at random in hex parts).
  if (!PRINTABLE.test(id)) return ASK;
  const capitals = CAPITAL.test(id);
  const n = id.length;
  const inner = n >= 2 && id.charCodeAt(0) === 0x3c && id.charCodeAt(n - 1) === 0x3e;
  return capitals ? (inner ? KEY_INNER_LOWER : KEY_LOWER) : inner ? KEY_INNER : NONE;
}

/**
 * The workers' batch writer: a row's picked AuditData is normalised straight into the batch, with
 * no record, folder or message object in between (they were most of a worker's garbage). The batch
 * decodes to exactly the rows of `result(line, offset, length, normaliseCanonical(canon, envelope))`:
 * the checks and values are `normaliseCanonical`'s own (`miaHead`, `headValues`, written by
 * `RowBatchWriter.values`); only the folders are walked here, in `normaliseCanonical`'s shapes. Only
 * message keys may be written in a form `result` does not use (see `keyCode`).
 */
export class AuditRowWriter extends RowBatchWriter {
  /** The row's values (see `headValues`), refilled for each row. */
  private readonly scratch = emptyValues();

  /** Adds the row of `canon` (an AuditData picked or re-keyed by `canonicalAudit`; completed in place). */
  canonical(
    line: number,
    offset: number,
    length: number,
    canon: Record<string, unknown>,
    envelope?: RowEnvelope,
  ): void {
    const rejected = miaHead(canon, envelope);
    if (rejected !== undefined) {
      this.result(line, offset, length, rejected);
      return;
    }
    this.head(0, line, offset, length);
    this.values(headValues(this.scratch));
    this.folders(miaHeadOf().audit);
  }

  /** `normaliseCanonical`'s folders of `a` (both shapes: `Folders[]`, or `Item` and its parent). */
  private folders(a: MiaAudit): void {
    const list = a.Folders;
    if (list && list.length > 0) {
      this.num(list.length);
      for (let f = 0; f < list.length; f++) {
        const folder = list[f];
        const at = this.folder(folder);
        const given = folder.FolderItems;
        let items = 0;
        if (given !== undefined) for (let i = 0; i < given.length; i++) if (this.item(given[i])) items++;
        this.nums[at] = items;
      }
      return;
    }
    const item = a.Item;
    if (!item) {
      this.num(0);
      return;
    }
    if (item.ParentFolder) {
      this.num(1);
      const at = this.folder(item.ParentFolder);
      this.nums[at] = this.item(item) ? 1 : 0;
      return;
    }
    // A message without a folder: one folder of empty path and key, when the message counts.
    const id = item.InternetMessageId;
    if (id === undefined || id.trim() === '') {
      this.num(0);
      return;
    }
    this.num(1);
    this.num(0);
    this.shared('');
    this.shared('');
    this.num(1);
    this.item(item);
  }

  /** Writes a folder's head; returns where its item count goes (written as 0 here). */
  private folder(folder: Folder): number {
    // `Item.ParentFolder` may carry only Name (`Inbox`); Folders[] carries Path (`\Inbox`).
    const path = folder.Path ?? folder.Name ?? '';
    const id = folder.Id;
    this.num(id !== undefined ? FOLDER_ID : 0);
    this.shared(path);
    this.shared(folderKeyOf(path));
    if (id !== undefined) this.shared(String(id));
    const at = this.n;
    this.num(0);
    return at;
  }

  /** Writes a message when it has an id (false: it has none, nothing written). */
  private item(item: Item): boolean {
    const id = item.InternetMessageId;
    if (id === undefined) return false;
    const code = keyCode(id);
    if (code === ASK ? id.trim() === '' : id.length === 0) return false;
    const size = toNumber(item.SizeInBytes);
    const subject = item.Subject;
    this.num((size !== undefined ? ITEM_SIZE : 0) | (subject !== undefined ? ITEM_SUBJECT : 0));
    this.unique(id);
    if (code === ASK) this.messageKey(id, messageIdKey(id));
    else this.num(code);
    if (size !== undefined) this.num(size);
    if (subject !== undefined) this.shared(subject);
    return true;
  }
}
