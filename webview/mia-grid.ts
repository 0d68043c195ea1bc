/**
 * `<mia-grid>`: the virtualised record grid. Only the rows on screen exist in the DOM; rows come
 * from a PageCache the app fills with `rows` requests. The scroll position is kept as a "virtual
 * top" into the full content and mapped onto a spacer capped far below the browser's maximum
 * element height (see logic/virtualScroll.ts), so row 999,999 of a million is as reachable as row 0.
 * Every cell is a Lit text binding: export strings are never parsed as HTML.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { gridColumns, type GridColumn, type GridRow, type SortState } from '../src/protocol/messages';
import { nextSort } from './logic/filterState';
import { isNavigationKey, nextPosition } from './logic/gridNavigation';
import { columnInfo, columnTemplate, columnWidth, resizeColumn, rowHeight } from './logic/gridLayout';
import type { PageCache } from './logic/pageCache';
import { formatDateTime, offsetFor, type TimeZoneMode } from './logic/timeFormat';
import {
  clampVirtualTop,
  defaultMaxScrollPx,
  isScaled,
  rowsPerPage,
  scrollTopFromVirtualTop,
  scrollHeight,
  virtualTopForRow,
  virtualTopFromScrollTop,
  visibleRange,
  wheelPixels,
  type RevealAlign,
  type ScrollGeometry,
} from './logic/virtualScroll';
import { gridStyles } from './gridStyles';

/** Columns rendered from `cells` (time is formatted from `timeMs`). */
const textColumns = gridColumns.filter((c): c is Exclude<GridColumn, 'time'> => c !== 'time');
/** Class list per column (one template literal, so cell text stays exactly the export's text). */
const cellClass = Object.fromEntries(
  gridColumns.map((c) => [c, `cell ${c}${columnInfo[c].numeric ? ' numeric' : ''}`]),
) as Record<GridColumn, string>;

/** Detail of `mia-select`: the selected position and, when its page is loaded, its record. */
export interface GridSelectDetail {
  position: number;
  record?: number;
}

export class MiaGrid extends LitElement {
  static override styles = gridStyles;

  static override properties = {
    rowCount: { type: Number },
    source: { attribute: false },
    sort: { attribute: false },
    selectedPosition: { type: Number },
    columnWidths: { attribute: false },
    timeZone: { attribute: false },
    emptyText: { attribute: false },
    maxScrollPx: { type: Number },
    virtualTop: { state: true },
    viewportHeight: { state: true },
  };

  /** Rows in the current view. */
  rowCount = 0;
  /** Where rows come from. */
  source: PageCache<GridRow> | undefined;
  sort: SortState = { column: 'time', descending: false };
  /** Selected position, -1 for none. */
  selectedPosition = -1;
  columnWidths: Partial<Record<GridColumn, number>> = {};
  timeZone: TimeZoneMode = 'utc';
  emptyText = 'No records';
  /** Cap of the spacer height (tests lower it to exercise the scaled mapping). */
  maxScrollPx = defaultMaxScrollPx;
  protected virtualTop = 0;
  protected viewportHeight = 0;

  private viewport?: HTMLElement;
  private resizeObserver?: ResizeObserver;
  /** scrollTop we set ourselves; its scroll event must not be mapped back (it would lose precision). */
  private ownScrollTop: number | undefined;
  private pendingReveal: { position: number; align: RevealAlign } | undefined;
  private drag: { column: GridColumn; startX: number; startWidth: number } | undefined;

  /** First visible position (persisted to restore the scroll). */
  get firstVisiblePosition(): number {
    return visibleRange(this.geometry(), this.virtualTop).first;
  }

  /** Moves keyboard focus into the grid. */
  focusGrid(): void {
    this.viewport?.focus();
  }

  /** Scrolls so that `position` is visible (applied once the grid has a size). */
  scrollToPosition(position: number, align: RevealAlign = 'nearest'): void {
    this.pendingReveal = { position, align };
    this.requestUpdate();
  }

  /** Re-renders after new rows arrived in the source. */
  refresh(): void {
    this.requestUpdate();
  }

  private geometry(): ScrollGeometry {
    return {
      rowCount: this.rowCount,
      rowHeight,
      viewportHeight: this.viewportHeight,
      maxScrollPx: this.maxScrollPx,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.viewport) this.resizeObserver?.observe(this.viewport);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override firstUpdated(): void {
    this.viewport = this.renderRoot.querySelector<HTMLElement>('.viewport')!;
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this.viewport);
    // Not passive: a scaled grid turns wheel deltas into exact row movement itself.
    this.viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.measure();
  }

