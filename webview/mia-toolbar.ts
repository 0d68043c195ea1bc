/**
 * `<mia-toolbar>`: the investigation title, the always-visible "N of M records" count (id
 * `record-count`), load progress from the host's `init`/`load` notifications, and the UTC/local
 * and detail-pane toggles.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { LoadState } from '../src/protocol/messages';
import { formatBytes, formatCount, recordCountText, type TimeZoneMode } from './logic/timeFormat';

export class MiaToolbar extends LitElement {
  static override properties = {
    heading: { attribute: false },
    matched: { type: Number },
    total: { type: Number },
    load: { attribute: false },
    timeZone: { attribute: false },
    hostTimeZone: { attribute: false },
    detailVisible: { type: Boolean },
    querying: { type: Boolean },
  };

  static override styles = css`
    :host {
      display: block;
      position: relative;
      border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 4px 8px;
      min-height: 26px;
    }
    .title {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      min-width: 0;
      flex: 0 1 auto;
    }
    #record-count {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
      padding: 1px 8px;
      border-radius: 10px;
      background: var(--vscode-badge-background);
      color: var(--vscode-badge-foreground);
    }
    .status {
      color: var(--vscode-descriptionForeground);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      min-width: 0;
    }
    .status.failed {
      color: var(--vscode-errorForeground);
    }
    .spacer {
      flex: 1 1 auto;
    }
    vscode-progress-bar {
      position: absolute;
      left: 0;
      right: 0;
      bottom: -1px;
    }
  `;

  heading = '';
  matched = 0;
  total = 0;
  load: LoadState | undefined;
  timeZone: TimeZoneMode = 'utc';
  hostTimeZone = '';
  detailVisible = true;
  /** A query is running (shown as an indeterminate bar once loading is over). */
  querying = false;

  private renderStatus(): TemplateResult | typeof nothing {
    const l = this.load;
    if (!l) return html`<span class="status">Waiting for the extension…</span>`;
    switch (l.phase) {
      case 'loading': {
        const pct = l.totalBytes > 0 ? Math.floor((l.bytesRead / l.totalBytes) * 100) : undefined;
        return html`<span class="status" role="status"
          >Loading… ${pct === undefined ? '' : `${pct}% · `}${formatCount(l.records)} records
          read${
            l.totalBytes > 0 ? ` (${formatBytes(l.bytesRead)} of ${formatBytes(l.totalBytes)})` : ''
          }</span
        >`;
      }
      case 'failed':
        return html`<span class="status failed" role="alert"
          >Loading failed: ${l.message ?? 'unknown error'}</span
        >`;
      case 'cancelled':
        return html`<span class="status" role="status"
          >Loading cancelled — ${formatCount(l.records)} records read.</span
        >`;
      case 'ready':
        return l.message ? html`<span class="status">${l.message}</span>` : nothing;
    }
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const l = this.load;
    if (l?.phase === 'loading') {
      return l.totalBytes > 0
        ? html`<vscode-progress-bar
            aria-label="Loading"
            .value=${l.bytesRead}
            .max=${l.totalBytes}
          ></vscode-progress-bar>`
        : html`<vscode-progress-bar aria-label="Loading" indeterminate></vscode-progress-bar>`;
    }
    return this.querying
      ? html`<vscode-progress-bar aria-label="Querying" indeterminate></vscode-progress-bar>`
      : nothing;
  }

  private fire(name: string): void {
    this.dispatchEvent(new CustomEvent(name));
  }

  override render(): TemplateResult {
    const zoneLabel =
      this.timeZone === 'utc' ? 'UTC' : `Local${this.hostTimeZone ? ` (${this.hostTimeZone})` : ''}`;
    return html`<div class="bar">
        <span class="title" title=${this.heading}>${this.heading || 'Audit export'}</span>
        <span id="record-count" aria-live="polite">${recordCountText(this.matched, this.total)}</span>
        ${this.renderStatus()}
        <span class="spacer"></span>
        <vscode-button
          secondary
          icon="globe"
          class="zone"
          title="Show times in ${this.timeZone === 'utc' ? 'local time' : 'UTC'}"
          @click=${() => this.fire('mia-toggle-zone')}
          >${zoneLabel}</vscode-button
        >
        <vscode-button
          secondary
          icon=${this.detailVisible ? 'layout-sidebar-right' : 'layout-sidebar-right-off'}
          class="detail-toggle"
          title="${this.detailVisible ? 'Hide' : 'Show'} the detail pane"
          @click=${() => this.fire('mia-toggle-detail')}
          >Detail</vscode-button
        >
      </div>
      ${this.renderProgress()}`;
  }
}

customElements.define('mia-toolbar', MiaToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'mia-toolbar': MiaToolbar;
  }
}
