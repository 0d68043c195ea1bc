/**
 * `<mia-timeline>`: records per hour of the filtered set on a canvas (see timelineDraw.ts).
 * Dragging selects a time range (snapped to whole hours) and emits `mia-time-range`; a double click
 * clears it. Redraws on resize and when VS Code switches theme (body class / root style change).
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { TimelineData } from '../src/protocol/messages';
import { bucketIndex, snapRange, syncMarksComplete, timeToX, xToTime } from './logic/timelineScale';
import { formatCount, formatDateTime, offsetFor, type TimeZoneMode } from './logic/timeFormat';
import { drawTimeline, plotMargin, readColours, sceneDomain } from './timelineDraw';

/** Detail of `mia-time-range`: the selected [fromMs, toMs), both undefined when cleared. */
export interface TimeRangeDetail {
  fromMs?: number;
  toMs?: number;
}

export class MiaTimeline extends LitElement {
  static override properties = {
    data: { attribute: false },
    fromMs: { attribute: false },
    toMs: { attribute: false },
    timeZone: { attribute: false },
  };

  static override styles = css`
    :host {
      display: block;
      position: relative;
      height: 92px;
      border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
    }
    canvas {
      display: block;
      width: 100%;
      height: 100%;
      cursor: crosshair;
      touch-action: none;
    }
    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--vscode-descriptionForeground);
      pointer-events: none;
    }
  `;

