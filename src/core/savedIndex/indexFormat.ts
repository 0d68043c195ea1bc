/**
 * Layout of a saved index file (see `encodeIndex`/`decodeIndex`). Bump `INDEX_FORMAT_VERSION`
 * whenever the layout or the meaning of what reading a source produces changes (a new record
 * field, a different normalisation): an index of another version is ignored and rebuilt.
 */
export const INDEX_FORMAT_VERSION = 3;

/** First bytes of every saved index. */
export const INDEX_MAGIC = 'MIAIDX01';

/**
 * Header: magic (8 bytes), format version (u32), part count (u32), payload crc32 (u32), reserved
 * (u32), payload length (f64); then one (offset, length) pair of f64 per part. Version 2: string
 * table as Latin-1 text and lengths, records in columns (reopened lazily, see `RecordStore`).
 * Version 3: a record's string columns after its id, and its numbers that are its session's, are
 * one reference to a row of them (`CONTEXT_STRINGS` strings, `CONTEXT_NUMBERS` numbers), shared by
 * the records with the same values; a record id that is a lower-case GUID is held as 16 bytes, not
 * as text: 27 MB less of a 300,000-record index, every byte of which a reopen reads into fresh memory.
 */
export const HEADER_BYTES = 32;

/** Access types by code (the order is part of the format). */
export const ACCESS_TYPES = ['Bind', 'Sync', 'Unknown'] as const;

/**
 * String columns of a record, in this order (the order is part of the format): `id`, `mailbox`,
 * `mailboxKey` (KEY_SAME: the mailbox), then the optional ones (NO_STRING: absent).
 */
export const RECORD_STRINGS = [
  'id',
  'mailbox',
  'mailboxKey',
  'mailboxGuid',
  'actor',
  'sessionId',
  'ip',
  'clientInfo',
  'appId',
  'clientAppId',
  'organizationId',
  'tokenTenantId',
  'originatingServer',
] as const;
/** String columns of a context row: `RECORD_STRINGS` after `id` (mailbox … originatingServer). */
export const CONTEXT_STRINGS = RECORD_STRINGS.length - 1;
/** Integer columns of a record: flags (access type, booleans, numbers present), line, length. */
export const RECORD_INTS = 3;
/** Number columns of a record (absent ones are 0, see the presence bits of the flags). */
export const RECORD_NUMBERS = [
  'timeMs',
  'offset',
  'logonType',
  'userType',
  'operationCount',
  'recordType',
] as const;
/**
 * Where each of `RECORD_NUMBERS` is kept: a slot ≥ 0 of the record's own numbers, or −1 − a slot of
 * its context row's numbers (values a record shares with its session: logon type, user type, record
 * type). Version 3; in version 2 every record held all six.
 */
export const NUMBER_SLOTS: readonly number[] = [0, 1, -1, -2, 2, -3];
/** Numbers per record, and per context row (see `NUMBER_SLOTS`). */
export const RECORD_OWN_NUMBERS = NUMBER_SLOTS.filter((slot) => slot >= 0).length;
export const CONTEXT_NUMBERS = NUMBER_SLOTS.length - RECORD_OWN_NUMBERS;
/**
 * Flags: access type code in bits 0-3, isThrottled in 4-5, externalAccess in 6-7 (0 absent, 1 false,
 * 2 true), then one presence bit per optional number (`RECORD_NUMBERS` from index 2) from bit 8.
 */
export const NUMBER_PRESENCE_SHIFT = 8;
/** Integers per message: id, key code (KEY_* or a string), subject (NO_STRING: none), size present. */
export const MESSAGE_INTS = 4;

/** Tri-state booleans, in the flags from bit 4, two bits each: 0 absent, 1 false, 2 true. */
export const OPTIONAL_BOOLEANS = ['isThrottled', 'externalAccess'] as const;

/** A message key that is the id itself. */
export const KEY_SAME = -1;
/** A message key that is the id without its first and last character (`<…>` in lower case). */
export const KEY_INNER = -2;
/** A message key that is the id without its first and last character, in lower case. */
export const KEY_INNER_LOWER = -3;
/** No string (an absent optional). */
export const NO_STRING = -1;
/** A record id held as a lower-case GUID's four words (`recordGuids`), not in the string table. */
export const GUID_ID = -2;

/** A saved index that cannot be used: truncated, corrupt, another version. */
export class SavedIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedIndexError';
  }
}
