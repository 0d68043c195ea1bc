import type { AccessType, MiaRecord } from '../model';

// The layout of a `RowBatch`'s numbers, shared by its writer (rowBatch.ts) and reader
// (rowBatchReader.ts).

/** A record as a worker hands it back (the host adds its provenance). */
export type RowRecord = Omit<MiaRecord, 'provenance'>;

/** Presence bits of a record's optional fields, in the order normalisation sets them. */
export const GUID = 1 << 0;
export const ACTOR = 1 << 1;
export const LOGON = 1 << 2;
export const USER_TYPE = 1 << 3;
export const THROTTLED = 1 << 4;
export const THROTTLED_TRUE = 1 << 5;
export const SESSION = 1 << 6;
export const IP = 1 << 7;
export const CLIENT = 1 << 8;
export const APP = 1 << 9;
export const CLIENT_APP = 1 << 10;
export const COUNT = 1 << 11;
export const EXTERNAL = 1 << 12;
export const EXTERNAL_TRUE = 1 << 13;
export const ORG = 1 << 14;
export const TENANT = 1 << 15;
export const RECORD_TYPE = 1 << 16;
export const SERVER = 1 << 17;

export const FOLDER_ID = 1;
export const ITEM_SIZE = 1;
export const ITEM_SUBJECT = 2;

export const ACCESS: readonly AccessType[] = ['Bind', 'Sync', 'Unknown'];

/** No string (null in a `RowItem`); as a message's key: the key is the id. */
export const NONE = -1;
/** As a message's key: the id without its first and last characters (`<a@b>` → `a@b`). */
export const KEY_INNER = -2;
/** As a message's key: the id lower-cased (`A@B` → `a@b`). */
export const KEY_LOWER = -3;
/** As a message's key: the id without its first and last characters, lower-cased (`<A@B>` → `a@b`). */
export const KEY_INNER_LOWER = -4;
/** A message key written as one of the kinds above (`NONE`, `KEY_INNER`, `KEY_LOWER`, `KEY_INNER_LOWER`). */
export type DerivedKeyKind = -1 | -2 | -3 | -4;
/** Every kind of key made from the id, in code order. */
export const DERIVED_KEY_KINDS: readonly DerivedKeyKind[] = [NONE, KEY_INNER, KEY_LOWER, KEY_INNER_LOWER];

/** Whether `k` (a key as written in a batch) names a kind of key made from the id. */
export function isDerivedKeyKind(k: number): k is DerivedKeyKind {
  return k === NONE || k === KEY_INNER || k === KEY_LOWER || k === KEY_INNER_LOWER;
}

/** Whether a key of `kind` leaves out the id's first and last characters. */
export function keyCutsEnds(kind: DerivedKeyKind): boolean {
  return kind === KEY_INNER || kind === KEY_INNER_LOWER;
}

/** Whether a key of `kind` is the id lower-cased. */
export function keyLowerCases(kind: DerivedKeyKind): boolean {
  return kind === KEY_LOWER || kind === KEY_INNER_LOWER;
}

/** The key of message id `id` written as `kind` (what `keyCutsEnds` and `keyLowerCases` say). */
export function derivedMessageKey(id: string, kind: DerivedKeyKind): string {
  const cut = keyCutsEnds(kind) ? id.slice(1, -1) : id;
  return keyLowerCases(kind) ? cut.toLowerCase() : cut;
}

/**
 * Repeated strings a writer keeps before starting its table afresh (a file of millions of distinct
 * subjects must not grow it without bound).
 */
export const MAX_SHARED = 1 << 16;
