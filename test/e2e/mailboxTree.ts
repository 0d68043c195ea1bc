import type { Locator, Page } from 'playwright-core';

/** The MailItemsAccessed container's Mailboxes pane. */
export function mailboxPane(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.sidebar .pane', {
    has: page.locator('.pane-header', { hasText: 'Mailboxes' }),
  });
}

/** The first Mailboxes tree row whose label holds `label`. */
export function treeRow(page: Page, label: string): Locator {
  return mailboxPane(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
}

/**
 * Expands `row` until `child` shows. A click toggles, and the tree keeps a node's expansion across
 * refreshes and earlier tests (or re-renders it while loading ends), so the row is clicked only
 * while it reads collapsed, and again if a refresh collapsed it.
 */
export async function expandTreeRow(row: Locator, child: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    try {
      await child.waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