  data: TimelineData | undefined;
  fromMs: number | undefined;
  toMs: number | undefined;
  timeZone: TimeZoneMode = 'utc';
  private canvas?: HTMLCanvasElement;
  private size = { width: 0, height: 0 };
  private drag: { x0: number; x1: number; pointerId: number } | undefined;
  private resizeObserver?: ResizeObserver;
  private themeObserver?: MutationObserver;
  private frame = 0;
  private lastPointerY = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // VS Code swaps body classes (vscode-light/-dark/-high-contrast) and the root's CSS variables.
    this.themeObserver = new MutationObserver(() => this.scheduleDraw());
    this.themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.themeObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['style', 'class'],
    });
    if (this.canvas) this.resizeObserver?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.themeObserver?.disconnect();
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.frame);
  }

  protected override firstUpdated(): void {
    this.canvas = this.renderRoot.querySelector('canvas')!;
    this.resizeObserver = new ResizeObserver(() => this.scheduleDraw());
    this.resizeObserver.observe(this);
  }

  protected override updated(): void {
    this.scheduleDraw();
  }

  private scheduleDraw(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    // Canvas width/height are attributes of the bitmap, not styles: allowed under the CSP.
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    this.size = { width, height };
    if (!this.data) {
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      return;
    }
    const d = this.data;
    drawTimeline(
      canvas,
      width,
      height,
      dpr,
      {
        data: d,
        range: { fromMs: this.fromMs, toMs: this.toMs },
        drag: this.drag ? { x0: this.drag.x0, x1: this.drag.x1 } : undefined,
        offsetMinutes: offsetFor(this.timeZone, d.startMs),
      },
      readColours(this),
    );
  }

  private plotX(e: PointerEvent | MouseEvent): number {
    const rect = this.canvas!.getBoundingClientRect();
    const plotW = Math.max(1, this.size.width - plotMargin.left - plotMargin.right);
    return Math.min(plotW, Math.max(0, e.clientX - rect.left - plotMargin.left));
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.data || e.button !== 0) return;
    this.lastPointerY = e.clientY;
    this.canvas!.setPointerCapture(e.pointerId);
    const x = this.plotX(e);
    this.drag = { x0: x, x1: x, pointerId: e.pointerId };
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.drag && e.pointerId === this.drag.pointerId) {
      this.drag.x1 = this.plotX(e);
      this.scheduleDraw();
    } else {
      this.updateTooltip(e);
    }
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag || e.pointerId !== drag.pointerId || !this.data) return;
    this.drag = undefined;
    this.scheduleDraw();
    if (Math.abs(drag.x1 - drag.x0) < 3) {
      this.clickMark(drag.x0);
      return;
    }
    const domain = sceneDomain(this.data);
    const plotW = Math.max(1, this.size.width - plotMargin.left - plotMargin.right);
    const range = snapRange(
      domain,
      this.data.bucketMs,
      xToTime(domain, plotW, drag.x0),
      xToTime(domain, plotW, drag.x1),
    );
    this.emit(range);
  }

  /** A click on a Sync mark reveals that Sync record in the grid. */
  private clickMark(plotX: number): void {
    const d = this.data;
    if (!d || !syncMarksComplete(d)) return;
    const domain = sceneDomain(d);
    const plotW = Math.max(1, this.size.width - plotMargin.left - plotMargin.right);
    const y = this.lastPointerY - this.canvas!.getBoundingClientRect().top;
    if (y < this.size.height - plotMargin.bottom - 8) return; // marks live in the bottom strip
    let best: { record: number; dx: number } | undefined;
    for (const m of d.syncMarks) {
      const dx = Math.abs(timeToX(domain, plotW, m.timeMs) - plotX);
      if (dx <= 3 && (!best || dx < best.dx)) best = { record: m.record, dx };
    }
    if (best) this.dispatchEvent(new CustomEvent('mia-reveal', { detail: { record: best.record } }));
  }

  private emit(detail: TimeRangeDetail): void {
    this.dispatchEvent(new CustomEvent('mia-time-range', { detail }));
  }

  /** A native tooltip (the title attribute) with the hour under the pointer. */
  private updateTooltip(e: PointerEvent): void {
    const d = this.data;
    if (!d || !this.canvas) return;
    const domain = sceneDomain(d);
    const plotW = Math.max(1, this.size.width - plotMargin.left - plotMargin.right);
    const t = xToTime(domain, plotW, this.plotX(e));
    const i = bucketIndex(d.startMs, d.bucketMs, Math.max(d.bind.length, d.sync.length), t);
    if (i < 0) return;
    const start = d.startMs + i * d.bucketMs;
    const zone = this.timeZone === 'utc' ? 'UTC' : 'local';
    const windows = d.throttled.filter((w) => w.startMs <= t && t < w.endMs);
    const lines = [
      `${formatDateTime(start, offsetFor(this.timeZone, start)).slice(0, 16)} ${zone} (1 hour)`,
      `Bind ${formatCount(d.bind[i] ?? 0)} · Sync ${formatCount(d.sync[i] ?? 0)}`,
      ...windows.map((w) => `Throttled (unaudited): ${w.mailbox} [${w.basis.join(', ')}]`),
      syncMarksComplete(d) ? 'Click a Sync mark (bottom ticks) to show that record.' : '',
      'Drag to filter a time range; double-click to clear it.',
    ];
    this.canvas.title = lines.filter((l) => l !== '').join('\n');
  }

  override render(): TemplateResult {
    const empty = !this.data || (this.data.bind.length === 0 && this.data.sync.length === 0);
    return html`<canvas
        role="img"
        aria-label="Records per hour: Bind above the axis, Sync below, throttle windows shaded. Drag to select a time range."
        @pointerdown=${(e: PointerEvent) => this.onPointerDown(e)}
        @pointermove=${(e: PointerEvent) => this.onPointerMove(e)}
        @pointerup=${(e: PointerEvent) => this.onPointerUp(e)}
        @pointercancel=${() => ((this.drag = undefined), this.scheduleDraw())}
        @dblclick=${() => this.emit({})}
      ></canvas>
      ${empty ? html`<div class="empty">${this.data ? 'No records in the timeline' : 'Timeline loading…'}</div>` : nothing}`;
  }
}

customElements.define('mia-timeline', MiaTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'mia-timeline': MiaTimeline;
  }
}
