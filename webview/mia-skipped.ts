/**
 * `<mia-skipped>`: rows that are not in the grid, with the reason: rejected rows (unreadable,
 * truncated, …) or records of other operations. Asked from the host with a `skipped` request when
 * the tab is first shown (and again when the counts change). Reasons and paths are shown as text.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { SkippedRow } from '../src/protocol/messages';
import { request } from './hostChannel';
import { formatCount } from './logic/timeFormat';
import { tableStyles } from './tableStyles';

/** Rows asked for at most; the total says how many exist. */
const limit = 5_000;

export class MiaSkipped extends LitElement {
  static override styles = tableStyles;

  static override properties = {
    kind: { attribute: false },
    active: { type: Boolean },
    expected: { type: Number },
    rows: { state: true },
    total: { state: true },
    error: { state: true },
  };

  kind: 'rejected' | 'otherOperations' = 'rejected';
  /** True while the tab is shown; rows are fetched only then. */
  active = false;
  /** Count the sources report; a change means new rows to fetch. */
  expected = 0;
  protected rows: SkippedRow[] | undefined;
  protected total = 0;
  protected error = '';
  private fetchedFor = -1;
  private seq = 0;

  protected override updated(changed: PropertyValues<this>): void {
    if (
      (changed.has('active') || changed.has('expected') || changed.has('kind')) &&
      this.active &&
      this.fetchedFor !== this.expected
    ) {
      this.fetch();
    }
  }

  private fetch(): void {
    const seq = ++this.seq;
    this.fetchedFor = this.expected;
    request('skipped', { kind: this.kind, limit }).then(
      (reply) => {
        if (seq !== this.seq) return;
        this.rows = reply.rows;
        this.total = reply.total;
        this.error = '';
      },
      (error: unknown) => {
        if (seq !== this.seq) return;
        this.fetchedFor = -1;
        this.error = error instanceof Error ? error.message : String(error);
      },
    );
  }

  override render(): TemplateResult {
    const what = this.kind === 'rejected' ? 'rejected rows' : 'records of other operations';
    if (this.error) return html`<div class="error" role="alert">Could not list ${what}: ${this.error}</div>`;
    if (!this.rows) return html`<div class="summary">Loading ${what}…</div>`;
    if (this.total === 0) return html`<div class="summary">No ${what}.</div>`;
    const shown = this.rows.length;
    return html`<div class="summary">
        ${shown < this.total ? `Showing the first ${formatCount(shown)} of ${formatCount(this.total)} ${what}.` : `${formatCount(this.total)} ${what}.`}
        ${
          this.kind === 'rejected'
            ? 'These rows could not be read as MailItemsAccessed records; every row around them was read.'
            : 'These rows are other audit operations; they are counted, not analysed.'
        }
      </div>
      <table>
        <colgroup>
          <col width="38%" />
          <col width="90" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Source</th>
            <th class="num">Line</th>
            <th>${this.kind === 'rejected' ? 'Reason' : 'Operation / reason'}</th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (r) =>
              html`<tr>
                <td title=${r.source}>${r.source}</td>
                <td class="num">${formatCount(r.line)}</td>
                <td class="wrap">${r.reason}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${shown < this.total ? html`<div class="summary">…${formatCount(this.total - shown)} more not shown.</div>` : nothing}`;
  }
}

customElements.define('mia-skipped', MiaSkipped);

declare global {
  interface HTMLElementTagNameMap {
    'mia-skipped': MiaSkipped;
  }
}
