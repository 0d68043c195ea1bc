/**
 * The "Records" tab of `<mia-app>`: filter bar, timeline, and the grid with the detail of the
 * selected record beside it. A template only: the state and the answers to its events live in
 * `<mia-app>`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import type { VscSplitLayoutChangeEvent } from '@vscode-elements/elements/dist/vscode-split-layout/vscode-split-layout.js';
import type {
  FacetCounts,
  FilterState,
  GridColumn,
  GridRow,
  SortState,
  TimelineData,
} from '../src/protocol/messages';
import { isFilterEmpty } from './logic/filterState';
import type { PageCache } from './logic/pageCache';
import type { UiState } from './logic/uiState';
import type { GridSelectDetail } from './mia-grid';
import type { TimeRangeDetail } from './mia-timeline';
import './mia-detail';
import './mia-filter-bar';
import './mia-grid';
import './mia-timeline';

/** What the Records tab shows. */
export interface RecordsPanelView {
  ui: UiState;
  loading: boolean;
  rows: PageCache<GridRow>;
  matched: number;
  total: number;
  /** Bumped when message metadata is added (the detail pane fetches again). */
  metadataVersion: number;
  selectedPosition: number;
  facets: FacetCounts[];
  timeline: TimelineData | undefined;
}

/** What the Records tab asks of `<mia-app>`. */
export interface RecordsPanelEvents {
  select(detail: GridSelectDetail): void;
  open(): void;
  sort(sort: SortState): void;
  scroll(firstRow: number): void;
  columns(widths: Partial<Record<GridColumn, number>>): void;
  filter(filter: FilterState): void;
  timeRange(range: TimeRangeDetail): void;
  reveal(record: number): void;
  split(position: string): void;
}

/** The Records tab. */
export function renderRecordsPanel(v: RecordsPanelView, on: RecordsPanelEvents): TemplateResult {
  const { ui } = v;
  const emptyText = v.loading
    ? 'Loading records…'
    : isFilterEmpty(ui.filter)
      ? 'No MailItemsAccessed records.'
      : 'No records match the filter.';
  const grid = html`<mia-grid
    slot=${ui.detailVisible ? 'start' : nothing}
    .source=${v.rows}
    .rowCount=${v.matched}
    .sort=${ui.sort}
    .selectedPosition=${v.selectedPosition}
    .columnWidths=${ui.columnWidths}
    .timeZone=${ui.timeZone}
    .emptyText=${emptyText}
    @mia-select=${(e: CustomEvent<GridSelectDetail>) => on.select(e.detail)}
    @mia-open=${() => on.open()}
    @mia-sort=${(e: CustomEvent<SortState>) => on.sort(e.detail)}
    @mia-scroll=${(e: CustomEvent<{ firstRow: number }>) => on.scroll(e.detail.firstRow)}
    @mia-columns=${(e: CustomEvent<{ widths: Partial<Record<GridColumn, number>> }>) => on.columns(e.detail.widths)}
  ></mia-grid>`;
  return html`<mia-filter-bar
      .filter=${ui.filter}
      .facets=${v.facets}
      .timeZone=${ui.timeZone}
      @mia-filter-change=${(e: CustomEvent<{ filter: FilterState }>) => on.filter(e.detail.filter)}
    ></mia-filter-bar>
    <mia-timeline
      .data=${v.timeline}
      .fromMs=${ui.filter.fromMs}
      .toMs=${ui.filter.toMs}
      .timeZone=${ui.timeZone}
      @mia-time-range=${(e: CustomEvent<TimeRangeDetail>) => on.timeRange(e.detail)}
      @mia-reveal=${(e: CustomEvent<{ record: number }>) => on.reveal(e.detail.record)}
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
              on.split(`${e.detail.positionInPercentage.toFixed(1)}%`)}
          >
            ${grid}
            <mia-detail
              slot="end"
              tabindex="-1"
              .record=${ui.selectedRecord}
              .retryKey=${v.total}
              .metadataVersion=${v.metadataVersion}
              .timeZone=${ui.timeZone}
            ></mia-detail>
          </vscode-split-layout>`
        : grid
    }`;
}
