import { folderRef } from '../investigation/interner';
import { FolderStore } from '../investigation/folderStore';
import { GIVEN_KEY } from '../investigation/messageColumns';
import type { MessageRef } from '../model';
import {
  KEY_INNER as DERIVED_INNER,
  KEY_INNER_LOWER as DERIVED_INNER_LOWER,
  NONE,
} from '../worker/rowBatchFormat';
import {
  ACCESS_TYPES,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_SAME,
  MESSAGE_INTS,
  NO_STRING,
  RECORD_INTS,
} from './indexFormat';
import type { StoreColumns } from './recordStore';

/**
 * The folders of a reopened index's records written as codes, as a load writes them: the index's
 * messages coded in the same order (message m of the index is code m of `store`), one shared
 * item-less folder per distinct path, key and id, and per record the position of its folders in
 * `store` (-1: a Sync record or one without folders, read as a list as a load keeps it). The
 * readers that walk codes (`FolderStore.visit`: message tables, summaries, the text filter, the
 * grid's columns) then read reopened records as they read loaded ones, without a folder or message
 * object per record.
 */
export interface StoredFolders {
  readonly store: FolderStore;
  readonly positions: Int32Array;
}

const NO_ITEMS: MessageRef[] = Object.freeze([]) as unknown as MessageRef[];
const SYNC = ACCESS_TYPES.indexOf('Sync');
/** Messages or records written between two looks at the clock (see `StoredFoldersWriter.advance`). */
const STEP = 4096;

/**
 * Writes the folders of the records of `c` (all checked by the decoder) to a new `FolderStore`, a
 * step at a time (`advance`): about 150 ms for 300,000 records, which an extension host's idle
 * slices take in pieces. The messages first, then the records, each record's shared folders made
 * as first met.
 */
export class StoredFoldersWriter {
  private readonly store = new FolderStore(() => {
    // Only `encode` asks for a folder, and nothing encodes into the store of a reopened index.
    throw new Error('internal: a folder was encoded into the store of a reopened index');
  });
  private readonly positions: Int32Array;
  /** Per folder listing of the index, the code of its shared item-less folder (-1: not made yet). */
  private readonly shared: Int32Array;
  /** Shared folder codes by path, then by key and id (see `sharedFolder`). */
  private readonly byPath = new Map<number, Map<number, number>>();
  /** Messages written so far, then records. */
  private messages = 0;
  private records = 0;
  private written: StoredFolders | undefined;

  constructor(private readonly c: StoreColumns) {
    this.positions = new Int32Array(c.folderStart.length - 1).fill(-1);
    this.shared = new Int32Array(c.folderAt.length).fill(-1);
  }

  /** The folders written, once `advance` has written them all. */
  get result(): StoredFolders | undefined {
    return this.written;
  }

  /** Writes until `deadline` (`performance.now()`) or the end; true when every record is written. */
  advance(deadline = Infinity): boolean {
    const messageCount = this.c.messageSizes.length;
    const recordCount = this.positions.length;
    while (this.written === undefined) {
      if (this.messages < messageCount) {
        this.messages = this.addMessages(Math.min(messageCount, this.messages + STEP));
      } else if (this.records < recordCount) {
        this.records = this.writeRecords(Math.min(recordCount, this.records + STEP));
      } else {
        this.store.compact();
        this.written = { store: this.store, positions: this.positions };
        break;
      }
      if (performance.now() >= deadline) break;
    }
    return this.written !== undefined;
  }

  /** Codes messages up to `end` (message m of the index is code m); returns `end`. */
  private addMessages(end: number): number {
    const { messageInts: ints, messageSizes: sizes, strings } = this.c;
    for (let m = this.messages; m < end; m++) {
      const at = m * MESSAGE_INTS;
      const kind = kindOf(ints[at + 1]);
      this.store.addUnkeyedMessage(
        strings.at(ints[at]),
        kind === GIVEN_KEY ? strings.at(ints[at + 1]) : undefined,
        kind,
        ints[at + 3] === 1 ? sizes[m] : undefined,
        ints[at + 2] === NO_STRING ? undefined : strings.at(ints[at + 2]),
      );
    }
    return end;
  }

  /** Writes the folders of records up to `end` (not a Sync record's, nor an empty list); returns `end`. */
  private writeRecords(end: number): number {
    const { folderStart, folderRefs, folderAt, folderInts: ints, recordInts } = this.c;
    const { store, positions } = this;
    for (let k = this.records; k < end; k++) {
      const from = folderStart[k];
      const to = folderStart[k + 1];
      if (from === to || (recordInts[k * RECORD_INTS] & 15) === SYNC) continue;
      let need = 1;
      for (let r = from; r < to; r++) need += 2 + ints[folderAt[folderRefs[r]] + 3];
      if (!store.open(need, to - from)) continue;
      for (let r = from; r < to; r++) {
        const f = folderRefs[r];
        const at = folderAt[f];
        const count = ints[at + 3];
        store.writeFolderCode(this.sharedFolder(f), count);
        for (let i = 0; i < count; i++) store.writeMessageCode(ints[at + 4 + i]);
      }
      positions[k] = store.close();
    }
    return end;
  }

  /**
   * The code of folder listing `f`'s shared item-less folder: one per distinct path, key and id
   * (strings of the index's table, compared by their number).
   */
  private sharedFolder(f: number): number {
    let code = this.shared[f];
    if (code >= 0) return code;
    const { folderInts: ints, folderAt, strings } = this.c;
    const at = folderAt[f];
    const pathCode = ints[at];
    let byRest = this.byPath.get(pathCode);
    if (byRest === undefined) this.byPath.set(pathCode, (byRest = new Map<number, number>()));
    // Key and id as one number: string numbers and their markers (-1 … -3) fit in 2^53.
    const rest = (ints[at + 1] + 3) * (strings.size + 3) + ints[at + 2] + 3;
    code = byRest.get(rest) ?? -1;
    if (code < 0) {
      const path = strings.at(pathCode);
      const key = ints[at + 1] === KEY_SAME ? path : strings.at(ints[at + 1]);
      const id = ints[at + 2] === NO_STRING ? undefined : strings.at(ints[at + 2]);
      code = this.store.folderCount;
      Object.freeze(this.store.folder(folderRef(path, key, id, NO_ITEMS)));
      byRest.set(rest, code);
    }
    this.shared[f] = code;
    return code;
  }
}

/** The index's key codes as `MessageColumns` kind codes (a key given as text: `GIVEN_KEY`). */
function kindOf(code: number): number {
  if (code === KEY_SAME) return -NONE;
  if (code === KEY_INNER) return -DERIVED_INNER;
  if (code === KEY_INNER_LOWER) return -DERIVED_INNER_LOWER;
  return GIVEN_KEY;
}
