/** Shared styles of the plain tables (rejected rows, other operations, sources). */
import { css } from 'lit';

export const tableStyles = css`
  :host {
    display: block;
    overflow: auto;
    min-height: 0;
    padding: 6px 10px;
    box-sizing: border-box;
    color: var(--vscode-foreground);
  }
  .summary {
    margin: 2px 0 6px;
    color: var(--vscode-descriptionForeground);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    table-layout: fixed;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    padding: 2px 8px 2px 0;
    height: 18px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    user-select: text;
  }
  th {
    font-weight: 600;
    border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
  }
  tbody tr:hover {
    background: var(--vscode-list-hoverBackground);
  }
  td.num,
  th.num {
    text-align: right;
  }
  td.wrap {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--vscode-errorForeground);
  }
`;
