/**
 * Enum names of AuditData fields that some exports write as words instead of the numbers the raw
 * AuditData uses, keyed by the lower-case name (letters only). Kept here so every reader that turns
 * the names back into numbers (the Sentinel reader, the normaliser's `enumValue`) uses the same
 * table. Look names up with `Object.hasOwn`: `constructor` is a key of every object.
 */

/** Exchange `LogonType` enum (Office 365 Management Activity API), lower-case name → number. */
export const LOGON_TYPE_CODES: Readonly<Record<string, number>> = {
  owner: 0,
  admin: 1,
  delegated: 2,
  delegate: 2,
  transport: 3,
  systemservice: 4,
  bestaccess: 5,
  delegatedadmin: 6,
};

/** `UserType` enum (Office 365 Management Activity API), lower-case name → number. */
export const USER_TYPE_CODES: Readonly<Record<string, number>> = {
  regular: 0,
  reserved: 1,
  admin: 2,
  dcadmin: 3,
  system: 4,
  application: 5,
  serviceprincipal: 6,
  custompolicy: 7,
  systempolicy: 8,
  partnertechnician: 9,
  linkeduser: 10,
};

/** `RecordType` names of the Exchange mailbox records, lower-case name → number. */
export const RECORD_TYPE_CODES: Readonly<Record<string, number>> = {
  exchangeadmin: 1,
  exchangeitem: 2,
  exchangeitemgroup: 3,
  exchangeitemaggregated: 50,
};
