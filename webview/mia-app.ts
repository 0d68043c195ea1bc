/**
 * `<mia-app>`: the audit-export view. Owns the view state (filter, sort, selection, layout), runs
 * `query`/`timeline` requests, feeds the grid's page cache, answers host notifications and
 * persists UI/navigation state with `setState` (never data: the host re-sends that on `init`).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { VscSplitLayoutChangeEvent } from '@vscode-elements/elements/dist/vscode-split-layout/vscode-split-layout.js';
import type { VscTabsSelectEvent } from '@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js';
import type {
  FacetCounts,
  FilterState,
  GridColumn,
  GridRow,
  LoadState,
  SortState,
  SourceSummary,
  TimelineData,
} from '../src/protocol/messages';
import { getState, notify, onNotification, request, setState } from './hostChannel';
import { appStyles } from './appStyles';
import { emptyFilter, isFilterEmpty, readFilter, withTimeRange } from './logic/filterState';
import { PageCache } from './logic/pageCache';
import { throttle } from './logic/throttle';
import { formatCount } from './logic/timeFormat';
import { readUiState, viewTabs, type UiState } from './logic/uiState';
import type { GridSelectDetail, MiaGrid } from './mia-grid';
import type { MiaFilterBar } from './mia-filter-bar';
import type { TimeRangeDetail } from './mia-timeline';
import './mia-detail';
import './mia-filter-bar';
import './mia-grid';
import './mia-notice';
import './mia-skipped';
import './mia-sources';
import './mia-timeline';
import './mia-toolbar';

/** Re-query at most this often while records are loading. */
const requeryIntervalMs = 500;
/** Saving state on every scroll event would be wasteful: coalesce. */
const saveDelayMs = 200;

/** How the grid scrolls after a query. */
type ScrollIntent = 'keep' | 'selection' | 'restore' | 'reveal';

export class MiaApp extends LitElement {
  static override styles = appStyles;

  static override properties = {
    ui: { state: true },
    heading: { state: true },
    hostTimeZone: { state: true },
    matched: { state: true },
    total: { state: true },
    facets: { state: true },
    load: { state: true },
    sources: { state: true },
    timeline: { state: true },
    selectedPosition: { state: true },
    hiddenRecord: { state: true },
    error: { state: true },
    querying: { state: true },
    metadataVersion: { state: true },
  };

  protected ui: UiState = readUiState(getState());
  protected heading = '';
  protected hostTimeZone = '';
  protected matched = 0;
  protected total = 0;
  protected facets: FacetCounts[] = [];
  protected load: LoadState | undefined;
  protected sources: SourceSummary[] = [];
  protected timeline: TimelineData | undefined;
  protected selectedPosition = -1;
  /** Bumped when message metadata is added (the detail pane fetches again). */
  protected metadataVersion = 0;
  /** A record the host asked to reveal that the filter hides. */
  protected hiddenRecord: number | undefined;
  protected error = '';
  protected querying = false;

