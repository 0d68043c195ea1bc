/**
 * Enum names of AuditData fields that some exports write as words instead of the numbers the raw
 * AuditData uses, keyed by the lower-case name. Kept here so every reader that turns the names back
 * into numbers uses the same table.
 */

/** Exchange `LogonType` enum (Office 365 Management Activity API), lower-case name → number. */
export const LOGON_TYPE_CODES: Readonly<Record<string, number>> = {
  owner: 0,
  admin: 1,
  delegated: 2,
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
