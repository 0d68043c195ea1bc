import type { Locator, Page } from 'playwright-core';

/** The workbench's quick input: its title, a list row by text, and its OK button. */
export interface QuickInput {
  title: Locator;
  row: (text: string) => Locator;
  ok: Locator;
}

export function quickInput(page: Page): QuickInput {
  const widget = page.locator('.quick-input-widget');
  return {
    title: widget.locator('.quick-input-title'),
    row: (text) => widget.locator('.quick-input-list .monaco-list-row', { hasText: text }).first(),
    ok: widget.locator('.quick-input-action .monaco-button', { hasText: 'OK' }).first(),
  };
}
