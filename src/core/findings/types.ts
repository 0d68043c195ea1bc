/**
 * Findings: what an investigation tells the analyst to look at, each pinned to a record's line in
 * a source file. The extension turns them into diagnostics and the Findings view; nothing here
 * knows about VS Code.
 */

import type { SignalKind } from '../enrich/signals/signalTypes';

/** Diagnostic codes (contract with the manifest, docs and tests). */
export type FindingCode = 'mia.throttled' | 'mia.sync' | 'mia.rejected' | 'mia.coverage' | 'mia.signal';

/** Every code, in the order the views list them. */
export const FINDING_CODES: readonly FindingCode[] = [
  'mia.throttled',
  'mia.sync',
  'mia.coverage',
  'mia.rejected',
  'mia.signal',
];

export type FindingSeverity = 'error' | 'warning' | 'information';

/** What a finding is about (the code says how grave; the kind says which rule produced it). */
export type FindingKind =
  | 'throttleWindow'
  | 'sync'
  | 'rejected'
  | 'truncated'
  | 'gap'
  | 'volumeRuleOnly'
  /** A session signal (issue 7): several origins, short-lived IP or app, other actor, … */
  | 'signal'
  /** Stands for the findings of one code in one file that were left out by the cap. */
  | 'summary';

/** A place in a source file, optionally a record (its index in `Investigation.records`). */
export interface FindingLocation {
  sourceIndex: number;
  /** 1-based line. */
  line: number;
  message: string;
  record?: number;
}

/** One finding. */
export interface Finding {
  code: FindingCode;
  kind: FindingKind;
  severity: FindingSeverity;
  /** Source file (index in `Investigation.sources`). */
  sourceIndex: number;
  /** 1-based line of the record's (or row's) first line. */
  line: number;
  /** Short label for lists (one line, plain text). */
  title: string;
  /** The full sentence(s) (one line, plain text). */
  message: string;
  /** Other places involved (the other openers of a merged window, the export after a gap, …). */
  related: FindingLocation[];
  /** The record the finding sits on (index in `Investigation.records`), when it is a record. */
  record?: number;
  /** Mailbox as displayed, when the finding is about one. */
  mailbox?: string;
  /** Its `mailboxKey`. */
  mailboxKey?: string;
  /** Time span the finding covers (throttle window, gap) or the record's time, epoch ms. */
  startMs?: number;
  endMs?: number;
  /** For a throttle window: every basis that produced it (flag, volume). */
  basis?: ('flag' | 'volume')[];
  /** For a session signal: which rule produced it (`SignalKind`). */
  signal?: SignalKind;
  /** For a session signal: every record behind it (indexes in `Investigation.records`, time order). */
  records?: number[];
  /** For `summary`: how many findings it stands for. */
  omitted?: number;
}
