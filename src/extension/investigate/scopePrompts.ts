import * as vscode from 'vscode';
import { buildMailboxModel } from '../../core/browse/mailboxModel';
import type { TimeFormatter } from '../../core/findings/displayTime';
import { oneLine } from '../../core/findings/findings';
import { formatUtc, parseUtcTime } from '../../core/normalise/time';
import type { InvestigationSession } from '../investigation/investigationSession';
import { REPORT_FORMATS, type ReportFormat } from './reportDocuments';

/** What the person chose: the same fields as the command's options (and `mia scope`'s flags). */
export interface ScopeChoices {
  mailboxes?: string[];
  sessions?: string[];
  ips?: string[];
  clientApps?: string[];
  from?: string;
  to?: string;
}

/** Most values offered per context kind (the most used first). */
const MAX_CONTEXT_ITEMS = 300;

function top(counts: Map<string, number>): [string, number][] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CONTEXT_ITEMS);
}

function bump(map: Map<string, number>, key: string | undefined): void {
  if (key !== undefined && key !== '') map.set(key, (map.get(key) ?? 0) + 1);
}

async function pickMailboxes(session: InvestigationSession, title: string): Promise<string[] | undefined> {
  const model = buildMailboxModel(session.investigation.records);
  const items = model.map((m) => ({
    label: oneLine(m.mailbox),
    description: `${m.records.toLocaleString('en-US')} records · ${m.bind} Bind · ${m.sync} Sync · ${m.messageCount} messages`,
    value: m.mailbox,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title}: mailboxes (1/4)`,
    placeHolder: 'Mailboxes to include (none selected: all mailboxes), then Enter',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.value);
}

async function askTime(prompt: string, title: string, optional: boolean): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: '2025-03-11T08:00:00Z',
    ignoreFocusOut: true,
    validateInput: (v) =>
      (optional && v.trim() === '') || parseUtcTime(v, true) !== undefined
        ? undefined
        : 'An ISO 8601 date or date and time (UTC when no offset), e.g. 2025-03-11T08:00:00Z',
  });
}

async function pickTime(
  session: InvestigationSession,
  formatTime: TimeFormatter,
  title: string,
): Promise<{ from?: string; to?: string } | undefined> {
  type Item = vscode.QuickPickItem & { range?: { fromMs?: number; toMs?: number }; typed?: true };
  const items: Item[] = [{ label: 'All data', description: 'no time window', range: {} }];
  const describe = (r: { fromMs?: number; toMs?: number }) =>
    `${r.fromMs === undefined ? 'start' : formatTime(r.fromMs)} – ${r.toMs === undefined ? 'end' : formatTime(r.toMs)}`;
  const selected = session.selectedTimeRange;
  if (selected && (selected.fromMs !== undefined || selected.toMs !== undefined)) {
    items.push({ label: 'Range selected in the timeline', description: describe(selected), range: selected });
  }
  const { fromMs, toMs } = session.filter;
  if (fromMs !== undefined || toMs !== undefined) {
    items.push({
      label: "The filter's time range",
      description: describe({ fromMs, toMs }),
      range: { fromMs, toMs },
    });
  }
  items.push({ label: 'Enter start and end…', description: 'ISO 8601 (UTC when no offset)', typed: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title}: time window (2/4)`,
    placeHolder: 'Time window of the report',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.range) {
    const out: { from?: string; to?: string } = {};
    if (picked.range.fromMs !== undefined) out.from = formatUtc(picked.range.fromMs);
    if (picked.range.toMs !== undefined) out.to = formatUtc(picked.range.toMs);
    return out;
  }
  const from = await askTime('Start of the time window (inclusive); empty: start of the data', title, true);
  if (from === undefined) return undefined;
  const to = await askTime('End of the time window (exclusive); empty: end of the data', title, true);
  if (to === undefined) return undefined;
  const out: { from?: string; to?: string } = {};
  if (from.trim() !== '') out.from = from.trim();
  if (to.trim() !== '') out.to = to.trim();
  return out;
}

async function pickContexts(
  session: InvestigationSession,
  title: string,
): Promise<Pick<ScopeChoices, 'sessions' | 'ips' | 'clientApps'> | undefined> {
  const sessions = new Map<string, number>();
  const ips = new Map<string, number>();
  const apps = new Map<string, number>();
  for (const r of session.investigation.records) {
    bump(sessions, r.sessionId);
    bump(ips, r.ip);
    bump(apps, r.appId);
    if (r.clientAppId !== r.appId) bump(apps, r.clientAppId);
  }
  type Item = vscode.QuickPickItem & { kind2?: 'sessions' | 'ips' | 'clientApps'; value?: string };
  const items: Item[] = [];
  const section = (label: string, kind2: Item['kind2'], counts: Map<string, number>) => {
    const list = top(counts);
    if (list.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const [value, n] of list)
      items.push({
        label: oneLine(value),
        description: `${n.toLocaleString('en-US')} records`,
        kind2,
        value,
      });
  };
  section('Sessions', 'sessions', sessions);
  section('IP addresses', 'ips', ips);
  section('Apps (AppId / ClientAppId)', 'clientApps', apps);
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title}: contexts (3/4)`,
    placeHolder: 'Sessions, IPs and apps to include (none selected: all contexts), then Enter',
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const out: Pick<ScopeChoices, 'sessions' | 'ips' | 'clientApps'> = {};
  for (const p of picked) {
    if (!p.kind2 || p.value === undefined) continue;
    (out[p.kind2] ??= []).push(p.value);
  }
  return out;
}

/** Asks mailboxes, time window and contexts; undefined when the person cancelled. */
export async function promptScope(
  session: InvestigationSession,
  formatTime: TimeFormatter,
  title: string,
): Promise<ScopeChoices | undefined> {
  const mailboxes = await pickMailboxes(session, title);
  if (!mailboxes) return undefined;
  const time = await pickTime(session, formatTime, title);
  if (!time) return undefined;
  const contexts = await pickContexts(session, title);
  if (!contexts) return undefined;
  const out: ScopeChoices = { ...time, ...contexts };
  if (mailboxes.length > 0) out.mailboxes = mailboxes;
  return out;
}

const FORMAT_LABEL: Record<ReportFormat, [string, string]> = {
  markdown: ['Markdown', 'opens in the Markdown preview; links every message to its file and line'],
  html: ['HTML', 'a self-contained, printable page'],
  json: ['JSON', 'the same as `mia scope --format json`'],
  csv: ['CSV', 'one row per message and context, synced folder and window'],
  xlsx: ['Excel (XLSX)', 'a workbook with one sheet per section, saved to a file you choose'],
};

/** Asks the report format. */
export async function promptFormat(title: string): Promise<ReportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    REPORT_FORMATS.map((f) => ({ label: FORMAT_LABEL[f][0], description: FORMAT_LABEL[f][1], format: f })),
    { title: `${title}: format (4/4)`, placeHolder: 'Report format', ignoreFocusOut: true },
  );
  return picked?.format;
}
