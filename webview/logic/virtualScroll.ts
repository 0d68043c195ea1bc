/**
 * Virtual scrolling for a grid of fixed-height rows whose full height can exceed what a browser can
 * lay out (Chromium caps element heights near 33.5M px, Firefox lower). The grid keeps a "virtual
 * top" (pixels into the full, unscaled content) as the truth and maps it to and from the native
 * scrollTop of a spacer no taller than `maxScrollPx`. Below the cap the mapping is the identity.
 * No DOM here: the grid element feeds measurements in.
 */

/** Default cap of the spacer height: far under every browser limit, so scaling is well tested. */
export const defaultMaxScrollPx = 5_000_000;

/** Measurements of the grid. */
export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  /** Height of the rows area (without the header). */
  viewportHeight: number;
  /** Largest spacer height the grid uses. */
  maxScrollPx: number;
}

/** Full height of all rows, unscaled. */
export function contentHeight(g: ScrollGeometry): number {
  return Math.max(0, g.rowCount) * g.rowHeight;
}

/** Height of the scrollable content the browser sees (the spacer). */
export function scrollHeight(g: ScrollGeometry): number {
  return Math.min(contentHeight(g), g.maxScrollPx);
}

/** Largest virtual top: the last row ends exactly at the bottom of the viewport. */
export function maxVirtualTop(g: ScrollGeometry): number {
  return Math.max(0, contentHeight(g) - g.viewportHeight);
}

/** Largest native scrollTop. */
export function maxScrollTop(g: ScrollGeometry): number {
  return Math.max(0, scrollHeight(g) - g.viewportHeight);
}

/** True when the native scrollbar moves faster than the content (the content is above the cap). */
export function isScaled(g: ScrollGeometry): boolean {
  return contentHeight(g) > g.maxScrollPx;
}

/** Clamps a virtual top into [0, maxVirtualTop]. */
export function clampVirtualTop(g: ScrollGeometry, virtualTop: number): number {
  if (!Number.isFinite(virtualTop)) return 0;
  return Math.min(Math.max(0, virtualTop), maxVirtualTop(g));
}

/**
 * Virtual top for a native scrollTop. Within a pixel of either end the ends are returned exactly,
 * because browsers round scrollTop and the last row must stay reachable.
 */
export function virtualTopFromScrollTop(g: ScrollGeometry, scrollTop: number): number {
  const maxNative = maxScrollTop(g);
  if (maxNative <= 0 || scrollTop <= 0) return 0;
  if (scrollTop >= maxNative - 1) return maxVirtualTop(g);
  if (!isScaled(g)) return clampVirtualTop(g, scrollTop);
  return clampVirtualTop(g, (scrollTop / maxNative) * maxVirtualTop(g));
}

/** Native scrollTop for a virtual top (inverse of {@link virtualTopFromScrollTop}). */
export function scrollTopFromVirtualTop(g: ScrollGeometry, virtualTop: number): number {
  const v = clampVirtualTop(g, virtualTop);
  const maxV = maxVirtualTop(g);
  if (maxV <= 0) return 0;
  if (!isScaled(g)) return v;
  return (v / maxV) * maxScrollTop(g);
}

/** Rows to render for a virtual top: the first row, how far it is scrolled up, and how many. */
export interface VisibleRange {
  first: number;
  /** Pixels of the first row hidden above the viewport (the rows layer shifts up by this). */
  offsetPx: number;
  /** Number of rows to render (at least one more than fit, for the partial row at the bottom). */
  count: number;
}

/** The rows that intersect the viewport at a virtual top. */
export function visibleRange(g: ScrollGeometry, virtualTop: number): VisibleRange {
  if (g.rowCount <= 0 || g.rowHeight <= 0) return { first: 0, offsetPx: 0, count: 0 };
  const v = clampVirtualTop(g, virtualTop);
  const first = Math.min(g.rowCount - 1, Math.floor(v / g.rowHeight));
  const offsetPx = v - first * g.rowHeight;
  const fit = Math.ceil((g.viewportHeight + offsetPx) / g.rowHeight) + 1;
  return { first, offsetPx, count: Math.max(0, Math.min(fit, g.rowCount - first)) };
}

/** How many whole rows fit in the viewport (a page for PageUp/PageDown), at least one. */
export function rowsPerPage(g: ScrollGeometry): number {
  return Math.max(1, Math.floor(g.viewportHeight / g.rowHeight));
}

/** Where to put a row when scrolling to it. */
export type RevealAlign = 'nearest' | 'center' | 'top';

/**
 * Virtual top that shows `row` fully. `nearest` moves as little as possible (keyboard navigation),
 * `center` puts it in the middle (reveal from elsewhere), `top` makes it the first row (restore).
 */
export function virtualTopForRow(
  g: ScrollGeometry,
  row: number,
  currentTop: number,
  align: RevealAlign,
): number {
  const r = Math.min(Math.max(0, Math.floor(row)), Math.max(0, g.rowCount - 1));
  const rowTop = r * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  let top: number;
  if (align === 'top') top = rowTop;
  else if (align === 'center') top = rowTop - (g.viewportHeight - g.rowHeight) / 2;
  else if (rowTop < currentTop) top = rowTop;
  else if (rowBottom > currentTop + g.viewportHeight) top = rowBottom - g.viewportHeight;
  else top = currentTop;
  return clampVirtualTop(g, top);
}

/** Pixels a wheel event asks for, whatever its delta mode (0 pixels, 1 lines, 2 pages). */
export function wheelPixels(
  delta: number,
  deltaMode: number,
  rowHeight: number,
  viewportHeight: number,
): number {
  if (deltaMode === 1) return delta * rowHeight;
  if (deltaMode === 2) return delta * viewportHeight;
  return delta;
}
