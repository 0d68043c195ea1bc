/**
 * The UI/navigation state the webview persists with `setState` (never data: the host re-sends
 * that). VS Code hands it back when the tab is shown again or the window reloads; it may come from
 * an older version of the extension, so {@link readUiState} validates every field.
 */
import { gridColumns, type FilterState, type GridColumn, type SortState } from '../../src/protocol/messages';
import { defaultSort, emptyFilter, readFilter, readSort } from './filterState';
import type { TimeZoneMode } from './timeFormat';

/** Tabs of the view. */
export const viewTabs = ['records', 'rejected', 'otherOperations', 'sources'] as const;
/** One tab. */
export type ViewTab = (typeof viewTabs)[number];

/** Everything restored when the view comes back. */
export interface UiState {
  version: 1;
  filter: FilterState;
  sort: SortState;
  /** Record index of the selected row (stable across sorts and filters). */
  selectedRecord?: number;
  /** Position of the first visible row when the state was saved. */
  firstRow: number;
  columnWidths: Partial<Record<GridColumn, number>>;
  timeZone: TimeZoneMode;
  /** Split between the grid and the detail pane, e.g. `62%`. */
  detailSplit: string;
  detailVisible: boolean;
  tab: ViewTab;
}

/** Column widths are clamped to this range on restore. */
export const columnWidthLimits = { min: 36, max: 2000 } as const;

/** The state of a fresh view. */
export function defaultUiState(): UiState {
  return {
    version: 1,
    filter: emptyFilter(),
    sort: defaultSort(),
    firstRow: 0,
    columnWidths: {},
    timeZone: 'utc',
    detailSplit: '62%',
    detailVisible: true,
    tab: 'records',
  };
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A valid UiState from whatever `getState()` returned. */
export function readUiState(raw: unknown): UiState {
  const state = defaultUiState();
  if (typeof raw !== 'object' || raw === null) return state;
  const r = raw as Record<string, unknown>;
  state.filter = readFilter(r.filter);
  state.sort = readSort(r.sort);
  const selected = nonNegativeInteger(r.selectedRecord);
  if (selected !== undefined) state.selectedRecord = selected;
  state.firstRow = nonNegativeInteger(r.firstRow) ?? 0;
  if (typeof r.columnWidths === 'object' && r.columnWidths !== null) {
    const widths = r.columnWidths as Record<string, unknown>;
    for (const c of gridColumns) {
      const w = widths[c];
      if (typeof w === 'number' && Number.isFinite(w)) {
        state.columnWidths[c] = Math.round(
          Math.min(columnWidthLimits.max, Math.max(columnWidthLimits.min, w)),
        );
      }
    }
  }
  if (r.timeZone === 'local') state.timeZone = 'local';
  if (typeof r.detailSplit === 'string' && /^\d{1,5}(\.\d+)?(%|px)$/.test(r.detailSplit))
    state.detailSplit = r.detailSplit;
  if (r.detailVisible === false) state.detailVisible = false;
  const tab = viewTabs.find((t) => t === r.tab);
  if (tab !== undefined) state.tab = tab;
  return state;
}
