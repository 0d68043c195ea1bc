/**
 * Geometry of the timeline chart: time ↔ x, hourly buckets folded into pixel columns (a year of
 * hours still draws as one bar per pixel), a nice y maximum, hour/day ticks in the displayed zone,
 * and snapping a dragged range to whole buckets. Pure; the canvas element draws with it.
 */

import type { TimelineData } from '../../src/protocol/messages';

/** The time span the chart shows, [startMs, endMs). */
export interface TimeDomain {
  startMs: number;
  endMs: number;
}

/** The domain of hourly data: from its first bucket to the end of its last (at least one bucket). */
export function domainOf(startMs: number, bucketMs: number, buckets: number): TimeDomain {
  return { startMs, endMs: startMs + Math.max(1, buckets) * bucketMs };
}

/** x (0…width) of a time. */
export function timeToX(domain: TimeDomain, width: number, ms: number): number {
  const span = domain.endMs - domain.startMs;
  return span <= 0 ? 0 : ((ms - domain.startMs) / span) * width;
}

/** Time at x (0…width), clamped into the domain. */
export function xToTime(domain: TimeDomain, width: number, x: number): number {
  const f = width <= 0 ? 0 : Math.min(1, Math.max(0, x / width));
  return domain.startMs + f * (domain.endMs - domain.startMs);
}

/** One drawn bar: x and width in pixels, and the value (the largest bucket it covers). */
export interface Column {
  x: number;
  width: number;
  value: number;
}

/**
 * Bars for bucket counts across `width` pixels. With fewer buckets than pixels each bucket is one
 * bar; with more, each pixel column shows the largest bucket it covers, so spikes stay visible.
 */
export function columnsFor(counts: readonly number[], width: number): Column[] {
  const n = counts.length;
  const w = Math.max(0, Math.floor(width));
  if (n === 0 || w === 0) return [];
  const columns: Column[] = [];
  if (n <= w) {
    for (let i = 0; i < n; i++) {
      const x0 = Math.floor((i * w) / n);
      const x1 = Math.floor(((i + 1) * w) / n);
      if (counts[i] > 0) columns.push({ x: x0, width: Math.max(1, x1 - x0), value: counts[i] });
    }
    return columns;
  }
  for (let x = 0; x < w; x++) {
    const b0 = Math.floor((x * n) / w);
    const b1 = Math.max(b0 + 1, Math.floor(((x + 1) * n) / w));
    let max = 0;
    for (let b = b0; b < b1; b++) if (counts[b] > max) max = counts[b];
    if (max > 0) columns.push({ x, width: 1, value: max });
  }
  return columns;
}

/** The smallest 1, 2 or 5 × 10^k that is ≥ value (≥ 1). */
export function niceMax(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

/** A dragged range from t0 to t1 (either order) widened to whole buckets: [from, to). */
export function snapRange(
  domain: TimeDomain,
  bucketMs: number,
  t0: number,
  t1: number,
): { fromMs: number; toMs: number } {
  const lo = Math.max(domain.startMs, Math.min(t0, t1));
  const hi = Math.min(domain.endMs, Math.max(t0, t1));
  const fromMs = domain.startMs + Math.floor((lo - domain.startMs) / bucketMs) * bucketMs;
  let toMs = domain.startMs + Math.ceil((hi - domain.startMs) / bucketMs) * bucketMs;
  if (toMs <= fromMs) toMs = fromMs + bucketMs;
  return { fromMs, toMs };
}

/** Index of the bucket holding `ms`, or -1 outside the data. */
export function bucketIndex(startMs: number, bucketMs: number, buckets: number, ms: number): number {
  const i = Math.floor((ms - startMs) / bucketMs);
  return i >= 0 && i < buckets ? i : -1;
}

/** An axis tick: time, label, and whether it is a day boundary. */
export interface Tick {
  ms: number;
  label: string;
  major: boolean;
}

const hour = 3_600_000;
const day = 24 * hour;
const steps = [hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 28 * day];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Ticks at least `minSpacingPx` apart, on whole hours or midnights of the displayed zone
 * (`offsetMinutes` is 0 for UTC). Midnights read `Mar 1`, other ticks `14:00`.
 */
export function timeTicks(
  domain: TimeDomain,
  width: number,
  offsetMinutes: number,
  minSpacingPx = 64,
): Tick[] {
  const span = domain.endMs - domain.startMs;
  if (span <= 0 || width <= 0) return [];
  const step = steps.find((s) => (s / span) * width >= minSpacingPx) ?? steps[steps.length - 1];
  const offset = offsetMinutes * 60_000;
  const ticks: Tick[] = [];
  let wall = Math.ceil((domain.startMs + offset) / step) * step;
  for (; wall - offset <= domain.endMs && ticks.length < 1000; wall += step) {
    const d = new Date(wall);
    const major = d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
    const label = major
      ? `${months[d.getUTCMonth()]} ${d.getUTCDate()}`
      : `${String(d.getUTCHours()).padStart(2, '0')}:00`;
    ticks.push({ ms: wall - offset, label, major });
  }
  return ticks;
}

/**
 * True when the host sent a mark for every Sync record of the data. The host caps the marks; a
 * partial set would suggest Sync stopped where the marks stop, so the chart then draws none.
 */
export function syncMarksComplete(data: Pick<TimelineData, 'sync' | 'syncMarks'>): boolean {
  let total = 0;
  for (const n of data.sync) total += n;
  return data.syncMarks.length > 0 && data.syncMarks.length >= total;
}
