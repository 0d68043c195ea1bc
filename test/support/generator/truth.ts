/**
 * Ground truth of a generated export set, computed from the rows the writers wrote by a deliberately
 * plain implementation of the spec (§1, §2) that shares no code with src/core: de-duplication by
 * Id, per-mailbox Bind messages and synced folders with the spec's normalisation, throttle windows
 * (flag and volume bases, merged), rejected rows with file and line, the attacker session's reads.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ContainerKind } from '../../../src/core/containers/types';
import type { AuditRecord } from './records';
import type { BrokenKind, ExportRow } from './scenarioTypes';
import { throttleWindows, type Basis } from './throttle';
import { isoUtc, parseAuditTime } from './time';

export interface TruthWindow {
  startUtc: string;
  endUtc: string;
  basis: Basis[];
}

export interface TruthMessage {
  /** Normalised InternetMessageId (trimmed, one pair of <> stripped, lower-case). */
  id: string;
  /** Normalised folder keys it was bound in. */
  folders: string[];
}

export interface TruthMailbox {
  /** MailboxOwnerUPN (else MailboxGuid), lower-cased. */
  key: string;
  /** As written in the earliest record. */
  display: string;
  /** Distinct MailItemsAccessed records (after de-duplication). */
  records: number;
  bind: number;
  sync: number;
  firstUtc: string;
  lastUtc: string;
  messages: TruthMessage[];
  /** Normalised keys of folders synced. */
  syncedFolders: string[];
  throttleWindows: TruthWindow[];
  /** Whether any record of the mailbox carries IsThrottled at all (else: volume rule only). */
  carriesThrottleFlag: boolean;
}

export interface TruthRejected {
  file: string;
  /** 1-based line of the row's first line. */
  line: number;
  kind: BrokenKind;
}

export interface TruthFile {
  name: string;
  container: ContainerKind;
  rows: number;
  /** Valid MailItemsAccessed rows (duplicates included). */
  miaRows: number;
  /** Distinct MailItemsAccessed records first seen in this file (files taken in the listed order). */
  records: number;
  /** MailItemsAccessed rows whose Id was already seen (earlier in this file or in an earlier file). */
  duplicates: number;
  /** Valid rows of other operations. */
  otherOperationRows: number;
  rejected: { line: number; kind: BrokenKind }[];
}

export interface TruthAttacker {
  sessionId: string;
  recordIds: string[];
  mailboxes: { key: string; messages: TruthMessage[]; syncedFolders: string[] }[];
}

export interface Truth {
  schema: 'mia-generator-truth/1';
  generator?: { seed?: number; scale?: string };
  throttle: { threshold: number; hours: number };
  files: TruthFile[];
  totals: {
    rows: number;
    /** Distinct MailItemsAccessed records. */
    records: number;
    bind: number;
    sync: number;
    /** MailItemsAccessed duplicate rows, within and across files. */
    duplicates: number;
    /** Distinct records of other operations. */
    otherOperations: number;
    otherOperationRows: number;
    rejected: number;
  };
  rejected: TruthRejected[];
  /** Sorted by key. */
  mailboxes: TruthMailbox[];
  attacker?: TruthAttacker;
}

/** One file of an export set, as computeTruth needs it. */
export interface TruthInputFile {
  name: string;
  container: ContainerKind;
  rows: readonly ExportRow[];
  /** 1-based start line of each row. */
  lines: readonly number[];
}

export interface TruthOptions {
  threshold?: number;
  hours?: number;
  attackerSessionId?: string;
  generator?: { seed?: number; scale?: string };
}

// ---- normalisation (spec §2), written out plainly ----

/** trim, strip one pair of <>, lower-case. */
export function normaliseMessageId(id: string): string {
  let s = id.trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  return s.toLowerCase();
}

/** trim, strip one leading backslash, lower-case. */
export function normaliseFolder(p: string): string {
  let s = p.trim();
  if (s.startsWith('\\')) s = s.slice(1);
  return s.toLowerCase();
}

