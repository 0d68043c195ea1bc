import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMailboxModel } from '../../src/core/browse/mailboxModel';
import { loadInvestigation } from '../../src/core/investigation/investigation';
import { fixturePath } from '../support/paths';
import { runCommand, showViewContainer, Steps, webviewFrameWithText } from './workbench';
import { session } from './workbenchSession';
import { openInvestigator } from './explorer';
import { expandTreeRow, mailboxPane, treeRow } from './mailboxTree';
import { createWholeScopingReport } from './scopingReport';

/** A published sample the workbench session copied into the workspace. */
const EXPORT = 'devcooks-2022-owa-bind-two-folders.json';
/** The Purview Results.csv fixture whose ids match that sample's messages. */
const METADATA = 'purview-results.csv';

describe('message metadata in the workbench (UI)', () => {
  it('adds a Results.csv from the command palette; the tree and a scoping report made in the workbench show the subjects', async function () {
    const { page, workspace } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const metadataPath = path.join(workspace, 'Results.csv');
    fs.copyFileSync(fixturePath('metadata', METADATA), metadataPath);
    const investigation = await loadInvestigation([path.join(workspace, EXPORT)]);
    const [mailbox] = buildMailboxModel(investigation.records);
    await investigation.close();
    const inbox = mailbox.folders.find((f) =>
      f.messages.some(
        (m) => m.key === 'ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com',
      ),
    );
    assert.ok(inbox, 'the sample lists the message in a folder');

    await openInvestigator(page, EXPORT);
    await showViewContainer(page, 'MailItemsAccessed');
    const box = treeRow(page, mailbox.mailbox);
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    const folderRow = treeRow(page, inbox.path);
    await expandTreeRow(box, folderRow);
    const idRow = treeRow(page, inbox.messages[0].internetMessageId);
    await expandTreeRow(folderRow, idRow);
    assert.equal(
      await treeRow(page, 'Q3 budget review').count(),
      0,
      'no subject before the metadata is added',
    );
    await steps.shot('messages listed by id');

    // The command asks for the file: code-server's own file dialog is a quick input with a path.
    await runCommand(page, 'MIA: Add Message Metadata…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // The dialog fills in its start folder after it shows, and that can overwrite a path typed too
    // early (a run pressed Enter on the folder alone): type until the path stays.
    const resultsRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Results.csv' }).first();
    for (let attempt = 1; ; attempt++) {
      await input.fill(metadataPath);
      await resultsRow.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      if ((await input.inputValue()) === metadataPath) break;
      assert.ok(attempt < 5, `the file dialog keeps the typed path (it holds ${await input.inputValue()})`);
    }
    await steps.shot('metadata file chosen');
    await page.keyboard.press('Enter');

    const subjectRow = treeRow(page, 'Q3 budget review');
    await subjectRow.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await subjectRow.innerText(), /alex\.wilber@devcooks\.onmicrosoft\.com/);
    // A subject holding markup is shown as literal text.
    const hostile = treeRow(page, '<b>Re: Wire transfer</b>');
    await hostile.waitFor({ state: 'visible' });
    assert.equal(await mailboxPane(page).locator('b', { hasText: 'Re: Wire transfer' }).count(), 0);
    await page
      .locator('.notifications-toasts', { hasText: 'Added 1 metadata file' })
      .first()
      .waitFor({ timeout: 10_000 });
    await steps.shot('subjects in the Mailboxes tree');

    // A scoping report made from the palette (HTML panel) lists the messages with their subjects.
    await createWholeScopingReport(page, 'HTML');
    const frame = await webviewFrameWithText(
      page,
      ['MailItemsAccessed scoping report', 'Q3 budget review', '<b>Re: Wire transfer</b>'],
      60_000,
    );
    const text = String(await frame.evaluate('document.body.innerText'));
    assert.match(text, /alex\.wilber@devcooks\.onmicrosoft\.com/, 'the sender from the metadata');
    // The hostile subject is text in the report too: no <b> element holds it.
    assert.equal(await frame.locator('b', { hasText: 'Re: Wire transfer' }).count(), 0);
    await steps.shot('subjects in the HTML scoping report');
  });
});
