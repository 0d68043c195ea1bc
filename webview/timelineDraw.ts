/**
 * Draws the timeline on a 2D canvas: Bind bars above the axis, Sync bars below it (two series that
 * never stack, so Sync volume is not hidden under Bind), throttle windows shaded over the full
 * height, Sync marks as ticks along the bottom, the current filter range and a drag selection.
 * Colours come from VS Code's theme variables, read at draw time.
 */
import type { TimelineData } from '../src/protocol/messages';
import { formatCount } from './logic/timeFormat';
import {
  columnsFor,
  domainOf,
  niceMax,
  syncMarksComplete,
  timeTicks,
  timeToX,
  type TimeDomain,
} from './logic/timelineScale';

/** Theme colours the chart uses. */
export interface ChartColours {
  bind: string;
  sync: string;
  throttle: string;
  text: string;
  lines: string;
  selection: string;
  font: string;
}

/** Reads the chart colours from the theme's CSS variables (with sensible fallbacks). */
export function readColours(element: Element): ChartColours {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    bind: v('--vscode-charts-blue', '#3794ff'),
    sync: v('--vscode-charts-orange', '#d18616'),
    throttle: v('--vscode-charts-red', '#f14c4c'),
    text: v('--vscode-descriptionForeground', v('--vscode-foreground', '#888')),
    lines: v('--vscode-charts-lines', 'rgba(128,128,128,0.5)'),
    selection: v('--vscode-editor-selectionBackground', 'rgba(38,79,120,0.6)'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

/** Margins of the plot inside the canvas (CSS px). */
export const plotMargin = { left: 58, right: 8, top: 4, bottom: 15 } as const;

/** Share of the plot height given to Bind (the rest, below the axis, to Sync). */
const bindShare = 0.64;

/** What to draw. */
export interface TimelineScene {
  data: TimelineData;
  /** Current filter range, shaded. */
  range?: { fromMs?: number; toMs?: number };
  /** Drag in progress, in plot x pixels. */
  drag?: { x0: number; x1: number };
  /** Minutes east of UTC of the displayed zone (0 for UTC). */
  offsetMinutes: number;
}

/** The time domain a scene covers. */
export function sceneDomain(data: TimelineData): TimeDomain {
  return domainOf(data.startMs, data.bucketMs, Math.max(data.bind.length, data.sync.length));
}

/** Largest value (a loop: spreading years of hourly buckets into Math.max can overflow the stack). */
function largest(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

function withAlpha(ctx: CanvasRenderingContext2D, alpha: number, draw: () => void): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  draw();
  ctx.restore();
}

/** Draws the scene on a canvas of `width` × `height` CSS pixels at the given device pixel ratio. */
export function drawTimeline(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
  scene: TimelineScene,
  colours: ChartColours,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { data } = scene;
  const plotW = Math.max(1, width - plotMargin.left - plotMargin.right);
  const plotH = Math.max(1, height - plotMargin.top - plotMargin.bottom);
  const axisY = plotMargin.top + Math.round(plotH * bindShare);
  const bindH = axisY - plotMargin.top;
  const syncH = plotMargin.top + plotH - axisY - 3; // keep 3 px for Sync marks
  const domain = sceneDomain(data);
  const x = (ms: number) => plotMargin.left + timeToX(domain, plotW, ms);
  ctx.font = `10px ${colours.font}`;
  ctx.textBaseline = 'middle';

  // Throttle windows: the unaudited gaps, over the whole height.
  ctx.fillStyle = colours.throttle;
  for (const w of data.throttled) {
    const x0 = Math.max(plotMargin.left, x(w.startMs));
    const x1 = Math.min(plotMargin.left + plotW, x(w.endMs));
    if (x1 <= x0) continue;
    withAlpha(ctx, 0.16, () => ctx.fillRect(x0, plotMargin.top, x1 - x0, plotH));
    ctx.fillRect(x0, plotMargin.top, x1 - x0, 2);
  }

  // Current filter range.
  if (scene.range && (scene.range.fromMs !== undefined || scene.range.toMs !== undefined)) {
    const x0 = Math.max(plotMargin.left, x(scene.range.fromMs ?? domain.startMs));
    const x1 = Math.min(plotMargin.left + plotW, x(scene.range.toMs ?? domain.endMs));
    if (x1 > x0) {
      ctx.fillStyle = colours.selection;
      withAlpha(ctx, 0.35, () => ctx.fillRect(x0, plotMargin.top, x1 - x0, plotH));
    }
  }

  // Bind above the axis, Sync below, each on its own scale.
  const bindMax = niceMax(largest(data.bind));
  const syncMax = niceMax(largest(data.sync));
  ctx.fillStyle = colours.bind;
  for (const c of columnsFor(data.bind, plotW)) {
    const h = Math.max(1, (c.value / bindMax) * bindH);
    ctx.fillRect(plotMargin.left + c.x, axisY - h, Math.max(1, c.width - (c.width > 3 ? 1 : 0)), h);
  }
  ctx.fillStyle = colours.sync;
  for (const c of columnsFor(data.sync, plotW)) {
    const h = Math.max(1, (c.value / syncMax) * syncH);
    ctx.fillRect(plotMargin.left + c.x, axisY + 1, Math.max(1, c.width - (c.width > 3 ? 1 : 0)), h);
  }
  // Sync marks: one tick per Sync record along the bottom edge. The host caps the marks; a
  // partial set would suggest Sync stopped where the marks stop, so then only the bars show.
  if (syncMarksComplete(data)) {
    const markY = plotMargin.top + plotH - 3;
    for (const m of data.syncMarks) ctx.fillRect(Math.round(x(m.timeMs)), markY, 1, 3);
  }

  // Axis, y labels and time ticks.
  ctx.fillStyle = colours.lines;
  ctx.fillRect(plotMargin.left, axisY, plotW, 1);
  // Legend and scale on the left: series name in its colour, its maximum below/above it.
  ctx.textAlign = 'right';
  const lx = plotMargin.left - 5;
  ctx.fillStyle = colours.bind;
  ctx.fillText('Bind', lx, plotMargin.top + 6);
  ctx.fillStyle = colours.text;
  ctx.fillText(formatCount(bindMax), lx, plotMargin.top + 18);
  ctx.fillText('0', lx, axisY);
  ctx.fillText(formatCount(syncMax), lx, plotMargin.top + plotH - 16);
  ctx.fillStyle = colours.sync;
  ctx.fillText('Sync', lx, plotMargin.top + plotH - 4);
  ctx.textAlign = 'center';
  const labelY = height - plotMargin.bottom / 2 + 1;
  for (const t of timeTicks(domain, plotW, scene.offsetMinutes)) {
    const tx = Math.round(x(t.ms));
    ctx.fillStyle = colours.lines;
    withAlpha(ctx, t.major ? 0.9 : 0.45, () => ctx.fillRect(tx, plotMargin.top, 1, plotH));
    ctx.fillStyle = colours.text;
    ctx.fillText(t.label, Math.min(Math.max(tx, plotMargin.left + 16), width - 16), labelY);
  }

  // Drag selection in progress.
  if (scene.drag) {
    const x0 = plotMargin.left + Math.min(scene.drag.x0, scene.drag.x1);
    const w = Math.abs(scene.drag.x1 - scene.drag.x0);
    ctx.fillStyle = colours.selection;
    withAlpha(ctx, 0.6, () => ctx.fillRect(x0, plotMargin.top, w, plotH));
    ctx.fillStyle = colours.text;
    ctx.fillRect(x0, plotMargin.top, 1, plotH);
    ctx.fillRect(x0 + w, plotMargin.top, 1, plotH);
  }
}
