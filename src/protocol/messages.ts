/**
 * The typed protocol between the extension host and the audit-export webview. JSON-safe DTOs only.
 * Requests carry an id and get exactly one reply (a result or an error); notifications have no reply.
 * Both sides import this file, so a renamed field or a missing handler fails to compile.
 */

/** Grid columns, in display order. */
export const gridColumns = [
  'time',
  'mailbox',
  'actor',
  'access',
  'throttled',
  'items',
  'folders',
  'subject',
  'session',
  'ip',
  'client',
  'app',
] as const;
/** One grid column id. */
export type GridColumn = (typeof gridColumns)[number];

/** Facets offered in the filter bar (each a column whose values are counted). */
export const facetNames = ['mailbox', 'access', 'session', 'ip', 'client', 'app', 'throttled'] as const;
/** One facet id. */
export type FacetName = (typeof facetNames)[number];

/** What the grid shows: free text, selected facet values and a time range [fromMs, toMs). */
export interface FilterState {
  text: string;
  facets: Partial<Record<FacetName, string[]>>;
  fromMs?: number;
  toMs?: number;
}

/** Sort order of the grid. */
export interface SortState {
  column: GridColumn;
  descending: boolean;
}

/** One grid row: display strings (never HTML) plus the record's index in the investigation. */
export interface GridRow {
  /** Index of the record in the investigation (stable for the life of the investigation). */
  record: number;
  /** Epoch milliseconds of CreationTime (the webview formats UTC or local time). */
  timeMs: number;
  cells: Record<Exclude<GridColumn, 'time'>, string>;
  /**
   * Offline labels of the row's IP and app (issue 7), plain text: `203.0.113.7 · US · AS64500`,
   * `Outlook Mobile (Microsoft)`. Absent when nothing is known.
   */
  labels?: { ip?: string; app?: string; appFlagged?: boolean };
}

/** Count of records per value of one facet, most frequent first (capped by the host). */
export interface FacetCounts {
  facet: FacetName;
  values: { value: string; count: number }[];
  /** Distinct values not listed because of the cap. */
  more: number;
}

/** Records per hour of the filtered set, plus the windows and marks the timeline draws. */
export interface TimelineData {
  /** Start of the first bucket (epoch ms, whole hour UTC). */
  startMs: number;
  bucketMs: number;
  bind: number[];
  sync: number[];
  throttled: { mailbox: string; startMs: number; endMs: number; basis: string[] }[];
  syncMarks: { timeMs: number; record: number; folder: string }[];
}

/** Summary of one source file of the investigation. */
export interface SourceSummary {
  path: string;
  container: string;
  rows: number;
  records: number;
  duplicates: number;
  otherOperations: number;
  rejected: number;
}

/** A row the engine could not read, or a record of another operation. */
export interface SkippedRow {
  source: string;
  line: number;
  reason: string;
}

/**
 * One message a record lists. `sender`, `dateMs` (received, else sent) and `hasAttachments` come
 * from the investigation's message metadata when known; `subject` from the record, else the
 * metadata. Untrusted text, rendered as text.
 */
export interface DetailMessage {
  internetMessageId: string;
  sizeInBytes?: number;
  subject?: string;
  sender?: string;
  dateMs?: number;
  hasAttachments?: boolean;
}

/** Everything the detail pane shows for one record. */
export interface RecordDetail {
  record: number;
  id: string;
  timeMs: number;
  fields: { name: string; value: string }[];
  folders: { path: string; items: DetailMessage[] }[];
  /** The raw AuditData re-read from disk, pretty-printed (text, never HTML). */
  rawJson: string;
  provenance: { path: string; line: number; offset: number };
  /** Offline labels of the record's IP and app (issue 7), plain text, with why an app is flagged. */
  labels?: { ip?: string; app?: string; appFlagged?: boolean; appNote?: string };
}

/** State of loading the investigation. */
export interface LoadState {
  phase: 'loading' | 'ready' | 'failed' | 'cancelled';
  bytesRead: number;
  totalBytes: number;
  records: number;
  message?: string;
}

/** Request name → [params, result]. */
export interface Requests {
  /**
   * Runs the filter and sort. `reveal` (optional) names a record whose position in the new view the
   * reply carries as `position` (-1 when the filter hides it), so the webview can keep or move its
   * selection without a second round trip or a race with another query.
   */
  query: [
    { filter: FilterState; sort: SortState; reveal?: number },
    { matched: number; total: number; facets: FacetCounts[]; position?: number },
  ];
  rows: [{ start: number; count: number }, { start: number; rows: GridRow[] }];
  timeline: [Record<string, never>, TimelineData];
  detail: [{ record: number }, RecordDetail];
  skipped: [{ kind: 'rejected' | 'otherOperations'; limit: number }, { rows: SkippedRow[]; total: number }];
  openRaw: [{ record: number }, null];
  revealSource: [{ record: number }, null];
  copyRaw: [{ record: number }, null];
}
/** A request name. */
export type RequestName = keyof Requests;

/** Notifications from the webview to the host. */
export interface WebviewNotifications {
  ready: Record<string, never>;
  /** The user selected a time range on the timeline (shared with the scoping report). */
  timeRangeSelected: { fromMs?: number; toMs?: number };
  /**
   * The grid drew rows the host sent. The session's background work waits for it when an editor
   * opens and when a load ends (sent after the next frame: the reply itself must have left the host).
   */
  rowsShown: Record<string, never>;
}

/** Notifications from the host to the webview. */
export interface HostNotifications {
  init: { title: string; sources: SourceSummary[]; load: LoadState; timeZone: string };
  load: LoadState;
  sources: { sources: SourceSummary[] };
  /** The tree or a command sets the filter (the webview applies it and re-queries). */
  setFilter: { filter: FilterState };
  /** Select and scroll to a record. */
  revealRecord: { record: number };
  /** Message metadata was added to the investigation: subjects and details may have changed. */
  metadata: { messages: number };
}

/** Envelope of a message posted from the webview. */
export type WebviewMessage =
  | { kind: 'request'; id: number; name: RequestName; params: unknown }
  | { kind: 'notify'; name: keyof WebviewNotifications; params: unknown };

/** Envelope of a message posted from the host. */
export type HostMessage =
  | { kind: 'reply'; id: number; result?: unknown; error?: string }
  | { kind: 'notify'; name: keyof HostNotifications; params: unknown };

/** Host-side handlers: one per request, so a missing one fails to compile. */
export type RequestHandlers = {
  [K in RequestName]: (params: Requests[K][0]) => Promise<Requests[K][1]> | Requests[K][1];
};
