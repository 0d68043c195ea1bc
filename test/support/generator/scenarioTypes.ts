/**
 * Types shared by the scenario builder, the container writers and the truth: what one row of an
 * export is, which rows are broken on purpose, and what a generated scenario holds.
 */
import type { ContainerKind } from '../../../src/core/containers/types';
import type { MailboxProfile, Organisation } from './mailboxes';
import type { AuditRecord } from './records';
import type { Truth } from './truth';
import type { ExportOptions } from './writers/options';

/**
 * Why a row must be rejected. `missing-id`, `missing-creation-time` and `invalid-creation-time` are
 * already applied to the row's `audit` (the field is absent or unparseable, and every container
 * column derived from it is blank or equally unparseable); `truncated-json` and `broken-quoting`
 * are applied by the writer (a spreadsheet re-save cutting the JSON cell at 32,767 characters, a CSV
 * row whose JSON quotes were not doubled).
 */
export type BrokenKind =
  'truncated-json' | 'broken-quoting' | 'missing-id' | 'missing-creation-time' | 'invalid-creation-time';

/** Every broken kind, for iteration. */
export const BROKEN_KINDS: readonly BrokenKind[] = [
  'truncated-json',
  'broken-quoting',
  'missing-id',
  'missing-creation-time',
  'invalid-creation-time',
];

/** One row of an export: a record, possibly broken on purpose. */
export interface ExportRow {
  audit: AuditRecord;
  broken?: BrokenKind;
}

/** One file of a scenario's export set. */
export interface ExportFilePlan {
  /** File name (relative to the export set's folder); also the file's name in the truth. */
  name: string;
  container: ContainerKind;
  options: ExportOptions;
  /** Rows in file order (duplicates and broken rows included). */
  rows: ExportRow[];
}

/** The role a mailbox plays in the scenario. */
export type MailboxRole =
  'victim' | 'shared' | 'owner' | 'throttled-flag' | 'throttled-volume' | 'throttled-both' | 'hostile';

export interface ScenarioMailbox {
  profile: MailboxProfile;
  role: MailboxRole;
}

/** A message the attacker opened, as the generator planted it. */
export interface PlantedMessage {
  mailbox: string;
  internetMessageId: string;
  folderPath: string;
}

/** What the generator planted, so tests can check the truth (and the engine) against intent. */
export interface PlantedFacts {
  attacker: {
    sessionId: string;
    /** Normalised IP of the attacker's OWA (AiTM proxy) context. */
    ip: string;
    clientInfoString: string;
    /** The attacker's own OAuth client id (Graph reads use AppId = Microsoft Graph). */
    clientAppId: string;
    /** Every message bound in the attacker's session (any form, deduplicated by normalised id). */
    messages: PlantedMessage[];
    /** Folders synced in the attacker's session: `{ mailbox, folderPath }`. */
    syncedFolders: { mailbox: string; folderPath: string }[];
    firstMs: number;
    lastMs: number;
  };
  throttledFlag: { mailbox: string; flagTimesMs: number[] };
  throttledVolume: { mailbox: string; burstStartMs: number; burstEndMs: number; burstRecords: number };
  throttledBoth?: { mailbox: string; flagTimesMs: number[]; burstStartMs: number; burstEndMs: number };
  hostile: { mailbox: string; strings: string[] };
}

/** Options of generateScenario. */
export interface ScenarioOptions {
  /** PRNG seed (default 20250311). */
  seed?: number;
  /** `small`: ~4,000 records (sample workspace, engine tests); `medium`: ~15,000 records, more mailboxes. */
  scale?: 'small' | 'medium';
  /** Throttle parameters used for the truth (defaults 1,000 records and 24 hours). */
  throttleThreshold?: number;
  throttleHours?: number;
}

/** A generated scenario: records, the default split export set, planted facts and the truth. */
export interface Scenario {
  seed: number;
  scale: 'small' | 'medium';
  /** Throttle parameters of the truth. */
  throttle: { threshold: number; hours: number };
  org: Organisation;
  startMs: number;
  endMs: number;
  mailboxes: ScenarioMailbox[];
  /** Every valid, distinct record (MailItemsAccessed and other operations), ascending by time. */
  records: AuditRecord[];
  /** Rows that must be rejected: one of each kind and a few more, records found nowhere else. */
  brokenRows: ExportRow[];
  /** The default export set: split, overlapping exports in several containers. */
  files: ExportFilePlan[];
  planted: PlantedFacts;
  /** Truth of `files` (as writeExportSet writes them); computed on first access. */
  readonly truth: Truth;
}