/** Strip brackets and port, drop ::ffff:, lower-case. */
export function normaliseIp(ip: string): string {
  let s = ip.trim();
  const m = /^\[(.*)\](:\d+)?$/.exec(s);
  if (m) s = m[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.split(':')[0];
  if (s.toLowerCase().startsWith('::ffff:') && s.includes('.')) s = s.slice(7);
  return s.toLowerCase();
}

/** SessionId, else AppAccessContext.AADSessionId. */
export function sessionOf(a: AuditRecord): string | undefined {
  if (typeof a.SessionId === 'string' && a.SessionId !== '') return a.SessionId;
  const ctx = a.AppAccessContext as { AADSessionId?: unknown } | undefined;
  return ctx && typeof ctx.AADSessionId === 'string' ? ctx.AADSessionId : undefined;
}

function property(a: AuditRecord, name: string): string | undefined {
  const list = Array.isArray(a.OperationProperties)
    ? (a.OperationProperties as { Name: string; Value: unknown }[])
    : [];
  const hit = list.find((p) => p.Name === name);
  return hit && typeof hit.Value === 'string' ? hit.Value : undefined;
}

function mailboxOf(a: AuditRecord): string {
  const v = a.MailboxOwnerUPN ?? a.MailboxGuid;
  return typeof v === 'string' ? v : '';
}

/** Bind: [folderKey, messageKey][]; Sync: folder keys. */
function boundMessages(a: AuditRecord): [string, string][] {
  const out: [string, string][] = [];
  for (const f of (a.Folders as
    { Path?: string; FolderItems?: { InternetMessageId?: string }[] }[] | undefined) ?? []) {
    for (const item of f.FolderItems ?? []) {
      if (item.InternetMessageId)
        out.push([normaliseFolder(f.Path ?? ''), normaliseMessageId(item.InternetMessageId)]);
    }
  }
  return out;
}

function syncedFolders(a: AuditRecord): string[] {
  const out: string[] = [];
  for (const f of (a.Folders as { Path?: string }[] | undefined) ?? [])
    if (f.Path) out.push(normaliseFolder(f.Path));
  const parent = (a.Item as { ParentFolder?: { Path?: string; Name?: string } } | undefined)?.ParentFolder;
  if (parent && (parent.Path ?? parent.Name)) out.push(normaliseFolder(parent.Path ?? parent.Name ?? ''));
  return out;
}

// ---- the truth ----

/** Computes the truth of an export set (files taken in the given order). */
export function computeTruth(files: readonly TruthInputFile[], options: TruthOptions = {}): Truth {
  const threshold = options.threshold ?? 1000;
  const hours = options.hours ?? 24;
  const seen = new Set<string>();
  const seenOther = new Set<string>();
  const records: AuditRecord[] = [];
  const truthFiles: TruthFile[] = [];
  const rejected: TruthRejected[] = [];
  let rows = 0;
  let otherRows = 0;
  let duplicates = 0;
  for (const file of files) {
    const tf: TruthFile = {
      name: file.name,
      container: file.container,
      rows: file.rows.length,
      miaRows: 0,
      records: 0,
      duplicates: 0,
      otherOperationRows: 0,
      rejected: [],
    };
    file.rows.forEach((row, i) => {
      rows++;
      if (row.broken) {
        tf.rejected.push({ line: file.lines[i], kind: row.broken });
        rejected.push({ file: file.name, line: file.lines[i], kind: row.broken });
        return;
      }
      const id = String(row.audit.Id);
      if (row.audit.Operation !== 'MailItemsAccessed') {
        tf.otherOperationRows++;
        otherRows++;
        seenOther.add(id);
        return;
      }
      tf.miaRows++;
      if (seen.has(id)) {
        tf.duplicates++;
        duplicates++;
        return;
      }
      seen.add(id);
      tf.records++;
      records.push(row.audit);
    });
    truthFiles.push(tf);
  }
  const time = (a: AuditRecord) => parseAuditTime(String(a.CreationTime));
  records.sort((x, y) => time(x) - time(y));
  const mailboxes = new Map<string, AuditRecord[]>();
  for (const a of records) {
    const key = mailboxOf(a).toLowerCase();
    if (!mailboxes.has(key)) mailboxes.set(key, []);
    (mailboxes.get(key) as AuditRecord[]).push(a);
  }
  const truthMailboxes = [...mailboxes.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, list]) => mailboxTruth(key, list, threshold, hours));
  const truth: Truth = {
    schema: 'mia-generator-truth/1',
    generator: options.generator,
    throttle: { threshold, hours },
    files: truthFiles,
    totals: {
      rows,
      records: records.length,
      bind: truthMailboxes.reduce((n, m) => n + m.bind, 0),
      sync: truthMailboxes.reduce((n, m) => n + m.sync, 0),
      duplicates,
      otherOperations: seenOther.size,
      otherOperationRows: otherRows,
      rejected: rejected.length,
    },
    rejected,
    mailboxes: truthMailboxes,
  };
  if (options.attackerSessionId) truth.attacker = sessionTruth(records, options.attackerSessionId);
  return truth;
}

