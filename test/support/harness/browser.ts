import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Harness } from './install';
import { cancelOnExit, runOnExit } from './processes';

/** A headless Chromium with one page, on a fresh profile. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser), with a fresh
 * profile folder and everything that would reach the network turned off.
 */
export async function launchBrowser(harness: Harness): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-chromium-'));
  const removeProfile = (): void => fs.rmSync(profile, { recursive: true, force: true });
  runOnExit(removeProfile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: harness.chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      removeProfile();
      cancelOnExit(removeProfile);
    },
  };
}
