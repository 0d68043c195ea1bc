/**
 * Column layout of the grid: labels, default widths, and the CSS grid template the header and the
 * rows share (set as a CSS variable, so it passes the webview's strict CSP).
 */
import { gridColumns, type GridColumn } from '../../src/protocol/messages';
import { columnWidthLimits } from './uiState';

/** Fixed row height in CSS pixels (VS Code lists use 22). */
export const rowHeight = 22;

/** Header label, default width and alignment per column. */
export const columnInfo: Record<GridColumn, { label: string; width: number; numeric?: boolean }> = {
  time: { label: 'Time', width: 158 },
  mailbox: { label: 'Mailbox', width: 180 },
  actor: { label: 'Actor', width: 170 },
  access: { label: 'Access', width: 62 },
  throttled: { label: 'Throttled', width: 88 },
  items: { label: 'Items', width: 54, numeric: true },
  folders: { label: 'Folders', width: 170 },
  subject: { label: 'Subject', width: 220 },
  session: { label: 'Session', width: 130 },
  ip: { label: 'IP', width: 130 },
  client: { label: 'Client', width: 210 },
  app: { label: 'App', width: 170 },
};

/** Width of a column: the saved one, else the default, within the limits. */
export function columnWidth(widths: Partial<Record<GridColumn, number>>, column: GridColumn): number {
  const w = widths[column] ?? columnInfo[column].width;
  return Math.round(Math.min(columnWidthLimits.max, Math.max(columnWidthLimits.min, w)));
}

/**
 * The `grid-template-columns` value and total width. The last column may grow to fill the pane
 * (`minmax(…, 1fr)`), so a wide pane has no dead area on the right.
 */
export function columnTemplate(widths: Partial<Record<GridColumn, number>>): {
  template: string;
  totalPx: number;
} {
  const px = gridColumns.map((c) => columnWidth(widths, c));
  const parts = px.map((w, i) => (i === px.length - 1 ? `minmax(${w}px, 1fr)` : `${w}px`));
  return { template: parts.join(' '), totalPx: px.reduce((a, b) => a + b, 0) };
}

/** Widths after dragging a column's right edge by `deltaPx`. */
export function resizeColumn(
  widths: Partial<Record<GridColumn, number>>,
  column: GridColumn,
  startWidth: number,
  deltaPx: number,
): Partial<Record<GridColumn, number>> {
  const width = Math.round(
    Math.min(columnWidthLimits.max, Math.max(columnWidthLimits.min, startWidth + deltaPx)),
  );
  return { ...widths, [column]: width };
}