  private readonly cache = new PageCache<GridRow>(
    (start, count) => request('rows', { start, count }).then((reply) => reply.rows),
    () => this.onRowsArrived(),
    (error) => (this.error = `Could not read rows: ${String(error)}`),
  );
  private querySeq = 0;
  /** Scroll intent of the newest non-trivial query not applied yet. */
  private pendingIntent: ScrollIntent | undefined;
  /** A record whose position the host did not say (an older host): looked up as pages arrive. */
  private locate: number | undefined;
  private timelineSeq = 0;
  private queriedRecords = -1;
  private initialised = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly requery = throttle(() => void this.runQuery('keep'), requeryIntervalMs);
  private readonly onWindowKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      this.ui = { ...this.ui, tab: 'records' };
      void this.updateComplete.then(() => this.filterBar?.focusText());
    }
  };

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // Showing or hiding the detail pane re-creates the grid: put it back where it was.
    const before = changed.get('ui') as UiState | undefined;
    if (before && before.detailVisible !== this.ui.detailVisible)
      this.grid?.scrollToPosition(this.ui.firstRow, 'top');
  }

  private get grid(): MiaGrid | null {
    return this.renderRoot.querySelector('mia-grid');
  }

  private get filterBar(): MiaFilterBar | null {
    return this.renderRoot.querySelector('mia-filter-bar');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onWindowKey);
    this.unsubscribe.push(
      onNotification('init', (p) => {
        this.heading = p.title;
        this.sources = p.sources;
        this.hostTimeZone = p.timeZone;
        this.setLoad(p.load);
        // First init restores the saved scroll; a later one (host restarted the load) keeps it.
        void this.runQuery(this.initialised ? 'keep' : 'restore');
        this.initialised = true;
      }),
      onNotification('load', (p) => this.setLoad(p)),
      onNotification('sources', (p) => (this.sources = p.sources)),
      onNotification('setFilter', (p) => this.applyFilter(readFilter(p.filter))),
      onNotification('revealRecord', (p) => this.reveal(p.record)),
      onNotification('metadata', () => {
        // Subjects and message details changed: fetch the rows and the detail again.
        this.metadataVersion++;
        this.requery.schedule();
      }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onWindowKey);
    this.unsubscribe.splice(0).forEach((off) => off());
    this.requery.cancel();
    clearTimeout(this.saveTimer);
  }

  private setLoad(load: LoadState): void {
    const phaseChanged = this.load?.phase !== load.phase;
    this.load = load;
    if (this.initialised && (load.records !== this.queriedRecords || phaseChanged)) this.requery.schedule();
  }

  /** Saves the UI state soon (several changes in a burst make one write). */
  private save(patch: Partial<UiState> = {}): void {
    this.ui = { ...this.ui, ...patch };
    this.scheduleSave();
  }

  /** Scrolling only changes what is persisted, not what renders: no re-render per scroll event. */
  private saveScroll(firstRow: number): void {
    this.ui.firstRow = firstRow;
    this.scheduleSave();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => setState(this.ui), saveDelayMs);
  }

  /**
   * Runs the current filter and sort. The selected record travels as `reveal`, so the reply says
   * where it is now (or -1 when the filter hides it); only the newest query's reply is applied.
   */
  private async runQuery(intent: ScrollIntent, reveal = this.ui.selectedRecord): Promise<void> {
    // A load re-query superseding a restore, reveal or filter change must not swallow its scroll.
    if (intent !== 'keep' || this.pendingIntent === undefined) this.pendingIntent = intent;
    const seq = ++this.querySeq;
    const { filter, sort } = this.ui;
    this.querying = true;
    let reply;
    try {
      reply = await request('query', reveal === undefined ? { filter, sort } : { filter, sort, reveal });
    } catch (error) {
      if (seq === this.querySeq) {
        this.querying = false;
        this.error = `Query failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      return;
    }
    if (seq !== this.querySeq) return;
    const applied = this.pendingIntent ?? intent;
    this.pendingIntent = undefined;
    // Only a re-run of the same view (records loading) may show old rows until new pages come.
    const keepStale = applied === 'keep';
    this.querying = false;
    this.error = '';
    this.queriedRecords = reply.total;
    this.matched = reply.matched;
    this.total = reply.total;
    this.facets = reply.facets;
    this.cache.reset(reply.matched, keepStale);
    // Re-render even when the count did not change: the grid must fetch the new view's pages.
    this.grid?.refresh();
    // An older host may not answer `position`: then the selection is looked up as pages arrive.
    const position = reveal === undefined ? -1 : (reply.position ?? -1);
    this.locate = reveal !== undefined && reply.position === undefined ? reveal : undefined;
    this.selectedPosition = position;
    if (applied === 'reveal' && reveal !== undefined) {
      this.hiddenRecord = position < 0 ? reveal : undefined;
    } else if (this.hiddenRecord !== undefined && position >= 0) {
      this.hiddenRecord = undefined;
    }
    const grid = this.grid;
    if (applied === 'restore') grid?.scrollToPosition(this.ui.firstRow, 'top');
    else if (applied === 'reveal' && position >= 0) grid?.scrollToPosition(position, 'center');
    else if (applied === 'selection')
      grid?.scrollToPosition(position >= 0 ? position : 0, position >= 0 ? 'center' : 'top');
    this.requestTimeline();
  }

  private requestTimeline(): void {
    const seq = ++this.timelineSeq;
    request('timeline', {}).then(
      (data) => {
        if (seq === this.timelineSeq) this.timeline = data;
      },
      (error: unknown) => {
        if (seq === this.timelineSeq) this.error = `Timeline failed: ${String(error)}`;
      },
    );
  }

  private onRowsArrived(): void {
    this.grid?.refresh();
    if (this.locate !== undefined) {
      const record = this.locate;
      const found = this.cache.findPosition((r) => r.record === record);
      if (found >= 0) {
        this.locate = undefined;
        this.selectedPosition = found;
      }
    }
    // A selection made by keyboard onto a page not loaded yet gets its record when the page comes.
    if (this.selectedPosition >= 0) {
      const record = this.cache.get(this.selectedPosition)?.record;
      if (record !== undefined && record !== this.ui.selectedRecord) this.save({ selectedRecord: record });
    }
  }

  private applyFilter(filter: FilterState): void {
    this.save({ filter });
    this.requery.cancel();
    void this.runQuery('selection');
  }

  private reveal(record: number): void {
    this.save({ selectedRecord: record, tab: 'records' });
    void this.runQuery('reveal', record);
  }

  private onSelect(e: CustomEvent<GridSelectDetail>): void {
    this.selectedPosition = e.detail.position;
    this.hiddenRecord = undefined;
    const record = e.detail.record ?? this.cache.get(e.detail.position)?.record;
    this.save(record === undefined ? {} : { selectedRecord: record });
  }

  private onOpen(): void {
    if (!this.ui.detailVisible) this.save({ detailVisible: true });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('mia-detail')?.focus());
  }

  private onSort(e: CustomEvent<SortState>): void {
    this.save({ sort: e.detail });
    void this.runQuery('selection');
  }

  private onTimeRange(e: CustomEvent<TimeRangeDetail>): void {
    const { fromMs, toMs } = e.detail;
    notify('timeRangeSelected', fromMs === undefined && toMs === undefined ? {} : { fromMs, toMs });
    this.applyFilter(withTimeRange(this.ui.filter, fromMs, toMs));
  }

  private clearFiltersAndReveal(): void {
    const record = this.hiddenRecord;
    this.save({ filter: emptyFilter() });
    if (record === undefined) void this.runQuery('selection');
    else void this.runQuery('reveal', record);
  }

  private tabHeader(label: string, count: number | undefined): TemplateResult {
    return html`<vscode-tab-header slot="header"
      >${label}${count === undefined || count === 0 ? nothing : html` <vscode-badge variant="counter">${formatCount(count)}</vscode-badge>`}</vscode-tab-header
    >`;
  }

  private renderRecords(): TemplateResult {
    const ui = this.ui;
    const loading = this.load?.phase === 'loading';
    const emptyText = loading
      ? 'Loading records…'
      : isFilterEmpty(ui.filter)
        ? 'No MailItemsAccessed records.'
        : 'No records match the filter.';
    const grid = html`<mia-grid
      slot=${ui.detailVisible ? 'start' : nothing}
      .source=${this.cache}
      .rowCount=${this.matched}
      .sort=${ui.sort}
      .selectedPosition=${this.selectedPosition}
      .columnWidths=${ui.columnWidths}
      .timeZone=${ui.timeZone}
      .emptyText=${emptyText}
      @mia-select=${(e: CustomEvent<GridSelectDetail>) => this.onSelect(e)}
      @mia-open=${() => this.onOpen()}
      @mia-sort=${(e: CustomEvent<SortState>) => this.onSort(e)}
      @mia-scroll=${(e: CustomEvent<{ firstRow: number }>) => this.saveScroll(e.detail.firstRow)}
      @mia-columns=${(e: CustomEvent<{ widths: Partial<Record<GridColumn, number>> }>) => this.save({ columnWidths: e.detail.widths })}
    ></mia-grid>`;
    return html`<mia-filter-bar
        .filter=${ui.filter}
        .facets=${this.facets}
        .timeZone=${ui.timeZone}
        @mia-filter-change=${(e: CustomEvent<{ filter: FilterState }>) => this.applyFilter(e.detail.filter)}
      ></mia-filter-bar>
      <mia-timeline
        .data=${this.timeline}
        .fromMs=${ui.filter.fromMs}
        .toMs=${ui.filter.toMs}
        .timeZone=${ui.timeZone}
        @mia-time-range=${(e: CustomEvent<TimeRangeDetail>) => this.onTimeRange(e)}
        @mia-reveal=${(e: CustomEvent<{ record: number }>) => this.reveal(e.detail.record)}
      ></mia-timeline>
      ${
        ui.detailVisible
          ? html`<vscode-split-layout
              class="split"
              split="vertical"
              initial-handle-position="62%"
              .handlePosition=${ui.detailSplit}
              min-start="240px"
              min-end="180px"
              @vsc-split-layout-change=${(e: VscSplitLayoutChangeEvent) =>
                this.save({ detailSplit: `${e.detail.positionInPercentage.toFixed(1)}%` })}
            >
              ${grid}
              <mia-detail
                slot="end"
                tabindex="-1"
                .record=${ui.selectedRecord}
                .retryKey=${this.total}
                .metadataVersion=${this.metadataVersion}
                .timeZone=${ui.timeZone}
              ></mia-detail>
            </vscode-split-layout>`
          : grid
      }`;
  }

  override render(): TemplateResult {
    const ui = this.ui;
    const sum = (key: 'rejected' | 'otherOperations') => this.sources.reduce((n, s) => n + s[key], 0);
    const tabIndex = viewTabs.indexOf(ui.tab);
    return html`<mia-toolbar
        .heading=${this.heading}
        .matched=${this.matched}
        .total=${this.total}
        .load=${this.load}
        .timeZone=${ui.timeZone}
        .hostTimeZone=${this.hostTimeZone}
        .detailVisible=${ui.detailVisible}
        .querying=${this.querying}
        @mia-toggle-zone=${() => this.save({ timeZone: ui.timeZone === 'utc' ? 'local' : 'utc' })}
        @mia-toggle-detail=${() => this.save({ detailVisible: !ui.detailVisible })}
      ></mia-toolbar>
      <mia-notice
        .hiddenRecord=${this.hiddenRecord}
        .error=${this.error}
        @mia-clear-and-reveal=${() => this.clearFiltersAndReveal()}
        @mia-dismiss-hidden=${() => (this.hiddenRecord = undefined)}
        @mia-dismiss-error=${() => (this.error = '')}
      ></mia-notice>
      <vscode-tabs
        selected-index=${tabIndex}
        @vsc-tabs-select=${(e: VscTabsSelectEvent) => this.save({ tab: viewTabs[e.detail.selectedIndex] ?? 'records' })}
      >
        ${this.tabHeader('Records', undefined)}
        <vscode-tab-panel class="records">${this.renderRecords()}</vscode-tab-panel>
        ${this.tabHeader('Rejected rows', sum('rejected'))}
        <vscode-tab-panel>
          <mia-skipped
            .kind=${'rejected'}
            ?active=${ui.tab === 'rejected'}
            .expected=${sum('rejected')}
          ></mia-skipped>
        </vscode-tab-panel>
        ${this.tabHeader('Other operations', sum('otherOperations'))}
        <vscode-tab-panel>
          <mia-skipped
            .kind=${'otherOperations'}
            ?active=${ui.tab === 'otherOperations'}
            .expected=${sum('otherOperations')}
          ></mia-skipped>
        </vscode-tab-panel>
        ${this.tabHeader('Sources', this.sources.length)}
        <vscode-tab-panel><mia-sources .sources=${this.sources}></mia-sources></vscode-tab-panel>
      </vscode-tabs>`;
  }
}

customElements.define('mia-app', MiaApp);

declare global {
  interface HTMLElementTagNameMap {
    'mia-app': MiaApp;
  }
}
