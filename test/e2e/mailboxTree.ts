import type { Locator, Page } from 'playwright-core';
import { runCommand, showViewContainer } from './workbench';

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

/** Opens a workspace file in the investigator from the explorer's context menu, as a person would. */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  // Start from a clean editor area: an earlier test may have left the export (and raw records)
  // open in another group, where its tab is not the active one.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  await showViewContainer(page, 'Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  // The file was written while the workbench ran: the explorer may not have noticed yet.
  if (!(await row.isVisible())) await runCommand(page, 'File: Refresh Explorer');
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  // Select the file alone first: "Open Audit Export…" opens the whole explorer selection.
  await row.click();
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: 'Open Audit Export…' }).first();
  await item.waitFor({ state: 'visible' });
  await item.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 60_000 });
}
