/** `<mia-sources>`: the source files of the investigation and what was read from each. */
import { LitElement, html, type TemplateResult } from 'lit';
import type { SourceSummary } from '../src/protocol/messages';
import { formatCount } from './logic/timeFormat';
import { tableStyles } from './tableStyles';

export class MiaSources extends LitElement {
  static override styles = tableStyles;

  static override properties = {
    sources: { attribute: false },
  };

  sources: SourceSummary[] = [];

  override render(): TemplateResult {
    if (this.sources.length === 0) return html`<div class="summary">No sources yet.</div>`;
    const n = (v: number) => html`<td class="num">${formatCount(v)}</td>`;
    return html`<div class="summary">
        Duplicates are records already read from another row or file (same Id); they count once.
      </div>
      <table>
        <colgroup>
          <col />
          <col width="150" />
          <col width="90" />
          <col width="90" />
          <col width="90" />
          <col width="130" />
          <col width="90" />
        </colgroup>
        <thead>
          <tr>
            <th>File</th>
            <th>Container</th>
            <th class="num">Rows</th>
            <th class="num">Records</th>
            <th class="num">Duplicates</th>
            <th class="num">Other operations</th>
            <th class="num">Rejected</th>
          </tr>
        </thead>
        <tbody>
          ${this.sources.map(
            (s) =>
              html`<tr>
                <td title=${s.path}>${s.path}</td>
                <td title=${s.container}>${s.container}</td>
                ${n(s.rows)}${n(s.records)}${n(s.duplicates)}${n(s.otherOperations)}${n(s.rejected)}
              </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

customElements.define('mia-sources', MiaSources);

declare global {
  interface HTMLElementTagNameMap {
    'mia-sources': MiaSources;
  }
}
