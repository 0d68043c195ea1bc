import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';

/** Screenshots of every UI step land here (git-ignored). */
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Numbered screenshots for one test: test-results/screenshots/<test>/<nn>-<step>.png */
export class Steps {
  private count = 0;
  private readonly dir: string;

  constructor(
    private readonly page: Page,
    testTitle: string,
  ) {
    this.dir = path.join(screenshotDir, slug(testTitle));
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** Takes the screenshot of what a failed test left on screen (the CI log names the folder). */
  static async failure(page: Page, testTitle: string): Promise<void> {
    const dir = path.join(screenshotDir, slug(testTitle));
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'failure.png') });
  }

  /** Takes the screenshot of a step. */
  async shot(step: string): Promise<string> {
    this.count += 1;
    const file = path.join(this.dir, `${String(this.count).padStart(2, '0')}-${slug(step)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** The activity-bar entry whose label starts with `label`. */
export function activityBarItem(page: Page, label: string): ReturnType<Page['locator']> {
  return page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first();
}

/**
 * Shows a view container from the activity bar. Clicking the entry of the container already shown
 * would hide the side bar, so it is only clicked when not active.
 */
export async function showViewContainer(page: Page, label: string): Promise<void> {
  const item = activityBarItem(page, label);
  await item.waitFor({ state: 'visible' });
  const active = page.locator(`.activitybar .action-item.checked a[aria-label^="${label}"]`);
  if ((await active.count()) === 0) await item.click();
  await active.first().waitFor({ state: 'visible' });
}

/**
 * Runs a context menu's item and resolves with whether the menu closed (it runs what it closes
 * on). A click on the item can be lost while the workbench is busy: the menu stays open with the
 * item highlighted under the pointer (CI runs saw it on every retry), so the highlighted item is then
 * run with Enter.
 */
export async function chooseMenuItem(
  page: Page,
  item: Locator,
  /** Called right before the click, and before Enter (a timer starts from the one that worked). */
  onAttempt?: () => void,
): Promise<boolean> {
  const menu = page.locator('.context-view .monaco-menu');
  const closes = (timeout: number) =>
    menu.waitFor({ state: 'hidden', timeout }).then(
      () => true,
      () => false,
    );
  onAttempt?.();
  await item.click();
  if (await closes(3_000)) return true;
  await item.hover();
  onAttempt?.();
  await page.keyboard.press('Enter');
  return closes(5_000);
}

/** Opens the command palette and types `text` after the `>` prompt. */
export async function typeInPalette(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${text}`, { timeout: timeoutMs });
}

/**
 * Runs a command from the palette by its title, as a person would. A webview still loading can
 * take the focus and close the palette under the typing (a CI run waited 30 s for its input), so
 * the palette is opened again a few times.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await typeInPalette(page, title, 10_000);
      await row.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * The webview frame whose visible text contains every one of `texts` (webviews are nested iframes;
 * the workbench's own frame is skipped so a tab title cannot match).
 */
export async function webviewFrameWithText(
  page: Page,
  texts: readonly string[],
  timeoutMs = 30_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        // A string expression: this file is compiled without DOM types.
        const text = String(await frame.evaluate('document.body ? document.body.innerText : ""'));
        if (text.trim() && frame.url().includes('webview')) seen = text.trim().slice(0, 300);
        if (texts.every((t) => text.includes(t))) return frame;
      } catch {
        // Frame navigated or detached meanwhile.
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(
    `No webview shows ${JSON.stringify(texts)} (last webview text seen: ${JSON.stringify(seen)})`,
  );
}
