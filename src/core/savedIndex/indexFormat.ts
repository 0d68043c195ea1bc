/**
 * Layout of a saved index file (see `encodeIndex`/`decodeIndex`). Bump `INDEX_FORMAT_VERSION`
 * whenever the layout or the meaning of what reading a source produces changes (a new record
 * field, a different normalisation): an index of another version is ignored and rebuilt.
 */
export const INDEX_FORMAT_VERSION = 1;

/** First bytes of every saved index. */
export const INDEX_MAGIC = 'MIAIDX01';

/**
 * Header: magic (8 bytes), format version (u32), part count (u32), payload crc32 (u32), reserved
 * (u32), payload length (f64); then one (offset, length) pair of f64 per part.
 */
export const HEADER_BYTES = 32;

/** Access types by code (the order is part of the format). */
export const ACCESS_TYPES = ['Bind', 'Sync', 'Unknown'] as const;

/** Presence bits of a record's optional fields (the order is part of the format). */
export const OPTIONAL_STRINGS = [
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

/** Numeric optional fields, one Float64 column each (the order is part of the format). */
export const OPTIONAL_NUMBERS = ['logonType', 'userType', 'operationCount', 'recordType'] as const;

/** Tri-state booleans: 0 absent, 1 false, 2 true. */
export const OPTIONAL_BOOLEANS = ['isThrottled', 'externalAccess'] as const;

/** A message key that is the id itself. */
export const KEY_SAME = -1;
/** A message key that is the id without its first and last character (`<…>` in lower case). */
export const KEY_INNER = -2;
/** A message key that is the id without its first and last character, in lower case. */
export const KEY_INNER_LOWER = -3;
/** No string (an absent optional). */
export const NO_STRING = -1;

/** A saved index that cannot be used: truncated, corrupt, another version. */
export class SavedIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedIndexError';
  }
}
