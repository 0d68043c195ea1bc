/**
 * An in-page stand-in for the extension host, for the webview preview: it answers the protocol's
 * requests with the REAL engine query code (RecordQuery, buildTimeline) over generated records,
 * and simulates a streaming load with `load` notifications. No DOM and no VS Code here; the page
 * glue (previewPage.ts) connects it to the fake `acquireVsCodeApi`.
 */
import type { MiaRecord } from '../../../src/core/model';
import { RecordQuery } from '../../../src/core/query/recordQuery';
import { buildTimeline, type TimelineWindow } from '../../../src/core/query/timeline';
import type {
  HostMessage,
  HostNotifications,
  LoadState,
  RecordDetail,
  RequestHandlers,
  SkippedRow,
  SourceSummary,
  WebviewMessage,
} from '../../../src/protocol/messages';
import { hostile } from './previewRecords';

const day = 24 * 3_600_000;

/** How the preview host behaves. */
export interface PreviewHostOptions {
  /** Records loaded per simulated chunk (the whole set at once when ≥ the record count). */
  chunk: number;
  /** Milliseconds between chunks. */
  chunkDelayMs: number;
  /** Milliseconds before each reply (0: next task). */
  latencyMs: number;
}

/** One thing the webview asked for that the preview only records (copy, open, reveal, ranges). */
export interface PreviewLogEntry {
  name: string;
  params: unknown;
}

const sourcePaths = [
  'C:\\cases\\contoso\\purview-export-part1.csv',
  'C:\\cases\\contoso\\graph-audit-part2.json',
];

/** Throttle windows from the records' flags: [t, t + 24 h), merged per mailbox. */
function flagWindows(records: readonly MiaRecord[]): TimelineWindow[] {
  const byMailbox = new Map<string, number[]>();
  for (const r of records)
    if (r.isThrottled) byMailbox.set(r.mailbox, [...(byMailbox.get(r.mailbox) ?? []), r.timeMs]);
  const windows: TimelineWindow[] = [];
  for (const [mailbox, times] of byMailbox) {
    times.sort((a, b) => a - b);
    let current: TimelineWindow | undefined;
    for (const t of times) {
      if (current && t <= current.endMs) current.endMs = Math.max(current.endMs, t + day);
      else windows.push((current = { mailbox, startMs: t, endMs: t + day, basis: ['flag'] }));
    }
  }
  return windows;
}

/** The preview's host. */
export class PreviewHost {
  /** Records loaded so far (the query reads this array as it grows). */
  readonly loaded: MiaRecord[] = [];
  readonly log: PreviewLogEntry[] = [];
  readonly query = new RecordQuery(this.loaded);
  private readonly rejected: SkippedRow[];
  private readonly otherOperations: SkippedRow[];
  private loading = false;

  constructor(
    readonly records: readonly MiaRecord[],
    private readonly options: PreviewHostOptions,
    private readonly post: (message: HostMessage) => void,
    private readonly schedule: (fn: () => void, ms: number) => void,
  ) {
    this.rejected = Array.from({ length: 37 }, (_, i) => ({
      source: sourcePaths[i % 2],
      line: 1000 + i * 7919,
      reason:
        i === 0
          ? `AuditData is not JSON: ${hostile.subject}`
          : i % 3 === 0
            ? 'AuditData truncated at 32,767 characters (spreadsheet re-save)'
            : 'CreationTime missing',
    }));
    const ops = ['UserLoggedIn', 'Send', 'AttachmentAccess', 'MailboxLogin', 'SearchQueryInitiated'];
    this.otherOperations = Array.from({ length: 1234 }, (_, i) => ({
      source: sourcePaths[i % 2],
      line: 5 + i * 13,
      reason: `Operation ${ops[i % ops.length]}`,
    }));
  }

  private loadState(): LoadState {
    const totalBytes = this.records.length * 1800;
    const done = this.loaded.length >= this.records.length;
    return {
      phase: done ? 'ready' : 'loading',
      bytesRead: this.loaded.length * 1800,
      totalBytes,
      records: this.loaded.length,
    };
  }

  private sources(): SourceSummary[] {
    const n = this.loaded.length;
    return sourcePaths.map((path, i) => ({
      path,
      container: i === 0 ? 'purview-csv-new' : 'graph-json',
      rows: Math.ceil((n - i) / 2) + (i === 0 ? 37 : 0),
      records: Math.ceil((n - i) / 2),
      duplicates: i === 0 ? 0 : 112,
      otherOperations: Math.ceil((1234 - i) / 2),
      rejected: i === 0 ? 19 : 18,
    }));
  }

  /** Sends a host notification. */
  notify<K extends keyof HostNotifications>(name: K, params: HostNotifications[K]): void {
    this.post({ kind: 'notify', name, params });
  }

