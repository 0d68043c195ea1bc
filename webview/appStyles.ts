/** Styles of `<mia-app>`: the full-window layout. Static CSS only (strict CSP). */
import { css } from 'lit';

export const appStyles = css`
  :host {
    /* Fixed to the window: independent of the padding VS Code gives the webview body. */
    position: fixed;
    inset: 0;
    display: flex;
    flex-direction: column;
    min-height: 0;
    color: var(--vscode-foreground);
    background: var(--vscode-editor-background);
    font-family: var(--vscode-font-family, sans-serif);
    font-size: var(--vscode-font-size, 13px);
  }
  vscode-tabs {
    flex: 1 1 auto;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  vscode-tab-panel:not([hidden]) {
    flex: 1 1 auto;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  vscode-tab-panel > * {
    flex: 1 1 auto;
    min-height: 0;
  }
  vscode-tab-panel > mia-filter-bar,
  vscode-tab-panel > mia-timeline {
    flex: 0 0 auto;
  }
  .split {
    flex: 1 1 auto;
    min-height: 0;
  }
  mia-grid {
    height: 100%;
  }
  mia-detail {
    height: 100%;
    border-left: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
  }
`;
