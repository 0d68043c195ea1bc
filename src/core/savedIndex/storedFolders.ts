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

/** Writes the folders of the records of `c` (all checked by the decoder) to a new `FolderStore`. */
export function storedFolders(c: StoreColumns): StoredFolders {
  const store = new FolderStore(() => {
    // Only `encode` asks for a folder, and nothing encodes into the store of a reopened index.
    throw new Error('internal: a folder was encoded into the store of a reopened index');
  });
  addMessages(store, c);
  const shared = sharedFolders(store, c);
  return { store, positions: writeRecords(store, c, shared) };
}

/** The index's key codes as `MessageColumns` kind codes (a key given as text: `GIVEN_KEY`). */
function kindOf(code: number): number {
  if (code === KEY_SAME) return -NONE;
  if (code === KEY_INNER) return -DERIVED_INNER;
  if (code === KEY_INNER_LOWER) return -DERIVED_INNER_LOWER;
  return GIVEN_KEY;
}

function addMessages(store: FolderStore, c: StoreColumns): void {
  const { messageInts: ints, messageSizes: sizes, strings } = c;
  for (let m = 0, at = 0; at < ints.length; m++, at += MESSAGE_INTS) {
    const kind = kindOf(ints[at + 1]);
    store.addUnkeyedMessage(
      strings.at(ints[at]),
      kind === GIVEN_KEY ? strings.at(ints[at + 1]) : undefined,
      kind,
      ints[at + 3] === 1 ? sizes[m] : undefined,
      ints[at + 2] === NO_STRING ? undefined : strings.at(ints[at + 2]),
    );
  }
}

/**
 * Per folder listing of the index, the code of its shared item-less folder in `store`: one per
 * distinct path, key and id (strings of the index's table, compared by their number).
 */
function sharedFolders(store: FolderStore, c: StoreColumns): Int32Array {
  const { folderInts: ints, folderAt, strings } = c;
  // Key and id as one number: string numbers and their markers (-1 … -3) fit in 2^53.
  const span = strings.size + 3;
  const byPath = new Map<number, Map<number, number>>();
  const out = new Int32Array(folderAt.length);
  for (let f = 0; f < folderAt.length; f++) {
    const at = folderAt[f];
    const pathCode = ints[at];
    let byRest = byPath.get(pathCode);
    if (byRest === undefined) byPath.set(pathCode, (byRest = new Map<number, number>()));
    const rest = (ints[at + 1] + 3) * span + ints[at + 2] + 3;
    let code = byRest.get(rest);
    if (code === undefined) {
      const path = strings.at(pathCode);
      const key = ints[at + 1] === KEY_SAME ? path : strings.at(ints[at + 1]);
      const id = ints[at + 2] === NO_STRING ? undefined : strings.at(ints[at + 2]);
      code = store.folderCount;
      Object.freeze(store.folder(folderRef(path, key, id, NO_ITEMS)));
      byRest.set(rest, code);
    }
    out[f] = code;
  }
  return out;
}

/** Writes each record's folders (not a Sync record's, nor an empty list) and returns their positions. */
function writeRecords(store: FolderStore, c: StoreColumns, shared: Int32Array): Int32Array {
  const { folderStart, folderRefs, folderAt, folderInts: ints, recordInts } = c;
  const n = folderStart.length - 1;
  const positions = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
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
      store.writeFolderCode(shared[f], count);
      for (let i = 0; i < count; i++) store.writeMessageCode(ints[at + 4 + i]);
    }
    positions[k] = store.close();
  }
  store.compact();
  return positions;
}
