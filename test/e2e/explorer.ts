import type { Page } from 'playwright-core';
import { runCommand, showViewContainer } from './workbench';

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

/**
 * Opens a workspace file with Explorer → Open With… → MailItemsAccessed Investigator. `shot` takes
 * the screenshots of the menu and the picker. The picker is asked for again if it does not show
 * (the context menu can close under a workbench still settling after an earlier test).
 */
export async function openWithFromExplorer(
  page: Page,
  name: string,
  shot?: (label: string) => Promise<unknown>,
): Promise<void> {
  await showViewContainer(page, 'Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const choice = page.locator('.quick-input-list .monaco-list-row', {
    hasText: 'MailItemsAccessed Investigator',
  });
  for (let attempt = 1; ; attempt++) {
    // Select the file alone first: the menu acts on the explorer's selection.
    await row.click();
    await row.click({ button: 'right' });
    const openWith = page.locator('.monaco-menu .action-item', { hasText: /^Open With/ }).first();
    await openWith.waitFor({ state: 'visible' });
    await shot?.('explorer context menu');
    await openWith.click();
    try {
      await choice.waitFor({ state: 'visible', timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await shot?.('open with picker');
  await choice.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}