  private loadNext(): void {
    const next = Math.min(this.records.length, this.loaded.length + this.options.chunk);
    for (let i = this.loaded.length; i < next; i++) this.loaded.push(this.records[i]);
    this.notify('load', this.loadState());
    this.notify('sources', { sources: this.sources() });
    if (this.loaded.length < this.records.length)
      this.schedule(() => this.loadNext(), this.options.chunkDelayMs);
  }

  private readonly handlers: RequestHandlers = {
    query: ({ filter, sort, reveal }) => {
      const result = this.query.run(filter, sort);
      return reveal === undefined ? result : { ...result, position: this.query.positionOf(reveal) };
    },
    rows: ({ start, count }) => ({ start, rows: this.query.rows(start, count) }),
    timeline: () => buildTimeline(this.loaded, this.query.viewIndices, flagWindows(this.loaded)),
    detail: ({ record }) => this.detail(record),
    skipped: ({ kind, limit }) => {
      const rows = kind === 'rejected' ? this.rejected : this.otherOperations;
      return { rows: rows.slice(0, limit), total: rows.length };
    },
    openRaw: (params) => this.record('openRaw', params),
    revealSource: (params) => this.record('revealSource', params),
    copyRaw: (params) => this.record('copyRaw', params),
  };

  private record(name: string, params: unknown): null {
    this.log.push({ name, params });
    return null;
  }

  private detail(index: number): RecordDetail {
    const r = this.loaded[index];
    if (!r) throw new Error(`no record ${index}`);
    const raw = {
      CreationTime: new Date(r.timeMs).toISOString().slice(0, 19),
      Id: r.id,
      Operation: 'MailItemsAccessed',
      OrganizationId: r.organizationId,
      RecordType: 50,
      UserId: r.actor,
      ClientIPAddress: r.ip,
      ClientInfoString: r.clientInfo,
      MailboxOwnerUPN: r.mailbox,
      MailboxGuid: r.mailboxGuid,
      LogonType: r.logonType,
      SessionId: r.sessionId,
      AppId: r.appId,
      OperationCount: r.operationCount,
      OperationProperties: [
        { Name: 'MailAccessType', Value: r.accessType },
        ...(r.isThrottled === undefined
          ? []
          : [{ Name: 'IsThrottled', Value: r.isThrottled ? 'True' : 'False' }]),
      ],
      Folders: r.folders.map((f) => ({
        Id: f.id,
        Path: f.path,
        FolderItems: f.items.map((m) => ({
          InternetMessageId: m.internetMessageId,
          SizeInBytes: m.sizeInBytes,
          Subject: m.subject,
        })),
      })),
    };
    const field = (name: string, value: string | number | boolean | undefined) => ({
      name,
      value: value === undefined ? '' : String(value),
    });
    return {
      record: index,
      id: r.id,
      timeMs: r.timeMs,
      fields: [
        field('Mailbox', r.mailbox),
        field('Actor (UserId)', r.actor),
        field('Logon type', r.logonType),
        field('Access', r.accessType),
        field('Throttled', r.isThrottled === undefined ? '(no flag)' : r.isThrottled),
        field('Session', r.sessionId),
        field('IP', r.ip),
        field('Client', r.clientInfo),
        field('App', r.appId),
        field('Operation count', r.operationCount),
      ],
      folders: r.folders.map((f) => ({
        path: f.path,
        items: f.items.map((m) => ({
          internetMessageId: m.internetMessageId,
          sizeInBytes: m.sizeInBytes,
          subject: m.subject,
        })),
      })),
      rawJson: JSON.stringify(raw, null, 2),
      provenance: {
        path: sourcePaths[r.provenance.sourceIndex] ?? '?',
        line: r.provenance.line,
        offset: r.provenance.offset,
      },
    };
  }

  /** Handles a message from the webview. */
  receive(message: WebviewMessage): void {
    if (message.kind === 'notify') {
      this.log.push({ name: message.name, params: message.params });
      if (message.name === 'ready') this.onReady();
      return;
    }
    const { id, name, params } = message;
    this.schedule(() => {
      try {
        const handler = this.handlers[name] as (p: unknown) => unknown;
        this.post({ kind: 'reply', id, result: handler(params) });
      } catch (error) {
        this.post({ kind: 'reply', id, error: error instanceof Error ? error.message : String(error) });
      }
    }, this.options.latencyMs);
  }

  private onReady(): void {
    if (!this.loading) {
      this.loading = true;
      const first = Math.min(this.records.length, this.options.chunk);
      for (let i = 0; i < first; i++) this.loaded.push(this.records[i]);
      if (this.loaded.length < this.records.length)
        this.schedule(() => this.loadNext(), this.options.chunkDelayMs);
    }
    this.notify('init', {
      title: 'contoso-incident-2025 (2 exports)',
      sources: this.sources(),
      load: this.loadState(),
      timeZone: 'Europe/Paris',
    });
  }
}
