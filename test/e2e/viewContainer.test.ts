import * as assert from 'node:assert/strict';
import { activityBarItem, showViewContainer, Steps } from './workbench';
import { session } from './workbenchSession';

describe('the MailItemsAccessed view container (UI)', () => {
  it('appears in the activity bar and shows the Mailboxes and Findings views with a welcome', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const item = activityBarItem(page, 'MailItemsAccessed');
    await item.waitFor({ state: 'visible' });
    await steps.shot('activity bar shows MailItemsAccessed');

    await showViewContainer(page, 'MailItemsAccessed');
    const sidebar = page.locator('#workbench\\.parts\\.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Mailboxes' }).waitFor();
    await sidebar.locator('.pane-header', { hasText: 'Findings' }).waitFor();
    assert.match((await sidebar.locator('.composite.title').innerText()).toUpperCase(), /MAILITEMSACCESSED/);
    const open = sidebar.locator('.welcome-view-content .monaco-button', { hasText: 'Open Audit Export…' });
    await open.waitFor({ state: 'visible' });
    await steps.shot('views with welcome');
  });
});
