/**
 * The tabs of `<mia-app>`: Records, Rejected rows, Other operations and Sources, with counts in
 * their headers. A template only: the Records tab's content comes from the caller.
 */
import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { VscTabsSelectEvent } from '@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js';
import type { SourceSummary } from '../src/protocol/messages';
import { formatCount } from './logic/timeFormat';
import { viewTabs, type ViewTab } from './logic/uiState';
import './mia-skipped';
import './mia-sources';

function tabHeader(label: string, count: number | undefined): TemplateResult {
  return html`<vscode-tab-header slot="header"
    >${label}${count === undefined || count === 0 ? nothing : html` <vscode-badge variant="counter">${formatCount(count)}</vscode-badge>`}</vscode-tab-header
  >`;
}

/** The view's tabs; `records` is the content of the Records tab. */
export function renderTabs(
  tab: ViewTab,
  sources: readonly SourceSummary[],
  records: TemplateResult,
  onSelect: (tab: ViewTab) => void,
): TemplateResult {
  const sum = (key: 'rejected' | 'otherOperations') => sources.reduce((n, s) => n + s[key], 0);
  return html`<vscode-tabs
    selected-index=${viewTabs.indexOf(tab)}
    @vsc-tabs-select=${(e: VscTabsSelectEvent) => onSelect(viewTabs[e.detail.selectedIndex] ?? 'records')}
  >
    ${tabHeader('Records', undefined)}
    <vscode-tab-panel class="records">${records}</vscode-tab-panel>
    ${tabHeader('Rejected rows', sum('rejected'))}
    <vscode-tab-panel>
      <mia-skipped
        .kind=${'rejected'}
        ?active=${tab === 'rejected'}
        .expected=${sum('rejected')}
      ></mia-skipped>
    </vscode-tab-panel>
    ${tabHeader('Other operations', sum('otherOperations'))}
    <vscode-tab-panel>
      <mia-skipped
        .kind=${'otherOperations'}
        ?active=${tab === 'otherOperations'}
        .expected=${sum('otherOperations')}
      ></mia-skipped>
    </vscode-tab-panel>
    ${tabHeader('Sources', sources.length)}
    <vscode-tab-panel><mia-sources .sources=${sources}></mia-sources></vscode-tab-panel>
  </vscode-tabs>`;
}