  private measure(): void {
    if (!this.viewport) return;
    const height = Math.max(0, this.viewport.clientHeight - rowHeight);
    if (height !== this.viewportHeight) this.viewportHeight = height;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('rowCount') || changed.has('viewportHeight') || changed.has('maxScrollPx')) {
      this.virtualTop = clampVirtualTop(this.geometry(), this.virtualTop);
    }
    const reveal = this.pendingReveal;
    if (reveal && this.viewportHeight > 0 && this.rowCount > 0) {
      this.pendingReveal = undefined;
      this.virtualTop = virtualTopForRow(this.geometry(), reveal.position, this.virtualTop, reveal.align);
    }
  }

  protected override updated(): void {
    const g = this.geometry();
    const { template, totalPx } = columnTemplate(this.columnWidths);
    this.style.setProperty('--cols', template);
    this.style.setProperty('--total-w', `${totalPx}px`);
    this.style.setProperty('--body-h', `${this.viewportHeight}px`);
    this.style.setProperty('--spacer-h', `${Math.max(0, scrollHeight(g) - this.viewportHeight)}px`);
    const range = visibleRange(g, this.virtualTop);
    this.style.setProperty('--offset', `${-range.offsetPx}px`);
    this.syncScrollTop(g);
    if (range.count > 0) this.source?.ensure(range.first, range.first + range.count - 1);
  }

  /** Puts the native scrollbar where the virtual top says, remembering it as our own move. */
  private syncScrollTop(g: ScrollGeometry): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const target = scrollTopFromVirtualTop(g, this.virtualTop);
    if (Math.abs(viewport.scrollTop - target) >= 1) {
      viewport.scrollTop = target;
      this.ownScrollTop = viewport.scrollTop;
    }
  }

  private onScroll(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    // The pane may have been resized just before (the browser clamps scrollTop and fires this
    // before the ResizeObserver): map with the current height, or a scaled grid lands rows short.
    this.measure();
    const top = viewport.scrollTop;
    if (this.ownScrollTop !== undefined && Math.abs(top - this.ownScrollTop) < 1) return;
    this.ownScrollTop = undefined;
    this.virtualTop = virtualTopFromScrollTop(this.geometry(), top);
    this.dispatchEvent(new CustomEvent('mia-scroll', { detail: { firstRow: this.firstVisiblePosition } }));
  }

  private onWheel(e: WheelEvent): void {
    const g = this.geometry();
    if (!isScaled(g) || !this.viewport) return;
    e.preventDefault();
    const horizontal = e.deltaX !== 0 ? e.deltaX : e.shiftKey ? e.deltaY : 0;
    if (horizontal !== 0)
      this.viewport.scrollLeft += wheelPixels(horizontal, e.deltaMode, rowHeight, this.viewportHeight);
    if (e.deltaY !== 0 && !e.shiftKey) {
      this.virtualTop = clampVirtualTop(
        g,
        this.virtualTop + wheelPixels(e.deltaY, e.deltaMode, rowHeight, this.viewportHeight),
      );
      this.dispatchEvent(new CustomEvent('mia-scroll', { detail: { firstRow: this.firstVisiblePosition } }));
    }
  }

  private select(position: number, align: RevealAlign): void {
    this.selectedPosition = position;
    this.virtualTop = virtualTopForRow(this.geometry(), position, this.virtualTop, align);
    const record = this.source?.get(position)?.record;
    const detail: GridSelectDetail = record === undefined ? { position } : { position, record };
    this.dispatchEvent(new CustomEvent('mia-select', { detail }));
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (isNavigationKey(e.key)) {
      const next = nextPosition(e.key, this.selectedPosition, this.rowCount, rowsPerPage(this.geometry()));
      e.preventDefault();
      if (next !== undefined) this.select(next, 'nearest');
    } else if (e.key === 'Enter' && this.selectedPosition >= 0) {
      e.preventDefault();
      this.dispatchEvent(new CustomEvent('mia-open', { detail: { position: this.selectedPosition } }));
    }
  }

  private positionOf(e: Event): number | undefined {
    const row = (e.target as Element).closest('[data-pos]');
    const pos = row ? Number(row.getAttribute('data-pos')) : NaN;
    return Number.isInteger(pos) ? pos : undefined;
  }

  private onRowClick(e: MouseEvent): void {
    const pos = this.positionOf(e);
    if (pos !== undefined) this.select(pos, 'nearest');
  }

  private onRowDblClick(e: MouseEvent): void {
    const pos = this.positionOf(e);
    if (pos !== undefined) this.dispatchEvent(new CustomEvent('mia-open', { detail: { position: pos } }));
  }

  private onHeaderClick(column: GridColumn, e: MouseEvent): void {
    if ((e.target as Element).classList.contains('resizer')) return;
    this.dispatchEvent(new CustomEvent('mia-sort', { detail: nextSort(this.sort, column) }));
  }

  private onResizeStart(column: GridColumn, e: PointerEvent): void {
    e.preventDefault();
    e.stopPropagation();
    (e.target as Element).setPointerCapture(e.pointerId);
    this.drag = { column, startX: e.clientX, startWidth: columnWidth(this.columnWidths, column) };
  }

  private onResizeMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    this.columnWidths = resizeColumn(
      this.columnWidths,
      drag.column,
      drag.startWidth,
      e.clientX - drag.startX,
    );
  }

  private onResizeEnd(): void {
    if (!this.drag) return;
    this.drag = undefined;
    this.dispatchEvent(new CustomEvent('mia-columns', { detail: { widths: this.columnWidths } }));
  }

  private renderHeaderCell(column: GridColumn): TemplateResult {
    const sorted = this.sort.column === column;
    const ariaSort = sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none';
    const label =
      column === 'time' ? `Time (${this.timeZone === 'utc' ? 'UTC' : 'local'})` : columnInfo[column].label;
    return html`<div
      class="hcell ${columnInfo[column].numeric ? 'numeric' : ''}"
      role="columnheader"
      aria-sort=${ariaSort}
      data-col=${column}
      title="Sort by ${label}"
      @click=${(e: MouseEvent) => this.onHeaderClick(column, e)}
    >
      <span class="label">${label}</span>${
        sorted
          ? html`<span class="sort" aria-hidden="true">${this.sort.descending ? '▼' : '▲'}</span>`
          : nothing
      }
      <span
        class="resizer"
        aria-hidden="true"
        @pointerdown=${(e: PointerEvent) => this.onResizeStart(column, e)}
        @pointermove=${(e: PointerEvent) => this.onResizeMove(e)}
        @pointerup=${() => this.onResizeEnd()}
        @pointercancel=${() => this.onResizeEnd()}
      ></span>
    </div>`;
  }

  private renderRow(position: number): TemplateResult {
    const row = this.source?.get(position);
    const selected = position === this.selectedPosition ? 'true' : 'false';
    if (!row) {
      return html`<div
        class="row pending"
        role="row"
        aria-rowindex=${position + 2}
        aria-selected=${selected}
        data-pos=${position}
      >
        <div class="cell" role="gridcell">…</div>
      </div>`;
    }
    const time = formatDateTime(row.timeMs, offsetFor(this.timeZone, row.timeMs));
    const c = row.cells;
    const classes = `row${c.access === 'Sync' ? ' sync' : ''}${c.throttled === 'True' ? ' throttled' : ''}`;
    return html`<div
      id="r${position}"
      class=${classes}
      role="row"
      aria-rowindex=${position + 2}
      aria-selected=${selected}
      data-pos=${position}
      data-record=${row.record}
    >
      <div class="cell time" role="gridcell">${time}</div>
      ${textColumns.map((col) => {
        // IP and app cells show the offline label (issue 7) when there is one; the raw value stays in the title.
        const label = col === 'ip' ? row.labels?.ip : col === 'app' ? row.labels?.app : undefined;
        const text = label ?? c[col];
        const title = label === undefined || label === c[col] ? c[col] : `${label}\n${c[col]}`;
        return html`<div class=${cellClass[col]} role="gridcell" title=${title}>${text}</div>`;
      })}
    </div>`;
  }

  override render(): TemplateResult {
    const range = visibleRange(this.geometry(), this.virtualTop);
    const rows: TemplateResult[] = [];
    for (let i = 0; i < range.count; i++) rows.push(this.renderRow(range.first + i));
    const active = this.selectedPosition >= range.first && this.selectedPosition < range.first + range.count;
    return html`<div
      class="viewport"
      role="grid"
      tabindex="0"
      aria-label="MailItemsAccessed records"
      aria-rowcount=${this.rowCount + 1}
      aria-colcount=${gridColumns.length}
      aria-activedescendant=${active && this.source?.get(this.selectedPosition) ? `r${this.selectedPosition}` : nothing}
      @scroll=${() => this.onScroll()}
      @keydown=${(e: KeyboardEvent) => this.onKeyDown(e)}
    >
      <div class="header" role="row" aria-rowindex="1">
        ${gridColumns.map((c) => this.renderHeaderCell(c))}
      </div>
      <div
        class="body"
        role="rowgroup"
        @click=${(e: MouseEvent) => this.onRowClick(e)}
        @dblclick=${(e: MouseEvent) => this.onRowDblClick(e)}
      >
        <div class="rows">${rows}</div>
        ${this.rowCount === 0 ? html`<div class="empty">${this.emptyText}</div>` : nothing}
      </div>
      <div class="spacer"></div>
    </div>`;
  }
}

customElements.define('mia-grid', MiaGrid);

declare global {
  interface HTMLElementTagNameMap {
    'mia-grid': MiaGrid;
  }
}
