import type { Frame, Locator, Page } from 'playwright-core';
import { anyCount, investigatorFrame } from './investigatorView';
import { chooseMenuItem, runCommand, showViewContainer } from './workbench';

/**
 * Opens a workspace file in the investigator from the explorer's context menu, as a person would.
 * The explorer inserts rows while the file watcher reports files an earlier step wrote, and a click
 * computed before such a shift lands on the next row (a run opened a neighbouring export this way),
 * so the rows the menu will act on are checked before it is used. The menu is used
 * again if no tab shows (the menu can close under a workbench still settling after an earlier test;
 * opening an open export again only shows it).
 */
export async function openFromExplorer(
  page: Page,
  name: string,
  /** Called right before each try of the menu item (see `chooseMenuItem`): the bench times from it. */
  onAttempt?: () => void,
): Promise<void> {
  // Start from a clean editor area: an earlier test may have left the export (and raw records)
  // open in another group, where its tab is not the active one.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  const row = await explorerRow(page, name);
  for (let attempt = 1; ; attempt++) {
    // Select the file alone first: "Open Audit Export…" opens the whole explorer selection.
    await row.click();
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Open Audit Export…' }).first();
    await item.waitFor({ state: 'visible' });
    // The menu acts on the right-clicked (focused) row, or the selection holding it.
    const chosen = await page
      .locator('.explorer-folders-view .monaco-list-row:is(.selected, .focused)')
      .allInnerTexts();
    if (chosen.length !== 1 || !chosen[0].includes(name)) {
      if (attempt >= 5) throw new Error(`the explorer chose ${JSON.stringify(chosen)}, not ${name}`);
      await page.keyboard.press('Escape');
      continue;
    }
    // The menu must close: a tab of the file's name is no proof, the click that selected the row
    // previewed the file in a text editor under that name.
    const closed = await chooseMenuItem(page, item, onAttempt);
    try {
      if (!closed) throw new Error(`the explorer's menu did not run Open Audit Export… on ${name}`);
      await page.waitForFunction(investigatorActive(name), undefined, { timeout: 30_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * `openFromExplorer`, then the investigator's frame once it has answered its first query. VS Code
 * gives a custom editor's webview the focus once it has loaded: the palette or a key press sent
 * before that closes under it or lands in it (a CI run's report command never ran so). The bench
 * calls `openFromExplorer` alone: it times the first rows itself.
 */
export async function openInvestigator(page: Page, name: string): Promise<Frame> {
  await openFromExplorer(page, name);
  return investigatorFrame(page, anyCount);
}

/**
 * A page expression: the active editor group's active tab is `name` and it shows no text editor
 * (the investigator is a webview; a text editor of the export would show a Monaco editor).
 */
function investigatorActive(name: string): string {
  return `(() => {
    const group = document.querySelector('.editor-group-container.active');
    const tab = group && group.querySelector('.tabs-container .tab.active');
    return !!tab && tab.textContent.includes(${JSON.stringify(name)}) &&
      group.querySelector('.editor-container .monaco-editor') === null;
  })()`;
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
  const row = await explorerRow(page, name);
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
    // A CI run under load saw three clicks on the item do nothing: later attempts choose it with
    // the keyboard instead (hovering focuses a menu item; Enter runs the focused one).
    if (attempt === 1) await openWith.click();
    else {
      await openWith.hover();
      await page.keyboard.press('Enter');
    }
    try {
      await choice.waitFor({ state: 'visible', timeout: 15_000 });
      break;
    } catch (error) {
      await shot?.(`"Open With…" attempt ${attempt} showed no picker`);
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await shot?.('open with picker');
  await choice.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/**
 * The explorer's row for a workspace file. Tests write their exports while the workbench runs, and
 * the file watcher may not report them for a while (a CI run waited 30 s in vain): the explorer is
 * refreshed from its own title bar until the row shows.
 */
export async function explorerRow(page: Page, name: string): Promise<Locator> {
  await showViewContainer(page, 'Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  for (let attempt = 1; ; attempt++) {
    try {
      await row.waitFor({ state: 'visible', timeout: 8_000 });
      return row;
    } catch (error) {
      if (attempt >= 4) throw error;
      await refreshExplorer(page);
    }
  }
}

/** Clicks "Refresh Explorer" in the folders view's title bar (its actions show while hovered). */
async function refreshExplorer(page: Page): Promise<void> {
  const pane = page.locator('.pane', { has: page.locator('.explorer-folders-view') }).first();
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .action-label[aria-label^="Refresh Explorer"]').first().click();
}
