import { recordLabels } from '../../core/enrich/labels/recordLabels';
import type { MiaRecord } from '../../core/model';
import { IndexWarmer } from '../../core/query/indexWarmer';
import { RecordQuery } from '../../core/query/recordQuery';
import type { RequestHandlers } from '../../protocol/messages';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import { throttleSettings } from './editorSettings';
import { copyRaw, openRaw, recordAt, revealSource } from './recordActions';
import { recordDetail } from './recordDetail';
import { otherOperationRows, rejectedRows } from './skippedRows';
import { PanelTimeline } from './panelTimeline';

/** Rows answered per `rows` request at most (the grid asks for pages far smaller). */
const maxRowsPerPage = 2_000;
/** Skipped rows listed at most, whatever the webview asks. */
const maxSkippedRows = 50_000;

/** What the handlers of one panel share: the session and the panel's own query. */
export interface PanelQueryState {
  /** The records the query ran over (a snapshot while loading) and the query itself. */
  records: readonly MiaRecord[];
  query: RecordQuery;
}

function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0`);
  return value;
}

/**
 * The host's answers to the webview's requests, for one panel. Each panel has its own query (its
 * own filter, sort and view), over the session's records. Parameters come from a webview and are
 * checked before use.
 */
export function createRequestHandlers(
  store: InvestigationStore,
  session: InvestigationSession,
  onFilter: (filter: Parameters<RequestHandlers['query']>[0]['filter']) => void,
  signal: AbortSignal,
): RequestHandlers {
  let state: PanelQueryState = {
    records: session.records,
    query: new RecordQuery(session.records, session.metadata),
  };
  // The query index is built while the file is read, so the first filter or sort after loading
  // does not pay for it (every panel of the session shares the index of `session.records`).
  const warmer = new IndexWarmer(
    () => session.records,
    () => session.metadata,
  );
  const changes = session.onDidChange((change) => {
    if (change === 'records' || change === 'loaded' || change === 'metadata') warmer.poke();
  });
  warmer.poke();
  signal.addEventListener('abort', () => {
    changes.dispose();
    warmer.dispose();
  });
  const timeline = new PanelTimeline();
  // The filter of the panel's view, as text: a timeline is only reused for the same filter.
  let viewKey = '';
  let others: { key: string; reply: Promise<Awaited<ReturnType<typeof otherOperationRows>>> } | undefined;

  return {
    query: ({ filter, sort, reveal }) => {
      if (typeof filter !== 'object' || filter === null || typeof sort !== 'object' || sort === null)
        throw new Error('query needs a filter and a sort');
      const records = session.records;
      // A snapshot taken while loading: a new query over the current set. (The committed array
      // only grows, and `run` reads its current length, so the query over it is reused.)
      if (records !== state.records) {
        state = { records, query: new RecordQuery(records, session.metadata) };
      }
      const result = state.query.run(filter, sort);
      viewKey = JSON.stringify(filter);
      onFilter(filter);
      return reveal === undefined ? result : { ...result, position: state.query.positionOf(reveal) };
    },
    rows: ({ start, count }) => {
      const from = nonNegativeInt(start, 'start');
      const n = Math.min(nonNegativeInt(count, 'count'), maxRowsPerPage);
      const rows = state.query.rows(from, n);
      const labels = store.labels?.();
      if (labels) {
        for (const row of rows) {
          const record = state.records[row.record];
          if (!record) continue;
          const { ip, app, appFlagged } = recordLabels(labels, record);
          if (ip !== undefined || app !== undefined) row.labels = { ip, app, appFlagged };
        }
      }
      return { start: from, rows };
    },
    timeline: () => {
      const { records, query } = state;
      return timeline.build(records, query.viewIndices, viewKey, throttleSettings(), session.loading);
    },
    detail: async ({ record }) => {
      const r = recordAt(session, record);
      const detail = await recordDetail(session.investigation, r, record, session.metadata);
      const labels = store.labels?.();
      return labels ? { ...detail, labels: recordLabels(labels, r) } : detail;
    },
    skipped: ({ kind, limit }) => {
      const max = Math.min(nonNegativeInt(limit, 'limit'), maxSkippedRows);
      if (kind === 'rejected') return rejectedRows(session.investigation, max);
      if (kind !== 'otherOperations') throw new Error(`unknown kind of skipped rows: ${String(kind)}`);
      const key = `${session.investigation.sources.length}:${max}`;
      if (others?.key !== key)
        others = { key, reply: otherOperationRows(session.investigation, max, signal) };
      const pending = others;
      // A failed scan is not cached: the next request tries again.
      pending.reply.catch(() => {
        if (others === pending) others = undefined;
      });
      return pending.reply;
    },
    openRaw: async ({ record }) => {
      await openRaw(store, session, record);
      return null;
    },
    revealSource: async ({ record }) => {
      await revealSource(session, record);
      return null;
    },
    copyRaw: async ({ record }) => {
      await copyRaw(session, record);
      return null;
    },
  };
}
