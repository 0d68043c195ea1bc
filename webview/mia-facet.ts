/**
 * `<mia-facet>`: a drop-down of one facet's values with their counts (from the `query` reply) and
 * check boxes. Values are export strings (IPs, client strings, app ids): shown as text only.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { FacetCounts, FacetName } from '../src/protocol/messages';
import { formatCount } from './logic/timeFormat';

/** Detail of `mia-facet-change`. */
export interface FacetChangeDetail {
  facet: FacetName;
  values: string[];
}

export class MiaFacet extends LitElement {
  static override properties = {
    facet: { attribute: false },
    label: { type: String },
    counts: { attribute: false },
    selected: { attribute: false },
    open: { state: true },
    search: { state: true },
    alignRight: { state: true },
  };

  static override styles = css`
    :host {
      position: relative;
      display: inline-block;
    }
    .trigger {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 24px;
      padding: 0 6px;
      font: inherit;
      color: var(--vscode-foreground);
      background: var(--vscode-dropdown-background, var(--vscode-input-background));
      border: 1px solid var(--vscode-dropdown-border, var(--vscode-input-border, transparent));
      border-radius: 2px;
      cursor: pointer;
      white-space: nowrap;
    }
    .trigger:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
      outline-offset: -1px;
    }
    .trigger.active {
      border-color: var(--vscode-focusBorder);
    }
    .badge {
      min-width: 14px;
      padding: 0 4px;
      border-radius: 8px;
      font-size: 11px;
      line-height: 16px;
      text-align: center;
      background: var(--vscode-badge-background);
      color: var(--vscode-badge-foreground);
    }
    .chevron {
      font-size: 9px;
      color: var(--vscode-descriptionForeground);
    }
    .popup {
      position: absolute;
      top: 28px;
      left: 0;
      z-index: 20;
      width: 340px;
      max-width: 90vw;
      display: flex;
      flex-direction: column;
      background: var(--vscode-quickInput-background, var(--vscode-editorWidget-background));
      color: var(--vscode-quickInput-foreground, var(--vscode-foreground));
      border: 1px solid var(--vscode-widget-border, var(--vscode-editorWidget-border, transparent));
      box-shadow: 0 2px 8px var(--vscode-widget-shadow, transparent);
      padding: 4px;
    }
    .popup.right {
      left: auto;
      right: 0;
    }
    input.search {
      font: inherit;
      color: var(--vscode-input-foreground);
      background: var(--vscode-input-background);
      border: 1px solid var(--vscode-input-border, transparent);
      padding: 2px 4px;
      margin-bottom: 4px;
      outline: none;
    }
    input.search:focus {
      border-color: var(--vscode-focusBorder);
    }
    .list {
      max-height: 300px;
      overflow: auto;
    }
    label.opt {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: 6px;
      height: 22px;
      padding: 0 4px;
      cursor: pointer;
    }
    label.opt:hover {
      background: var(--vscode-list-hoverBackground);
    }
    input[type='checkbox'] {
      margin: 0;
      accent-color: var(--vscode-checkbox-background, var(--vscode-focusBorder));
    }
    .value {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .value.none {
      font-style: italic;
      color: var(--vscode-descriptionForeground);
    }
    .count {
      color: var(--vscode-descriptionForeground);
      font-variant-numeric: tabular-nums;
    }
    .foot {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 4px 0;
      color: var(--vscode-descriptionForeground);
      font-size: 12px;
    }
    button.link {
      font: inherit;
      background: none;
      border: none;
      padding: 0;
      color: var(--vscode-textLink-foreground);
      cursor: pointer;
    }
  `;

  facet: FacetName = 'mailbox';
  label = '';
  counts: FacetCounts | undefined;
  selected: string[] = [];
  protected open = false;
  protected search = '';
  protected alignRight = false;
  private readonly onOutside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private toggleOpen(): void {
    this.open = !this.open;
    if (this.open) {
      const rect = this.getBoundingClientRect();
      this.alignRight = rect.left + 340 > window.innerWidth;
      this.search = '';
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>('input.search')?.focus(),
      );
    }
  }

  private emit(values: string[]): void {
    const detail: FacetChangeDetail = { facet: this.facet, values };
    this.dispatchEvent(new CustomEvent('mia-facet-change', { detail, bubbles: true, composed: true }));
  }

  private toggleValue(value: string): void {
    const next = this.selected.includes(value)
      ? this.selected.filter((v) => v !== value)
      : [...this.selected, value];
    this.emit(next);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.open = false;
      this.renderRoot.querySelector<HTMLButtonElement>('.trigger')?.focus();
    }
  }

  private renderOption(value: string, count: number | undefined): TemplateResult {
    return html`<label class="opt" title=${value}>
      <input
        type="checkbox"
        .checked=${this.selected.includes(value)}
        @change=${() => this.toggleValue(value)}
      />
      <span class="value ${value === '' ? 'none' : ''}">${value === '' ? '(none)' : value}</span>
      <span class="count">${count === undefined ? '' : formatCount(count)}</span>
    </label>`;
  }

  private renderPopup(): TemplateResult {
    const needle = this.search.trim().toLowerCase();
    const values = this.counts?.values ?? [];
    const listed = new Set(values.map((v) => v.value));
    // Selected values the current counts no longer list stay visible so they can be unchecked.
    const orphans = this.selected.filter((v) => !listed.has(v));
    const shown = values.filter((v) => !needle || v.value.toLowerCase().includes(needle));
    return html`<div
      class="popup ${this.alignRight ? 'right' : ''}"
      role="dialog"
      aria-label="${this.label} values"
    >
      <input
        class="search"
        type="text"
        placeholder="Search ${this.label.toLowerCase()} values"
        .value=${this.search}
        @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
      />
      <div class="list" role="group">
        ${orphans.map((v) => this.renderOption(v, 0))}
        ${shown.map((v) => this.renderOption(v.value, v.count))}
        ${shown.length === 0 && orphans.length === 0 ? html`<div class="foot">No values.</div>` : nothing}
      </div>
      <div class="foot">
        <span
          >${this.counts && this.counts.more > 0 ? `${formatCount(this.counts.more)} more values not listed` : ''}</span
        >
        ${this.selected.length > 0 ? html`<button class="link" @click=${() => this.emit([])}>Clear</button>` : nothing}
      </div>
    </div>`;
  }

  override render(): TemplateResult {
    const n = this.selected.length;
    return html`<span @keydown=${(e: KeyboardEvent) => this.onKeyDown(e)}>
      <button
        class="trigger ${n > 0 ? 'active' : ''}"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        data-facet=${this.facet}
        @click=${() => this.toggleOpen()}
      >
        ${this.label}${n > 0 ? html`<span class="badge">${n}</span>` : nothing}<span
          class="chevron"
          aria-hidden="true"
          >▼</span
        >
      </button>
      ${this.open ? this.renderPopup() : nothing}
    </span>`;
  }
}

customElements.define('mia-facet', MiaFacet);

declare global {
  interface HTMLElementTagNameMap {
    'mia-facet': MiaFacet;
  }
}
