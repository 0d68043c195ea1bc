/**
 * `<mia-app>`: the audit-export view. Owns the view state (filter, sort, selection, layout), runs
 * `query`/`timeline` requests, feeds the grid's page cache, answers host notifications and
 * persists UI/navigation state with `setState` (never data: the host re-sends that on `init`).
 * What it renders is in appTabs.ts and appRecordsPanel.ts; which query reply to apply, and the
 * debounced state write, in logic/.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import type {
  FacetCounts,
  FilterState,
  GridRow,
  LoadState,
  SortState,
  SourceSummary,
  TimelineData,
} from '../src/protocol/messages';
import { getState, notify, onNotification, request, setState } from './hostChannel';
import { appStyles } from './appStyles';
import { renderRecordsPanel } from './appRecordsPanel';
import { renderHeader } from './appHeader';
import { renderTabs } from './appTabs';
import { DebouncedSave } from './logic/debouncedSave';
import { emptyFilter, readFilter, withTimeRange } from './logic/filterState';
import { PageCache } from './logic/pageCache';
import { QuerySequencer, scrollAfterQuery, type ScrollIntent } from './logic/querySequencer';
import { throttle } from './logic/throttle';
import { readUiState, type UiState } from './logic/uiState';
import type { GridSelectDetail, MiaGrid } from './mia-grid';
import type { MiaFilterBar } from './mia-filter-bar';
import type { TimeRangeDetail } from './mia-timeline';

/** Re-query at most this often while records are loading. */
const requeryIntervalMs = 500;
/** Saving state on every scroll event would be wasteful: coalesce. */
const saveDelayMs = 200;

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
  private readonly queries = new QuerySequencer();
  /** A record whose position the host did not say (an older host): looked up as pages arrive. */
  private locate: number | undefined;
  private timelineSeq = 0;
  private queriedRecords = -1;
  private initialised = false;
  private readonly saver = new DebouncedSave<UiState>((ui) => {
    setState(ui);
    this.toggleAttribute('data-saving', this.saver.pending);
  }, saveDelayMs);
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
    this.saver.cancel();
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
    this.queries.scrolled();
    this.ui.firstRow = firstRow;
    this.scheduleSave();
  }

  private scheduleSave(): void {
    this.saver.schedule(this.ui);
    // Observable from outside (UI tests wait for it before reloading the window): a state change
    // not written yet would not survive a reload.
    this.toggleAttribute('data-saving', true);
  }

  /**
   * Runs the current filter and sort. The selected record travels as `reveal`, so the reply says
   * where it is now (or -1 when the filter hides it); only the newest query's reply is applied.
   */
  private async runQuery(intent: ScrollIntent, reveal = this.ui.selectedRecord): Promise<void> {
    const ticket = this.queries.start(intent);
    const { filter, sort } = this.ui;
    this.querying = true;
    let reply;
    try {
      reply = await request('query', reveal === undefined ? { filter, sort } : { filter, sort, reveal });
    } catch (error) {
      if (this.queries.isCurrent(ticket)) {
        this.querying = false;
        this.error = `Query failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      return;
    }
    if (!this.queries.isCurrent(ticket)) return;
    const applied = this.queries.finish(intent, this.load?.phase === 'loading');
    // Only a re-run of the same view (records loading) may show old rows until new pages come; a
    // restore is the same view from the first init on.
    const keepStale = applied === 'keep' || (intent === 'keep' && applied === 'restore');
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
    const target = scrollAfterQuery(applied, position, this.ui.firstRow);
    if (target) this.grid?.scrollToPosition(target.position, target.align);
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
    // The host holds its background work until the grid has drawn rows (after an open or a load).
    requestAnimationFrame(() => notify('rowsShown', {}));
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

  private onSelect(detail: GridSelectDetail): void {
    this.selectedPosition = detail.position;
    this.hiddenRecord = undefined;
    const record = detail.record ?? this.cache.get(detail.position)?.record;
    this.save(record === undefined ? {} : { selectedRecord: record });
  }

  private onOpen(): void {
    if (!this.ui.detailVisible) this.save({ detailVisible: true });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('mia-detail')?.focus());
  }

  private onSort(sort: SortState): void {
    this.save({ sort });
    void this.runQuery('selection');
  }

  private onTimeRange({ fromMs, toMs }: TimeRangeDetail): void {
    notify('timeRangeSelected', fromMs === undefined && toMs === undefined ? {} : { fromMs, toMs });
    this.applyFilter(withTimeRange(this.ui.filter, fromMs, toMs));
  }

  private clearFiltersAndReveal(): void {
    const record = this.hiddenRecord;
    this.save({ filter: emptyFilter() });
    if (record === undefined) void this.runQuery('selection');
    else void this.runQuery('reveal', record);
  }

  private renderRecords(): TemplateResult {
    return renderRecordsPanel(
      {
        ui: this.ui,
        loading: this.load?.phase === 'loading',
        rows: this.cache,
        matched: this.matched,
        total: this.total,
        metadataVersion: this.metadataVersion,
        selectedPosition: this.selectedPosition,
        facets: this.facets,
        timeline: this.timeline,
      },
      {
        select: (detail) => this.onSelect(detail),
        open: () => this.onOpen(),
        sort: (sort) => this.onSort(sort),
        scroll: (firstRow) => this.saveScroll(firstRow),
        columns: (widths) => this.save({ columnWidths: widths }),
        filter: (filter) => this.applyFilter(filter),
        timeRange: (range) => this.onTimeRange(range),
        reveal: (record) => this.reveal(record),
        split: (position) => this.save({ detailSplit: position }),
      },
    );
  }

  override render(): TemplateResult {
    const ui = this.ui;
    return html`${renderHeader(
      {
        heading: this.heading,
        matched: this.matched,
        total: this.total,
        load: this.load,
        timeZone: ui.timeZone,
        hostTimeZone: this.hostTimeZone,
        detailVisible: ui.detailVisible,
        querying: this.querying,
        hiddenRecord: this.hiddenRecord,
        error: this.error,
      },
      {
        toggleZone: () => this.save({ timeZone: ui.timeZone === 'utc' ? 'local' : 'utc' }),
        toggleDetail: () => this.save({ detailVisible: !ui.detailVisible }),
        clearAndReveal: () => this.clearFiltersAndReveal(),
        dismissHidden: () => (this.hiddenRecord = undefined),
        dismissError: () => (this.error = ''),
      },
    )}
    ${renderTabs(ui.tab, this.sources, this.renderRecords(), (tab) => this.save({ tab }))}`;
  }
}

customElements.define('mia-app', MiaApp);

declare global {
  interface HTMLElementTagNameMap {
    'mia-app': MiaApp;
  }
}
