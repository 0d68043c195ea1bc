/**
 * The top of `<mia-app>`: the toolbar ("N of M records", load progress, time zone and detail
 * toggles) and the notice line (a revealed record the filter hides, an error). A template only.
 */
import { html, type TemplateResult } from 'lit';
import type { LoadState } from '../src/protocol/messages';
import type { UiState } from './logic/uiState';
import './mia-notice';
import './mia-toolbar';

/** What the header shows. */
export interface HeaderView {
  heading: string;
  matched: number;
  total: number;
  load: LoadState | undefined;
  timeZone: UiState['timeZone'];
  hostTimeZone: string;
  detailVisible: boolean;
  querying: boolean;
  hiddenRecord: number | undefined;
  error: string;
}

/** What the header asks of `<mia-app>`. */
export interface HeaderEvents {
  toggleZone(): void;
  toggleDetail(): void;
  clearAndReveal(): void;
  dismissHidden(): void;
  dismissError(): void;
}

/** Toolbar and notice line. */
export function renderHeader(v: HeaderView, on: HeaderEvents): TemplateResult {
  return html`<mia-toolbar
      .heading=${v.heading}
      .matched=${v.matched}
      .total=${v.total}
      .load=${v.load}
      .timeZone=${v.timeZone}
      .hostTimeZone=${v.hostTimeZone}
      .detailVisible=${v.detailVisible}
      .querying=${v.querying}
      @mia-toggle-zone=${() => on.toggleZone()}
      @mia-toggle-detail=${() => on.toggleDetail()}
    ></mia-toolbar>
    <mia-notice
      .hiddenRecord=${v.hiddenRecord}
      .error=${v.error}
      @mia-clear-and-reveal=${() => on.clearAndReveal()}
      @mia-dismiss-hidden=${() => on.dismissHidden()}
      @mia-dismiss-error=${() => on.dismissError()}
    ></mia-notice>`;
}
