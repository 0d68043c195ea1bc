import type { Frame, Page } from 'playwright-core';

const grouped = new Intl.NumberFormat('en-US');

/** The investigator's "N of M records" text. */
export const countText = (matched: number, total: number): string =>
  `${grouped.format(matched)} of ${grouped.format(total)} ${total === 1 ? 'record' : 'records'}`;

/** Any "N of M records" text: the investigator has answered its first query. */
export const anyCount = /^[\d,]+ of [\d,]+ records?$/;

/**
 * The investigator's webview frame once its record count reads `count` (or matches it; shadow DOM
 * is pierced).
 */
export async function investigatorFrame(
  page: Page,
  count: string | RegExp,
  timeoutMs = 60_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        const counter = frame.locator('mia-app #record-count');
        if ((await counter.count()) === 0) continue;
        seen = (await counter.innerText({ timeout: 1000 })).trim();
        if (typeof count === 'string' ? seen === count : count.test(seen)) return frame;
      } catch {
        // Frame navigated or detached meanwhile.
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`No investigator webview shows "${count}" (last seen: "${seen}")`);
}
