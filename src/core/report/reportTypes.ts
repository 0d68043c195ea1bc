/**
 * The JSON scoping report, schemaVersion 1 (issue 2). Other tools and the tests rely on these field
 * names: fields may be added, never renamed. Times are ISO 8601 UTC with `Z`, written
 * `YYYY-MM-DDTHH:mm:ssZ` (`.sss` only when the milliseconds are not zero). Absent values are `null`.
 * Every list is sorted, so two runs on the same inputs differ only in `generatedUtc`.
 */

import type { AppLabel, IpLabel, MetadataFormat } from '../enrich/enrichTypes';
import type { ThrottleBasis } from '../analysis/throttle';

/** Points at one record: the file, its 1-based line, the record id (and the byte offset). */
export interface RecordRefJson {
  source: string;
  line: number;
  recordId: string;
  offset: number;
  sourceIndex: number;
}

/**
 * One access context of a mailbox: a distinct combination of session, IP, client, app ids and
 * actor. Messages and synced folders point at these by `id` (the index in the mailbox's list).
 */
export interface ContextJson {
  id: number;
  sessionId: string | null;
  ip: string | null;
  client: string | null;
  appId: string | null;
  clientAppId: string | null;
  actor: string | null;
  firstUtc: string;
  lastUtc: string;
  /** Distinct records of this context (within the filters). */
  records: number;
  bind: number;
  sync: number;
  /** The app behind the context (AppId, or ClientAppId when AppId is Microsoft Graph); null without labels. */
  appLabel: AppLabel | null;
  /** What the IP is (Microsoft range, ASN, country); null without labels or IP. */
  ipLabel: IpLabel | null;
}

/** How one context (by id) used a message or synced folder. */
export interface ContextUseJson {
  context: number;
  firstUtc: string;
  lastUtc: string;
  /** Distinct records of this context listing the message (or syncing the folder). */
  count: number;
}

export interface MessageJson {
  internetMessageId: string;
  /** Normalised id (trimmed, `<>` stripped, lower-case). */
  key: string;
  folders: string[];
  firstAccessUtc: string;
  lastAccessUtc: string;
  /** Distinct Bind records listing the message. */
  accessCount: number;
  sizeInBytes: number | null;
  subject: string | null;
  sessions: string[];
  ips: string[];
  clients: string[];
  /** AppId and ClientAppId values of the records that read it. */
  appIds: string[];
  contexts: ContextUseJson[];
  firstRecord: RecordRefJson;
  /** Where `subject` came from: the audit record itself, a metadata source, or nowhere. */
  subjectFrom: 'audit' | 'metadata' | null;
  /** From the metadata sources (null when none names the message). */
  sender: string | null;
  recipients: string[];
  sentUtc: string | null;
  receivedUtc: string | null;
  hasAttachments: boolean | null;
  /** Metadata rows behind these values: the metadata source (index in `metadataSources`) and line. */
  metadataOrigins: MetadataOriginJson[];
}

/** One metadata row behind a message's metadata. */
export interface MetadataOriginJson {
  source: string;
  sourceIndex: number;
  line: number;
}

export interface SyncedFolderJson {
  path: string;
  key: string;
  firstSyncUtc: string;
  lastSyncUtc: string;
  count: number;
  sessions: string[];
  ips: string[];
  clients: string[];
  /** AppId and ClientAppId values of the records that synced it. */
  appIds: string[];
  contexts: ContextUseJson[];
  firstRecord: RecordRefJson;
}

export interface ThrottleWindowJson {
  startUtc: string;
  endUtc: string;
  basis: ThrottleBasis[];
  /** The record that opened the (merged) window. */
  openedBy: RecordRefJson & { basis: ThrottleBasis; timeUtc: string };
  /** The first record that opened a window on each basis. */
  openers: { flag: RecordRefJson | null; volume: RecordRefJson | null };
  /** Windows merged into this one, per basis. */
  openings: { flag: number; volume: number };
  /** The window runs past the last time any source covers (it is reported all the same). */
  extendsBeyondExports: boolean;
}

export interface SessionJson {
  /** null groups the records that carry no session. */
  sessionId: string | null;
  ips: string[];
  clients: string[];
  appIds: string[];
  clientAppIds: string[];
  actors: string[];
  firstUtc: string;
  lastUtc: string;
  records: number;
  bind: number;
  sync: number;
  firstRecord: RecordRefJson;
}

export interface MailboxJson {
  mailbox: string;
  mailboxKey: string;
  mailboxGuids: string[];
  /** Distinct MailItemsAccessed records within the filters. */
  records: number;
  bind: number;
  sync: number;
  /** Records whose MailAccessType is neither Bind nor Sync. */
  unknownAccess: number;
  firstUtc: string | null;
  lastUtc: string | null;
  /** Some record of the mailbox carries IsThrottled (any value). */
  throttleFlagSeen: boolean;
  /** No record carries IsThrottled: throttling can only be found by volume. */
  volumeRuleOnly: boolean;
  /** False for a mailbox named in the filters that has no record in the investigation. */
  inInvestigation: boolean;
  messages: MessageJson[];
  syncedFolders: SyncedFolderJson[];
  throttledWindows: ThrottleWindowJson[];
  sessions: SessionJson[];
  /** The distinct access contexts of the records in scope, in order of first use. */
  contexts: ContextJson[];
}

export interface SourceJson {
  path: string;
  sha256: string;
  container: string;
  encoding: string | null;
  sizeBytes: number;
  rows: number;
  records: number;
  duplicates: number;
  /** Rows of other operations in this source. */
  otherOperations: number;
  /** Distinct records of other operations first seen in this source. */
  otherRecords: number;
  /** Readable MailItemsAccessed rows (records + duplicates). */
  miaRows: number;
  rejected: { line: number; reason: string }[];
  firstUtc: string | null;
  lastUtc: string | null;
}

