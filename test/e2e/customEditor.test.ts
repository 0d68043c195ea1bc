import * as assert from 'node:assert/strict';
import { showViewContainer, Steps, webviewFrameWithText } from './workbench';
import { session } from './workbenchSession';

describe('opening an export in the investigator (UI)', () => {
  it('opens an export from the explorer with "Open With…" and the webview shows it', async function () {
    const { page, exports } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const { name, records } = exports.jsonl;

    await showViewContainer(page, 'Explorer');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
    await row.waitFor({ state: 'visible' });
    await row.click({ button: 'right' });
    const openWith = page.locator('.monaco-menu .action-item', { hasText: /^Open With/ }).first();
    await openWith.waitFor({ state: 'visible' });
    await steps.shot('explorer context menu');

    await openWith.click();
    const choice = page.locator('.quick-input-list .monaco-list-row', {
      hasText: 'MailItemsAccessed Investigator',
    });
    await choice.waitFor({ state: 'visible' });
    await steps.shot('open with picker');

    const consoleBefore = session().console.length;
    await choice.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    // The file name and the record count come from the extension host, rendered by the webview.
    const frame = await webviewFrameWithText(page, [name, `${records} records`]);
    assert.equal((await frame.locator('#title').innerText()).trim(), name);
    await steps.shot('investigator webview');

    const violations = session()
      .console.slice(consoleBefore)
      .map((m) => m.text())
      .filter((text) => /Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(text));
    assert.deepEqual(violations, [], 'no CSP violation while the editor opened');
  });
});
