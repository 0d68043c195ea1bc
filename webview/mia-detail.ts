/**
 * `<mia-detail>`: the selected record, asked from the host with a `detail` request: normalised
 * fields, folders and their messages, the raw AuditData (re-read from disk by the host) as text in
 * a <pre>, provenance, and the copy/open/reveal actions. All export text goes through Lit text
 * bindings; nothing is parsed as HTML.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { DetailMessage, RecordDetail, RequestName } from '../src/protocol/messages';
import { request } from './hostChannel';
import { formatCount, formatDateTime, formatOffset, offsetFor, type TimeZoneMode } from './logic/timeFormat';

/** Wait before asking for a record while the selection is still moving (held arrow key). */
const settleMs = 120;

export class MiaDetail extends LitElement {
  static override properties = {
    record: { type: Number },
    retryKey: { type: Number },
    metadataVersion: { type: Number },
    timeZone: { attribute: false },
    detail: { state: true },
    error: { state: true },
    loading: { state: true },
    actionNote: { state: true },
  };

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
      overflow: auto;
      padding: 6px 10px 10px;
      box-sizing: border-box;
      color: var(--vscode-foreground);
    }
    :host(:focus) {
      outline: 1px solid var(--vscode-focusBorder);
      outline-offset: -1px;
    }
    .placeholder {
      color: var(--vscode-descriptionForeground);
      padding: 8px 0;
    }
    .title {
      font-weight: 600;
      margin: 2px 0 6px;
    }
    .title .sub {
      font-weight: normal;
      color: var(--vscode-descriptionForeground);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-bottom: 8px;
    }
    h3 {
      font-size: 11px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--vscode-descriptionForeground);
      margin: 12px 0 4px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 1px 12px;
      margin: 0;
    }
    dt {
      color: var(--vscode-descriptionForeground);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      user-select: text;
    }
    .folder {
      margin: 4px 0 2px;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .folder .count {
      font-weight: normal;
      color: var(--vscode-descriptionForeground);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      table-layout: fixed;
      margin-bottom: 4px;
    }
    th,
    td {
      text-align: left;
      padding: 1px 6px 1px 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      user-select: text;
    }
    th {
      font-weight: normal;
      color: var(--vscode-descriptionForeground);
    }
    th.size,
    td.size {
      width: 72px;
      text-align: right;
      padding-right: 10px;
    }
    pre {
      margin: 0;
      padding: 6px 8px;
      background: var(--vscode-textCodeBlock-background, var(--vscode-editorWidget-background));
      border: 1px solid var(--vscode-editorWidget-border, transparent);
      font-family: var(--vscode-editor-font-family, monospace);
      font-size: var(--vscode-editor-font-size, 12px);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      user-select: text;
    }
    .error,
    .note {
      margin: 4px 0;
    }
    .error {
      color: var(--vscode-errorForeground);
    }
    .note {
      color: var(--vscode-descriptionForeground);
    }
  `;

  /** Record index to show, or undefined for none. */
  record: number | undefined;
  timeZone: TimeZoneMode = 'utc';
  /** Changes as records load; a failed read is retried then (the record may not be loaded yet). */
  retryKey = 0;
  /** Changes when message metadata is added: the detail is fetched again. */
  metadataVersion = 0;
  protected detail: RecordDetail | undefined;
  protected error = '';
  protected loading = false;
  protected actionNote = '';
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    if (
      changed.has('record') ||
      (changed.has('retryKey') && this.error !== '') ||
      changed.has('metadataVersion')
    )
      this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const record = this.record;
    const seq = ++this.seq;
    this.actionNote = '';
    if (record === undefined) {
      this.detail = undefined;
      this.error = '';
      this.loading = false;
      return;
    }
    this.loading = true;
    this.timer = setTimeout(() => {
      request('detail', { record }).then(
        (detail) => {
          if (seq !== this.seq) return;
          this.detail = detail;
          this.error = '';
          this.loading = false;
        },
        (error: unknown) => {
          if (seq !== this.seq) return;
          this.detail = undefined;
          this.error = error instanceof Error ? error.message : String(error);
          this.loading = false;
        },
      );
    }, settleMs);
  }

  private act(name: Extract<RequestName, 'copyRaw' | 'openRaw' | 'revealSource'>, done: string): void {
    const record = this.detail?.record;
    if (record === undefined) return;
    request(name, { record }).then(
      () => (this.actionNote = done),
      (error: unknown) =>
        (this.actionNote = `Failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private renderFolderHeading(folder: RecordDetail['folders'][number]): TemplateResult {
    const n = folder.items.length;
    const count = n === 0 ? 'no items listed' : `${formatCount(n)} ${n === 1 ? 'item' : 'items'}`;
    return html`<div class="folder">
      <span class="path">${folder.path}</span> <span class="count">(${count})</span>
    </div>`;
  }

  /** Sender, date and attachments of a message, from the investigation's message metadata. */
  private renderMessageMetadata(item: DetailMessage): TemplateResult {
    const date =
      item.dateMs === undefined
        ? ''
        : formatDateTime(item.dateMs, offsetFor(this.timeZone, item.dateMs), true);
    const attachments = item.hasAttachments === undefined ? '' : item.hasAttachments ? 'yes' : 'no';
    return html`<td title=${item.sender ?? ''}>${item.sender ?? ''}</td>
      <td>${date}</td>
      <td>${attachments}</td>`;
  }

  private renderFolders(detail: RecordDetail): TemplateResult {
    if (detail.folders.length === 0) return html`<div class="placeholder">No folders.</div>`;
    return html`${detail.folders.map(
      (folder) =>
        html`${this.renderFolderHeading(folder)}
        ${
          folder.items.length === 0
            ? nothing
            : html`<table>
                <thead>
                  <tr>
                    <th>Message id</th>
                    <th class="size">Size</th>
                    <th>Subject</th>
                    ${
                      hasMeta(folder.items)
                        ? html`<th>Sender</th>
                            <th>Date</th>
                            <th>Attachments</th>`
                        : nothing
                    }
                  </tr>
                </thead>
                <tbody>
                  ${folder.items.map(
                    (item) =>
                      html`<tr>
                        <td title=${item.internetMessageId}>${item.internetMessageId}</td>
                        <td class="size">
                          ${item.sizeInBytes === undefined ? '' : formatCount(item.sizeInBytes)}
                        </td>
                        <td title=${item.subject ?? ''}>${item.subject ?? ''}</td>
                        ${hasMeta(folder.items) ? this.renderMessageMetadata(item) : nothing}
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }`,
    )}`;
  }

  override render(): TemplateResult {
    const d = this.detail;
    if (this.record === undefined)
      return html`<div class="placeholder">Select a record to see its details.</div>`;
    if (this.error)
      return html`<div class="error" role="alert">Could not read record ${this.record}: ${this.error}</div>`;
    if (!d || d.record !== this.record)
      return html`<div class="placeholder">${this.loading ? 'Loading record…' : ''}</div>`;
    const offset = offsetFor(this.timeZone, d.timeMs);
    const zone = this.timeZone === 'utc' ? 'UTC' : formatOffset(offset);
    return html`
      <div class="title">
        ${formatDateTime(d.timeMs, offset, true)} ${zone}
        <span class="sub">· record ${formatCount(d.record)} · ${d.id}</span>
      </div>
      <div class="actions">
        <vscode-button secondary icon="copy" @click=${() => this.act('copyRaw', 'Raw JSON copied.')}
          >Copy raw JSON</vscode-button
        >
        <vscode-button secondary icon="go-to-file" @click=${() => this.act('openRaw', 'Opened in an editor.')}
          >Open raw record</vscode-button
        >
        <vscode-button
          secondary
          icon="file-code"
          @click=${() => this.act('revealSource', 'Revealed in the source file.')}
          >Reveal line in source</vscode-button
        >
      </div>
      ${this.actionNote ? html`<div class="note" role="status">${this.actionNote}</div>` : nothing}
      <h3>Fields</h3>
      <dl class="fields">
        ${d.fields.map(
          (f) =>
            html`<dt>${f.name}</dt>
              <dd>${f.value}</dd>`,
        )}
        ${
          d.labels?.ip === undefined
            ? nothing
            : html`<dt>IP label</dt>
                <dd class="label">${d.labels.ip}</dd>`
        }
        ${
          d.labels?.app === undefined
            ? nothing
            : html`<dt>App label</dt>
                <dd class="label">
                  ${d.labels.app}${d.labels.appFlagged ? ' — flagged for review' : ''}${
                    d.labels.appNote ? html`<div class="sub">${d.labels.appNote}</div>` : nothing
                  }
                </dd>`
        }
      </dl>
      <h3>Folders and messages</h3>
      ${this.renderFolders(d)}
      <h3>Provenance</h3>
      <dl class="provenance">
        <dt>File</dt>
        <dd>${d.provenance.path}</dd>
        <dt>Line</dt>
        <dd>${formatCount(d.provenance.line)}</dd>
        <dt>Byte offset</dt>
        <dd>${formatCount(d.provenance.offset)}</dd>
      </dl>
      <h3>Raw AuditData</h3>
      <pre class="raw">${d.rawJson}</pre>
    `;
  }
}

customElements.define('mia-detail', MiaDetail);

declare global {
  interface HTMLElementTagNameMap {
    'mia-detail': MiaDetail;
  }
}

/** True when metadata told anything about one of these messages (the extra columns are shown). */
function hasMeta(items: readonly DetailMessage[]): boolean {
  return items.some(
    (i) => i.sender !== undefined || i.dateMs !== undefined || i.hasAttachments !== undefined,
  );
}
