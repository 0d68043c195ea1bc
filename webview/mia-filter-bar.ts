/**
 * `<mia-filter-bar>`: free text (debounced), one drop-down per facet with counts, a time range
 * typed in the displayed zone, and Clear. It edits drafts locally and emits `mia-filter-change`
 * with the whole new FilterState; the app owns the filter (the host and the timeline set it too).
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import { facetNames, type FacetCounts, type FacetName, type FilterState } from '../src/protocol/messages';
import {
  activeCriteria,
  emptyFilter,
  filtersEqual,
  withFacetValues,
  withText,
  withTimeRange,
} from './logic/filterState';
import { formatInputTime, offsetFor, parseInputTime, type TimeZoneMode } from './logic/timeFormat';
import type { FacetChangeDetail } from './mia-facet';
import './mia-facet';

const textDebounceMs = 250;

const facetLabels: Record<FacetName, string> = {
  mailbox: 'Mailbox',
  access: 'Access',
  session: 'Session',
  ip: 'IP',
  client: 'Client',
  app: 'App',
  throttled: 'Throttled',
};

/** A value of a `vscode-textfield` (or any input) from its event. */
function valueOf(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

export class MiaFilterBar extends LitElement {
  static override properties = {
    filter: { attribute: false },
    facets: { attribute: false },
    timeZone: { attribute: false },
    text: { state: true },
    fromText: { state: true },
    toText: { state: true },
    fromInvalid: { state: true },
    toInvalid: { state: true },
  };

  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 6px;
      padding: 4px 8px;
      border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border, transparent));
    }
    vscode-textfield.text {
      flex: 1 1 240px;
      min-width: 180px;
      max-width: 520px;
    }
    vscode-textfield.time {
      width: 150px;
    }
    .range {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .dash,
    .zone {
      color: var(--vscode-descriptionForeground);
    }
    .facets {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `;

  filter: FilterState = emptyFilter();
  facets: FacetCounts[] = [];
  timeZone: TimeZoneMode = 'utc';
  protected text = '';
  protected fromText = '';
  protected toText = '';
  protected fromInvalid = false;
  protected toInvalid = false;
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  /** The filter this bar last emitted; a different incoming filter came from elsewhere. */
  private emitted: FilterState | undefined;

  /** Focuses the free-text box (Ctrl/Cmd+F). */
  focusText(): void {
    const field = this.renderRoot.querySelector<HTMLElement>('vscode-textfield.text');
    field?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter') && !(this.emitted && filtersEqual(this.emitted, this.filter))) {
      clearTimeout(this.textTimer);
      this.text = this.filter.text;
      this.formatRange();
    } else if (changed.has('timeZone')) {
      this.formatRange();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.textTimer);
  }

  private formatRange(): void {
    const { fromMs, toMs } = this.filter;
    this.fromText = fromMs === undefined ? '' : formatInputTime(fromMs, offsetFor(this.timeZone, fromMs));
    this.toText = toMs === undefined ? '' : formatInputTime(toMs, offsetFor(this.timeZone, toMs));
    this.fromInvalid = false;
    this.toInvalid = false;
  }

  private emit(filter: FilterState): void {
    this.emitted = filter;
    this.dispatchEvent(new CustomEvent('mia-filter-change', { detail: { filter } }));
  }

  private onTextInput(e: Event): void {
    this.text = valueOf(e);
    clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => this.emit(withText(this.filter, this.text)), textDebounceMs);
  }

  private onTextKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      clearTimeout(this.textTimer);
      this.emit(withText(this.filter, this.text));
    } else if (e.key === 'Escape' && this.text) {
      e.stopPropagation();
      clearTimeout(this.textTimer);
      this.text = '';
      this.emit(withText(this.filter, ''));
    }
  }

  /** Applies the typed range: empty clears a bound, an unreadable time marks the box invalid. */
  private applyRange(): void {
    const from = this.fromText.trim() === '' ? undefined : parseInputTime(this.fromText, this.timeZone);
    const to = this.toText.trim() === '' ? undefined : parseInputTime(this.toText, this.timeZone);
    this.fromInvalid = this.fromText.trim() !== '' && from === undefined;
    this.toInvalid = this.toText.trim() !== '' && to === undefined;
    if (this.fromInvalid || this.toInvalid) return;
    if (from === this.filter.fromMs && to === this.filter.toMs) return;
    const next = withTimeRange(this.filter, from, to);
    this.emit(next);
    this.emitted = undefined; // let willUpdate re-format the boxes (a swapped range shows swapped)
  }

  private onFacetChange(e: CustomEvent<FacetChangeDetail>): void {
    this.emit(withFacetValues(this.filter, e.detail.facet, e.detail.values));
  }

  private clear(): void {
    clearTimeout(this.textTimer);
    this.emit(emptyFilter());
    this.emitted = undefined;
  }

  override render(): TemplateResult {
    const zone = this.timeZone === 'utc' ? 'UTC' : 'local';
    const active = activeCriteria(this.filter);
    return html`
      <vscode-textfield
        class="text"
        placeholder="Filter: mailbox, actor, IP, session, client, app, folder, message id, subject…"
        aria-label="Filter text"
        .value=${this.text}
        @input=${(e: Event) => this.onTextInput(e)}
        @keydown=${(e: KeyboardEvent) => this.onTextKeyDown(e)}
      >
        <vscode-icon slot="content-before" name="search"></vscode-icon>
      </vscode-textfield>
      <span class="facets" @mia-facet-change=${(e: CustomEvent<FacetChangeDetail>) => this.onFacetChange(e)}>
        ${facetNames.map(
          (f) =>
            html`<mia-facet
              .facet=${f}
              label=${facetLabels[f]}
              .counts=${this.facets.find((c) => c.facet === f)}
              .selected=${this.filter.facets[f] ?? []}
            ></mia-facet>`,
        )}
      </span>
      <span class="range">
        <vscode-textfield
          class="time from"
          placeholder="From (${zone})"
          aria-label="From time (${zone})"
          .value=${this.fromText}
          ?invalid=${this.fromInvalid}
          @input=${(e: Event) => (this.fromText = valueOf(e))}
          @change=${() => this.applyRange()}
        ></vscode-textfield>
        <span class="dash">–</span>
        <vscode-textfield
          class="time to"
          placeholder="To (${zone})"
          aria-label="To time, exclusive (${zone})"
          .value=${this.toText}
          ?invalid=${this.toInvalid}
          @input=${(e: Event) => (this.toText = valueOf(e))}
          @change=${() => this.applyRange()}
        ></vscode-textfield>
      </span>
      ${
        active > 0
          ? html`<vscode-button secondary icon="clear-all" class="clear" @click=${() => this.clear()}
              >Clear filters (${active})</vscode-button
            >`
          : nothing
      }
    `;
  }
}

customElements.define('mia-filter-bar', MiaFilterBar);

declare global {
  interface HTMLElementTagNameMap {
    'mia-filter-bar': MiaFilterBar;
  }
}
