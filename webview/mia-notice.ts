/**
 * `<mia-notice>`: the bar under the toolbar for what needs the user's attention: a revealed record
 * hidden by the current filter (with a button that clears the filter and shows it), or an error
 * from the host. Error text may quote export content: rendered as text.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatCount } from './logic/timeFormat';

export class MiaNotice extends LitElement {
  static override properties = {
    hiddenRecord: { attribute: false },
    error: { attribute: false },
  };

  static override styles = css`
    .notice {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 8px;
      background: var(--vscode-inputValidation-warningBackground, var(--vscode-editorWidget-background));
      border-bottom: 1px solid
        var(--vscode-inputValidation-warningBorder, var(--vscode-editorWidget-border, transparent));
    }
    .notice.error {
      background: var(--vscode-inputValidation-errorBackground, var(--vscode-editorWidget-background));
      border-bottom-color: var(--vscode-inputValidation-errorBorder, transparent);
    }
    .text {
      flex: 0 1 auto;
      overflow-wrap: anywhere;
    }
  `;

  /** A record the host asked to reveal that the filter hides. */
  hiddenRecord: number | undefined;
  error = '';

  private fire(name: 'mia-clear-and-reveal' | 'mia-dismiss-hidden' | 'mia-dismiss-error'): void {
    this.dispatchEvent(new CustomEvent(name));
  }

  override render(): TemplateResult | typeof nothing {
    if (this.hiddenRecord !== undefined) {
      return html`<div class="notice" role="alert">
        <span class="text">Record ${formatCount(this.hiddenRecord)} is hidden by the current filter.</span>
        <vscode-button class="clear-hidden" @click=${() => this.fire('mia-clear-and-reveal')}
          >Clear filters and show it</vscode-button
        >
        <vscode-button secondary @click=${() => this.fire('mia-dismiss-hidden')}>Dismiss</vscode-button>
      </div>`;
    }
    if (this.error) {
      return html`<div class="notice error" role="alert">
        <span class="text">${this.error}</span>
        <vscode-button secondary @click=${() => this.fire('mia-dismiss-error')}>Dismiss</vscode-button>
      </div>`;
    }
    return nothing;
  }
}

customElements.define('mia-notice', MiaNotice);

declare global {
  interface HTMLElementTagNameMap {
    'mia-notice': MiaNotice;
  }
}
