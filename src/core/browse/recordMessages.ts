import { PlacedFolders } from '../investigation/codedRecord';
import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import type { FolderRef, MiaRecord } from '../model';

/** What `RecordMessages.forEach` hands over for each message a record lists. */
export type MessageVisit = (
  folder: Pick<FolderRef, 'key' | 'path'>,
  key: string,
  internetMessageId: string,
  subject: string | undefined,
  sizeInBytes: number | undefined,
) => void;

/**
 * The messages records list, folder by folder, as their values: a loaded record's are read as the
 * codes of its folder store (no message object made, each key made once per walker), any other
 * record's from its folders. One walker serves the records of one pass (it keeps the keys it made).
 */
export class RecordMessages implements FolderCodeVisitor {
  private readonly placed = new PlacedFolders();
  /** Keys made so far, by message code of the records' store. */
  private keys: (string | undefined)[] = [];
  private current: Pick<FolderRef, 'key' | 'path'> = { key: '', path: '' };
  private visit: MessageVisit = () => undefined;

  /** Calls `visit` for each message `record` lists, in order. */
  forEach(record: MiaRecord, visit: MessageVisit): void {
    const at = this.placed.at(record);
    if (at >= 0) {
      this.visit = visit;
      (this.placed.store as FolderStore).visit(at, this);
      return;
    }
    for (const f of record.folders)
      for (const m of f.items) visit(f, m.key, m.internetMessageId, m.subject, m.sizeInBytes);
  }

  /** @internal `FolderCodeVisitor`: the next folder of the record visited. */
  folder(code: number): void {
    this.current = (this.placed.store as FolderStore).folderAt(code);
  }

  /** @internal `FolderCodeVisitor`: a message of the folder visited. */
  message(code: number): void {
    const messages = (this.placed.store as FolderStore).messages;
    // Pushed, not `length` set: a long array with holes can turn into a dictionary.
    while (this.keys.length <= code) this.keys.push(undefined);
    const key = (this.keys[code] ??= messages.keyAt(code));
    this.visit(this.current, key, messages.idAt(code), messages.subjectAt(code), messages.sizeAt(code));
  }
}
