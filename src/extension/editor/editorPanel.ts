import * as vscode from 'vscode';
import type { InvestigationSession, SessionChange } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type {
  FilterState,
  HostMessage,
  HostNotifications,
  RequestHandlers,
  RequestName,
  Requests,
  SourceSummary,
  WebviewMessage,
  WebviewNotifications,
} from '../../protocol/messages';
import { createRequestHandlers } from './editorRequests';
import { localTimeZoneName } from './editorSettings';
import { isEmptyFilter, sameFilter } from './sameFilter';
import { renderWebviewHtml } from './webviewHtml';
import { log, since } from '../log';

/** Webview requests remembered per panel (for tests). */
const requestLogSize = 200;
/**
 * While loading, `load` goes out at most every 250 ms, and never more often than four times the
 * last query took: the webview re-queries on each, and a query over 300,000 records takes a
 * while, so a fixed rate would keep the extension host busy with queries instead of reading.
 */
const minLoadIntervalMs = 250;
const queryCostFactor = 4;

/** What the host sends the webview once it says `ready`. */
export type EditorInit = HostNotifications['init'];

function sourceSummaries(session: InvestigationSession): SourceSummary[] {
  return session.investigation.sources.map((s) => ({
    path: s.path,
    container: s.container,
    rows: s.rows,
    records: s.records,
    duplicates: s.duplicates,
    otherOperations: s.otherOperations,
    rejected: s.rejected.length,
  }));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One editor panel over a session: its webview (strict CSP), the typed request handlers with the
 * panel's own query, and the notifications that keep the webview in step with the session
 * (load progress, sources, the shared filter, reveal requests). Everything it registers dies
 * with the panel.
 */
export class EditorPanel implements vscode.Disposable {
  /** The `init` last sent (after the webview said `ready`). */
  lastInit: EditorInit | undefined;
  /** The latest requests the webview sent, oldest first (test hook; at most `requestLogSize`). */
  readonly webviewRequests: { name: string; params: unknown }[] = [];
  private readonly handlers: RequestHandlers;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();
  /** The webview said `ready` and has not been torn down since (hidden without retained context). */
  private ready = false;
  private disposed = false;
  private pendingReveal: number | undefined;
  private filterStale = false;
  private lastQueryMs = 0;
  private lastLoadSentAt = 0;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  /** When this editor opened, for the log's milestones (webview ready, first rows answered). */
  private readonly openedAt = performance.now();
  private firstRowsShown = false;
  private firstRowsAnswered = false;
  /** The grid's next `rowsShown` releases the session's gate (it opened, or a load just ended). */
  private rowsAwaited = true;
  /** Says the panel no longer shows the session (set while it is visible). */
  private unview: (() => void) | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly session: InvestigationSession,
    readonly panel: vscode.WebviewPanel,
    store: InvestigationStore,
    extensionUri: vscode.Uri,
  ) {
    this.handlers = createRequestHandlers(
      store,
      session,
      (filter) => this.onQueryFilter(filter),
      this.abort.signal,
    );
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    webview.html = renderWebviewHtml(webview, extensionUri);
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // Without retainContextWhenHidden a hidden webview is torn down; it says `ready` again.
        if (!panel.visible) this.ready = false;
        this.setViewing(panel.visible);
        if (panel.active) store.setActive(session);
      }),
      session.onDidChange((change) => this.onSessionChange(change)),
      session.onDidRequestReveal((record) => this.reveal(record)),
    );
    if (panel.active) store.setActive(session);
    session.firstRows.hold();
    this.setViewing(panel.visible);
    log()?.info(`Editor opened for ${uri.fsPath}`);
  }

  /** Only a visible grid asks for rows: only then may the end of a load wait for it. */
  private setViewing(visible: boolean): void {
    if (visible && !this.unview) this.unview = this.session.firstRows.view();
    if (!visible && this.unview) {
      this.unview();
      this.unview = undefined;
    }
  }

  /** Runs a request exactly as a message from the webview would (tests use it too). */
  async request<K extends RequestName>(name: K, params: Requests[K][0]): Promise<Requests[K][1]> {
    if (!Object.prototype.hasOwnProperty.call(this.handlers, name))
      throw new Error(`unknown request ${String(name)}`);
    const handler = this.handlers[name] as (p: Requests[K][0]) => Promise<Requests[K][1]> | Requests[K][1];
    if (typeof params !== 'object' || params === null)
      throw new Error(`${name}: parameters must be an object`);
    if (name === 'rows' && !this.firstRowsAnswered) return this.answeredFirstRows(await handler(params));
    if (name !== 'query') return handler(params);
    const started = Date.now();
    try {
      const result = await handler(params);
      // Nothing to show (an empty export or filter): the grid is as shown as it will be.
      if ((result as Requests['query'][1]).matched === 0) this.releaseRows();
      return result;
    } finally {
      this.lastQueryMs = Date.now() - started;
    }
  }

  /** The gate's wait is over (the rows are answered, or there are none to show). */
  private releaseRows(): void {
    this.rowsAwaited = false;
    this.session.firstRows.release();
  }

  /** Logs when the grid's first rows were answered (the split of an open's time, with `rowsShown`). */
  private answeredFirstRows<T>(result: T): T {
    if (this.firstRowsAnswered || (result as Requests['rows'][1]).rows.length === 0) return result;
    this.firstRowsAnswered = true;
    log()?.info(`Editor for ${this.uri.fsPath}: first rows answered ${since(this.openedAt)} after it opened`);
    return result;
  }

  private receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const message = data as Partial<WebviewMessage>;
    if (message.kind === 'request' && typeof message.id === 'number' && typeof message.name === 'string') {
      const id = message.id;
      this.webviewRequests.push({ name: message.name, params: message.params });
      if (this.webviewRequests.length > requestLogSize) this.webviewRequests.shift();
      // Errors travel as replies: the webview shows them where the request came from.
      this.request(message.name, message.params as never).then(
        (result) => this.post({ kind: 'reply', id, result }),
        (error: unknown) => this.post({ kind: 'reply', id, error: errorText(error) }),
      );
    } else if (message.kind === 'notify') {
      this.onNotification(message.name, message.params);
    }
  }

  private onNotification(name: unknown, params: unknown): void {
    if (name === 'ready') {
      if (!this.ready)
        log()?.info(`Editor for ${this.uri.fsPath}: webview ready ${since(this.openedAt)} after it opened`);
      this.ready = true;
      this.sendInit();
    } else if (name === 'rowsShown') {
      // The grid drew rows (what an analyst waits for): the session's background work may go.
      if (!this.rowsAwaited) return;
      this.releaseRows();
      if (this.firstRowsShown) return;
      this.firstRowsShown = true;
      log()?.info(`Editor for ${this.uri.fsPath}: first rows shown ${since(this.openedAt)} after it opened`);
    } else if (name === 'timeRangeSelected' && typeof params === 'object' && params !== null) {
      const { fromMs, toMs } = params as WebviewNotifications['timeRangeSelected'];
      this.session.selectedTimeRange = {
        ...(typeof fromMs === 'number' ? { fromMs } : {}),
        ...(typeof toMs === 'number' ? { toMs } : {}),
      };
    }
  }

  private sendInit(): void {
    const init: EditorInit = {
      title: this.session.title,
      sources: sourceSummaries(this.session),
      load: this.session.load,
      timeZone: localTimeZoneName(),
    };
    this.lastInit = init;
    this.notify('init', init);
    // A filter set elsewhere (the tree, another panel) while this webview was away.
    const filter = this.session.filter;
    if (this.filterStale || (this.session.filterOrigin !== this && !isEmptyFilter(filter))) {
      this.filterStale = false;
      this.notify('setFilter', { filter });
    }
    if (this.pendingReveal !== undefined) {
      const record = this.pendingReveal;
      this.pendingReveal = undefined;
      this.notify('revealRecord', { record });
    }
  }

  private onQueryFilter(filter: FilterState): void {
    // The grid's filter is the investigation's filter: the tree and other panels follow it.
    if (!sameFilter(filter, this.session.filter)) this.session.setFilter(filter, this);
  }

  private onSessionChange(change: SessionChange): void {
    switch (change) {
      case 'records':
        this.sendLoadSoon();
        break;
      case 'sources':
        this.notify('sources', { sources: sourceSummaries(this.session) });
        break;
      case 'loaded':
        this.rowsAwaited = true;
        this.sendLoad();
        break;
      case 'metadata':
        if (this.ready) this.notify('metadata', { messages: this.session.metadata.size });
        break;
      case 'filter':
        if (this.session.filterOrigin === this) break;
        if (this.ready) this.notify('setFilter', { filter: this.session.filter });
        else this.filterStale = true;
        break;
    }
  }

  private sendLoadSoon(): void {
    const wait =
      this.lastLoadSentAt + Math.max(minLoadIntervalMs, queryCostFactor * this.lastQueryMs) - Date.now();
    if (wait <= 0) this.sendLoad();
    else this.loadTimer ??= setTimeout(() => this.sendLoad(), wait);
  }

  private sendLoad(): void {
    clearTimeout(this.loadTimer);
    this.loadTimer = undefined;
    this.lastLoadSentAt = Date.now();
    this.notify('load', this.session.load);
  }

  private reveal(record: number): void {
    if (this.ready) this.notify('revealRecord', { record });
    else this.pendingReveal = record;
  }

  private notify<K extends keyof HostNotifications>(name: K, params: HostNotifications[K]): void {
    if (this.ready) this.post({ kind: 'notify', name, params });
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    // A webview torn down meanwhile drops the message; it re-asks when it is back.
    this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.rowsAwaited) this.session.firstRows.release();
    this.setViewing(false);
    clearTimeout(this.loadTimer);
    this.abort.abort();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
