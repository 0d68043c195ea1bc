/** Styles of `<mia-grid>`: static CSS only (adopted stylesheets pass the strict CSP). */
import { css } from 'lit';

export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    --row-h: 22px;
  }
  .viewport {
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
    position: relative;
    outline: none;
    font-size: var(--vscode-font-size, 13px);
    font-variant-numeric: tabular-nums;
  }
  .viewport:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: -1px;
  }
  .header,
  .row {
    display: grid;
    grid-template-columns: var(--cols);
    width: max(var(--total-w), 100%);
    height: var(--row-h);
    line-height: var(--row-h);
  }
  .header {
    position: sticky;
    top: 0;
    z-index: 2;
    background: var(--vscode-editor-background);
    border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
    box-sizing: border-box;
    font-weight: 600;
    color: var(--vscode-foreground);
  }
  .hcell {
    position: relative;
    display: flex;
    align-items: center;
    gap: 3px;
    padding: 0 6px;
    overflow: hidden;
    white-space: nowrap;
    cursor: pointer;
    user-select: none;
  }
  .hcell:hover {
    background: var(--vscode-list-hoverBackground);
  }
  .hcell.numeric {
    justify-content: flex-end;
  }
  .hcell .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .sort {
    font-size: 9px;
    color: var(--vscode-descriptionForeground);
  }
  .resizer {
    position: absolute;
    top: 0;
    right: 0;
    width: 5px;
    height: 100%;
    cursor: col-resize;
    border-right: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
    box-sizing: border-box;
    touch-action: none;
  }
  .resizer:hover {
    background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder));
  }
  .body {
    position: sticky;
    top: var(--row-h);
    left: 0;
    height: var(--body-h);
    width: max(var(--total-w), 100%);
    overflow: hidden;
  }
  .rows {
    transform: translateY(var(--offset, 0px));
  }
  .spacer {
    height: var(--spacer-h, 0px);
    width: 1px;
  }
  .row {
    cursor: default;
    color: var(--vscode-foreground);
  }
  .row:hover {
    background: var(--vscode-list-hoverBackground);
  }
  .row[aria-selected='true'] {
    background: var(--vscode-list-inactiveSelectionBackground);
    color: var(--vscode-list-inactiveSelectionForeground, var(--vscode-foreground));
  }
  .viewport:focus .row[aria-selected='true'] {
    background: var(--vscode-list-activeSelectionBackground);
    color: var(--vscode-list-activeSelectionForeground, var(--vscode-foreground));
    outline: 1px solid var(--vscode-list-focusOutline, transparent);
    outline-offset: -1px;
  }
  .row.pending .cell {
    color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground));
  }
  .cell {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    padding: 0 6px;
  }
  .cell.numeric {
    text-align: right;
  }
  .cell.time {
    font-family: var(--vscode-editor-font-family, monospace);
    font-size: 12px;
  }
  .row.sync .cell.access {
    color: var(--vscode-charts-orange);
    font-weight: 600;
  }
  .row.throttled .cell.throttled {
    color: var(--vscode-errorForeground, var(--vscode-charts-red));
    font-weight: 600;
  }
  .row[aria-selected='true'] .cell {
    color: inherit;
  }
  .empty {
    padding: 12px;
    color: var(--vscode-descriptionForeground);
  }
`;
