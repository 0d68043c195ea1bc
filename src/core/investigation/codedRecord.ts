import type { FolderStore } from './folderStore';

/**
 * A record whose folders may be written as codes in a `FolderStore`: a loaded record
 * (`CompactRecord`, placed by its load) or a reopened one (`StoredRecord`, written from the saved
 * index when a reader first asks). Readers that walk codes (`FolderStore.visit`) find them here
 * instead of building the record's folders and messages as objects.
 */
export abstract class CodedRecord {
  /** Where the record's folders are written in `folderStore()`, or -1 when it keeps its own list. */
  abstract folderPosition(): number;

  /** The store the record's folders are written to (none: it keeps its list). */
  abstract folderStore(): FolderStore | undefined;

  /**
   * `folderPosition` when the record's folders are written already, else -1: for readers of a few
   * records (a page of the grid), which need not wait for a reopened index's folders to be written.
   */
  writtenPosition(): number {
    return this.folderPosition();
  }

  /**
   * Writes the record's folders as codes if they are written only when first asked (a reopened
   * index's, all its records together), until `deadline` (`performance.now()`); true when written.
   */
  writeFolders(_deadline: number): boolean {
    return true;
  }
}

/**
 * Where `record`'s folders are written in its store, or -1 (not a coded record, or not written
 * yet: see `CodedRecord.writtenPosition`).
 */
export function codedPosition(record: unknown): number {
  return record instanceof CodedRecord ? record.writtenPosition() : -1;
}

/**
 * Writes the folders of `record` as codes until `deadline` if it is a coded record whose folders
 * are written only when first asked (a reopened index's): for a reader about to read every
 * record's folders through `codedPosition`. True when they are written (or need not be).
 */
export function writeCodedFolders(record: unknown, deadline: number): boolean {
  return record instanceof CodedRecord ? record.writeFolders(deadline) : true;
}

/**
 * Where the folders of the records of one pass are written: in the store of the first coded
 * record met (`store`), read there as codes (`FolderStore.visit`) instead of built as objects.
 */
export class PlacedFolders {
  /** The store of the first record met that is written in one. */
  store: FolderStore | undefined;

  /** The position of `record`'s folders in `store`, or -1: it keeps its own list, or is of another store. */
  at(record: unknown): number {
    if (!(record instanceof CodedRecord)) return -1;
    const at = record.folderPosition();
    if (at < 0) return -1;
    const store = record.folderStore();
    this.store ??= store;
    return store === this.store ? at : -1;
  }
}
