/**
 * The engine's scoping report and the generator's truth, each turned into the same plain shapes so
 * that whole sets can be compared with `deepEqual`: times as epoch ms, lists sorted, folders as
 * normalised keys (normalised with the truth's own, independent rules).
 */
import * as path from 'node:path';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import {
  normaliseFolder,
  type Truth,
  type TruthMailbox,
  type TruthMessage,
} from '../../support/generator/truth';

export interface WindowView {
  startMs: number;
  endMs: number;
  basis: string[];
}

export interface MessageView {
  id: string;
  folders: string[];
}

export interface MailboxView {
  key: string;
  records: number;
  bind: number;
  sync: number;
  firstMs: number | null;
  lastMs: number | null;
  messages: MessageView[];
  syncedFolders: string[];
  windows: WindowView[];
}

export interface FileView {
  name: string;
  container: string;
  rows: number;
  miaRows: number;
  records: number;
  duplicates: number;
  otherOperationRows: number;
  rejectedLines: number[];
}

export interface TotalsView {
  records: number;
  bind: number;
  sync: number;
  duplicates: number;
  otherOperations: number;
  otherOperationRows: number;
  rejected: number;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ms = (utc: string | null): number | null => (utc === null ? null : Date.parse(utc));
const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(byText);

function windowsSorted(windows: WindowView[]): WindowView[] {
  return windows.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

function messagesSorted(messages: MessageView[]): MessageView[] {
  return messages.sort((a, b) => byText(a.id, b.id));
}

// ---- the truth ----

export function truthWindows(m: TruthMailbox): WindowView[] {
  return windowsSorted(
    m.throttleWindows.map((w) => ({
      startMs: Date.parse(w.startUtc),
      endMs: Date.parse(w.endUtc),
      basis: [...w.basis].sort(byText),
    })),
  );
}

export function truthMessages(messages: readonly TruthMessage[]): MessageView[] {
  return messagesSorted(messages.map((m) => ({ id: m.id, folders: sortedUnique(m.folders) })));
}

export function truthMailbox(m: TruthMailbox): MailboxView {
  return {
    key: m.key,
    records: m.records,
    bind: m.bind,
    sync: m.sync,
    firstMs: ms(m.firstUtc),
    lastMs: ms(m.lastUtc),
    messages: truthMessages(m.messages),
    syncedFolders: sortedUnique(m.syncedFolders),
    windows: truthWindows(m),
  };
}

export function truthFiles(truth: Truth): FileView[] {
  return truth.files
    .map((f) => ({
      name: f.name,
      container: f.container,
      rows: f.rows,
      miaRows: f.miaRows,
      records: f.records,
      duplicates: f.duplicates,
      otherOperationRows: f.otherOperationRows,
      rejectedLines: f.rejected.map((r) => r.line).sort((a, b) => a - b),
    }))
    .sort((a, b) => byText(a.name, b.name));
}

export function truthTotals(truth: Truth): TotalsView {
  const t = truth.totals;
  return {
    records: t.records,
    bind: t.bind,
    sync: t.sync,
    duplicates: t.duplicates,
    otherOperations: t.otherOperations,
    otherOperationRows: t.otherOperationRows,
    rejected: t.rejected,
  };
}

// ---- the report ----

export function reportWindows(m: ScopeReport['mailboxes'][number]): WindowView[] {
  return windowsSorted(
    m.throttledWindows.map((w) => ({
      startMs: Date.parse(w.startUtc),
      endMs: Date.parse(w.endUtc),
      basis: [...w.basis].sort(byText),
    })),
  );
}

export function reportMessages(m: ScopeReport['mailboxes'][number]): MessageView[] {
  return messagesSorted(
    m.messages.map((msg) => ({ id: msg.key, folders: sortedUnique(msg.folders.map(normaliseFolder)) })),
  );
}

export function reportMailbox(m: ScopeReport['mailboxes'][number]): MailboxView {
  return {
    key: m.mailboxKey,
    records: m.records,
    bind: m.bind,
    sync: m.sync,
    firstMs: ms(m.firstUtc),
    lastMs: ms(m.lastUtc),
    messages: reportMessages(m),
    syncedFolders: sortedUnique(m.syncedFolders.map((f) => f.key)),
    windows: reportWindows(m),
  };
}

/** The report's sources, named relative to `baseDir` with forward slashes (as the truth names files). */
export function reportFiles(report: ScopeReport, baseDir: string): FileView[] {
  return report.sources
    .map((s) => ({
      name: path.relative(baseDir, s.path).split(path.sep).join('/'),
      container: s.container,
      rows: s.rows,
      miaRows: s.miaRows,
      records: s.records,
      duplicates: s.duplicates,
      otherOperationRows: s.otherOperations,
      rejectedLines: s.rejected.map((r) => r.line).sort((a, b) => a - b),
    }))
    .sort((a, b) => byText(a.name, b.name));
}

export function reportTotals(report: ScopeReport): TotalsView {
  const t = report.totals;
  return {
    records: t.records,
    bind: t.bind,
    sync: t.sync,
    duplicates: t.duplicates,
    otherOperations: t.otherOperations,
    otherOperationRows: t.otherOperationRows,
    rejected: t.rejected,
  };
}