function mailboxTruth(key: string, list: AuditRecord[], threshold: number, hours: number): TruthMailbox {
  const messages = new Map<string, Set<string>>();
  const synced = new Set<string>();
  const flagTimes: number[] = [];
  let bind = 0;
  let sync = 0;
  let carriesFlag = false;
  for (const a of list) {
    const access = property(a, 'MailAccessType');
    const flag = property(a, 'IsThrottled');
    if (flag !== undefined) carriesFlag = true;
    if (flag !== undefined && flag.toLowerCase() === 'true')
      flagTimes.push(parseAuditTime(String(a.CreationTime)));
    if (access === 'Bind') {
      bind++;
      for (const [folder, id] of boundMessages(a)) {
        if (!messages.has(id)) messages.set(id, new Set());
        (messages.get(id) as Set<string>).add(folder);
      }
    } else if (access === 'Sync') {
      sync++;
      for (const f of syncedFolders(a)) synced.add(f);
    }
  }
  const times = list.map((a) => parseAuditTime(String(a.CreationTime)));
  return {
    key,
    display: mailboxOf(list[0]),
    records: list.length,
    bind,
    sync,
    firstUtc: isoUtc(times[0]),
    lastUtc: isoUtc(times[times.length - 1]),
    messages: toMessages(messages),
    syncedFolders: [...synced].sort(),
    throttleWindows: throttleWindows(times, flagTimes, threshold, hours).map((w) => ({
      startUtc: isoUtc(w.start),
      endUtc: isoUtc(w.end),
      basis: w.basis,
    })),
    carriesThrottleFlag: carriesFlag,
  };
}

function toMessages(messages: Map<string, Set<string>>): TruthMessage[] {
  return [...messages.entries()]
    .map(([id, folders]) => ({ id, folders: [...folders].sort() }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** What one session read: bound messages and synced folders per mailbox, and its record ids. */
export function sessionTruth(records: readonly AuditRecord[], sessionId: string): TruthAttacker {
  const perMailbox = new Map<string, { messages: Map<string, Set<string>>; synced: Set<string> }>();
  const ids: string[] = [];
  for (const a of records) {
    if (a.Operation !== 'MailItemsAccessed' || sessionOf(a) !== sessionId) continue;
    ids.push(String(a.Id));
    const key = mailboxOf(a).toLowerCase();
    if (!perMailbox.has(key)) perMailbox.set(key, { messages: new Map(), synced: new Set() });
    const m = perMailbox.get(key) as { messages: Map<string, Set<string>>; synced: Set<string> };
    const access = property(a, 'MailAccessType');
    if (access === 'Bind') {
      for (const [folder, id] of boundMessages(a)) {
        if (!m.messages.has(id)) m.messages.set(id, new Set());
        (m.messages.get(id) as Set<string>).add(folder);
      }
    } else if (access === 'Sync') {
      for (const f of syncedFolders(a)) m.synced.add(f);
    }
  }
  return {
    sessionId,
    recordIds: ids.sort(),
    mailboxes: [...perMailbox.entries()]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([key, m]) => ({ key, messages: toMessages(m.messages), syncedFolders: [...m.synced].sort() })),
  };
}

// ---- files ----

/** Writes a truth as pretty JSON (creating the folder). */
export async function writeTruth(filePath: string, truth: Truth): Promise<void> {
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  await fs.writeFile(filePath, JSON.stringify(truth, null, 2) + '\n', 'utf8');
}

/** Reads a truth file written by writeTruth. */
export async function readTruth(filePath: string): Promise<Truth> {
  const truth = JSON.parse(await fs.readFile(filePath, 'utf8')) as Truth;
  if (truth.schema !== 'mia-generator-truth/1') throw new Error(`${filePath}: not a generator truth file`);
  return truth;
}
