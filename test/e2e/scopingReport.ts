import type { Page } from 'playwright-core';
import { runCommand } from './workbench';
import { quickInput } from './quickInput';

/**
 * Runs "MIA: Create Scoping Report…" on the active investigation and answers its prompts as a
 * person wanting everything would: every mailbox, all data, every context, then `format` (the
 * label the format pick shows, such as `HTML` or `Markdown`).
 */
export async function createWholeScopingReport(page: Page, format: string): Promise<void> {
  await runCommand(page, 'MIA: Create Scoping Report…');
  const { title, row, ok } = quickInput(page);
  await title.filter({ hasText: 'mailboxes' }).waitFor({ timeout: 60_000 });
  await ok.click();
  await title.filter({ hasText: 'time window' }).waitFor();
  await row('All data').click();
  await title.filter({ hasText: 'contexts' }).waitFor();
  await ok.click();
  await title.filter({ hasText: 'format' }).waitFor();
  await row(format).click();
}