export interface CoverageJson {
  firstUtc: string | null;
  lastUtc: string | null;
  exportCaps: number[];
  sources: {
    path: string;
    firstUtc: string | null;
    lastUtc: string | null;
    miaFirstUtc: string | null;
    miaLastUtc: string | null;
    rows: number;
    miaRows: number;
    records: number;
    duplicates: number;
    otherOperations: number;
    rejected: number;
    probablyTruncated: boolean;
    cap: number | null;
  }[];
  gaps: { startUtc: string; endUtc: string; seconds: number; afterSource: string; beforeSource: string }[];
  /** Mailboxes (as displayed) whose records never carry IsThrottled. */
  volumeRuleOnly: string[];
}

/** A metadata file (issue 7) listed in the evidence like the exports. */
export interface MetadataSourceJson {
  path: string;
  sha256: string;
  format: MetadataFormat;
  encoding: string;
  sizeBytes: number;
  rows: number;
  /** Distinct message ids the source contributed. */
  messages: number;
  /** Rows that could not be read. */
  rejected: number;
  rejectedRows: { line: number; reason: string }[];
}

/** Messages confirmed read: listed by a Bind record. */
export interface ConfirmedReadJson {
  messages: number;
  mailboxes: { mailbox: string; messages: number; firstUtc: string | null; lastUtc: string | null }[];
}

/** A folder downloaded by a Sync: every item in it is potentially read. */
export interface PotentiallyReadFolderJson {
  mailbox: string;
  mailboxKey: string;
  folder: string;
  folderKey: string;
  firstSyncUtc: string;
  lastSyncUtc: string;
  syncs: number;
  /**
   * Messages the metadata sources place in this mailbox and folder; null when no metadata source
   * says where its items are (the folder's content is then unknown).
   */
  knownMessages: number | null;
  /** Of those, the ones also confirmed read by a Bind. */
  knownMessagesConfirmed: number | null;
  firstRecord: RecordRefJson;
}

/** A period or mailbox where reads cannot be known from the records. */
export interface UnknownPeriodJson {
  mailbox: string;
  /**
   * `throttled`: Bind access was not audited (assume every item read); `not-covered`: no source
   * covers the period (a gap between the exports); `no-records`: a mailbox named in the filters
   * has no record at all (it may not have been audited).
   */
  kind: 'throttled' | 'not-covered' | 'no-records';
  startUtc: string | null;
  endUtc: string | null;
  basis: ThrottleBasis[];
  extendsBeyondExports: boolean;
  /** The record behind it (the window's opener); null for gaps and mailboxes without records. */
  record: RecordRefJson | null;
}

/** The report's findings sorted by how certain the reading is. */
export interface ClassificationJson {
  confirmedRead: ConfirmedReadJson;
  potentiallyRead: { folders: number; knownMessages: number | null; items: PotentiallyReadFolderJson[] };
  unknown: { periods: number; items: UnknownPeriodJson[] };
}

/** One stated limitation of the method, with the files it concerns (if any). */
export interface LimitationJson {
  id:
    | 'throttling'
    | 'aggregation'
    | 'deduplication'
    | 'logging-delay'
    | 'retention'
    | 'licensing'
    | 'unreadable-records'
    | 'truncated-exports'
    | 'coverage-gaps'
    | 'unreadable-metadata'
    | 'unmatched-metadata';
  text: string;
  files: { path: string; count: number }[];
}

export interface FiltersJson {
  mailboxes: string[];
  from: string | null;
  to: string | null;
  sessions: string[];
  /** Normalised as the records' IPs are. */
  ips: string[];
  clientApps: string[];
  clientInfo: string[];
}

/** The scoping report. */
export interface ScopeReport {
  schemaVersion: 1;
  generatedUtc: string;
  filters: FiltersJson;
  throttle: { threshold: number; hours: number };
  sources: SourceJson[];
  /** Files inside named folders that were not read. */
  skipped: { path: string; reason: string }[];
  totals: {
    /** Distinct MailItemsAccessed records after de-duplication, within the filters. */
    records: number;
    /** MailItemsAccessed rows whose Id was already seen. */
    duplicates: number;
    rejected: number;
    /** Distinct records of other operations (by Id), over all sources. */
    otherOperations: number;
    /** Rows of other operations, repeats included. */
    otherOperationRows: number;
    bind: number;
    sync: number;
    unknownAccess: number;
    mailboxes: number;
    messages: number;
    syncedFolders: number;
    throttledWindows: number;
    /** Distinct records in the investigation, before filtering. */
    recordsLoaded: number;
  };
  mailboxes: MailboxJson[];
  coverage: CoverageJson;
  /** Plain-language statements about the whole report (empty input, nothing matched, truncation…). */
  notes: string[];
  /** Confirmed read (Bind), potentially read (Sync of a folder), unknown (unaudited or uncovered). */
  classification: ClassificationJson;
  /** Metadata files joined to the messages (issue 7), with their SHA-256. */
  metadataSources: MetadataSourceJson[];
  /** Accessed message ids that no metadata source names; null when no metadata was given. */
  unmatchedMessageIds: string[] | null;
  /** Labels of the apps and IPs of the contexts (empty without labels), sorted. */
  labels: { apps: AppLabel[]; ips: IpLabel[] };
  /** How the report was made, in plain language. */
  method: string[];
  /** What the records cannot show, and which files are affected. */
  limitations: LimitationJson[];
}
