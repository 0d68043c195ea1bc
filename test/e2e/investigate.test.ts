import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildMailboxModel, type MailboxEntry } from '../../src/core/browse/mailboxModel';
import { computeFindings } from '../../src/core/findings/findings';
import type { Finding } from '../../src/core/findings/types';
import { loadInvestigation } from '../../src/core/investigation/investigation';
import { generateScenario } from '../support/generator/scenario';
import { writeExport } from '../support/generator/writeExport';
import { runCommand, showViewContainer, Steps, webviewFrameWithText } from './workbench';
import { session } from './workbenchSession';
import { openInvestigator } from './explorer';
import { expandTreeRow, treeRow } from './mailboxTree';
import { quickInput } from './quickInput';

/** The export the UI tests open: the first Purview portal export of the generated scenario. */
interface Opened {
  name: string;
  mailboxes: MailboxEntry[];
  findings: Finding[];
  recordIds: string[];
}

let opened: Opened | undefined;

/** Writes the export into the test workspace (once) and computes what the engine says about it. */
async function generatedExport(): Promise<Opened> {
  if (opened) return opened;
  const scenario = generateScenario({ scale: 'small' });
  const plan = scenario.files.find((f) => f.container === 'purview-csv-new')!;
  const file = path.join(session().workspace, plan.name);
  await writeExport(scenario, plan.container, file, { ...plan.options, rows: plan.rows });
  const investigation = await loadInvestigation([file]);
  opened = {
    name: plan.name,
    mailboxes: buildMailboxModel(investigation.records),
    findings: computeFindings(investigation),
    recordIds: investigation.records.map((r) => r.id),
  };
  await investigation.close();
  return opened;
}

/** A row of the Mailboxes tree whose label is exactly `label`. */

describe('investigating in the workbench (UI)', () => {
  it('expands mailbox → folder → message in the tree and opens the raw record', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const data = await generatedExport();
    const throttled = new Set(
      data.findings.filter((f) => f.code === 'mia.throttled').map((f) => f.mailboxKey),
    );
    const mailbox = data.mailboxes.find(
      (m) => throttled.has(m.key) && m.folders.some((f) => f.messages.length > 0),
    )!;
    const folder = mailbox.folders.find((f) => f.messages.length > 0)!;
    const message = folder.messages[0];

    await openInvestigator(page, data.name);
    await steps.shot('export open in the investigator');
    await showViewContainer(page, 'MailItemsAccessed');
    const box = treeRow(page, mailbox.mailbox);
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(
      await box.locator('.codicon-warning').count(),
      1,
      'the throttled mailbox shows a warning icon',
    );
    await steps.shot('mailboxes tree');

    const folderRow = treeRow(page, folder.path);
    await expandTreeRow(box, folderRow);
    assert.match(await folderRow.innerText(), new RegExp(`${folder.messages.length} messages? read`));
    const messageRow = treeRow(page, message.internetMessageId);
    await expandTreeRow(folderRow, messageRow);
    await steps.shot('mailbox and folder expanded');

    await messageRow.click();
    if (message.records.length > 1) {
      // Several records read it: the quick pick lists them, the earliest first.
      const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
      await pick.waitFor({ state: 'visible' });
      await steps.shot('which record');
      await page.keyboard.press('Enter');
    }
    const recordId = data.recordIds[message.records[0]];
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await page.locator('.tabs-container .tab.active', { hasText: '.jsonc' }).waitFor({ timeout: 30_000 });
    // A string expression: this file is compiled without DOM types.
    await page.waitForFunction(
      `[...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].some((e) => e.innerText.includes(${JSON.stringify(recordId)}))`,
      undefined,
      { timeout: 30_000 },
    );
    const text = await editor.innerText();
    assert.match(text.replace(/\u00a0/g, ' '), /\/\/ MailItemsAccessed record .*line \d+ \(read-only\)/);
    await steps.shot('raw AuditData of the record');
  });

  it('lists the throttle warning in the Problems panel', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const data = await generatedExport();
    const window = data.findings.find((f) => f.code === 'mia.throttled')!;
    await openInvestigator(page, data.name);
    // From the palette: a key press can land in the investigator's webview, which has the focus
    // once it is shown, and never reach the workbench (a run waited 30 s for the panel).
    await runCommand(page, 'Problems: Focus on Problems View');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const filter = page.locator('#workbench\\.parts\\.panel .viewpane-filter input').first();
    await filter.waitFor({ state: 'visible' });
    await filter.fill('Throttled');
    const row = panel
      .locator('.monaco-list-row', { hasText: 'Bind access in this window was not audited' })
      .first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await panel.innerText();
    assert.ok(text.includes(window.mailbox!), 'the warning names the mailbox');
    assert.ok(text.includes('MailItemsAccessed'), 'the source is shown');
    await steps.shot('problems panel with the throttle warning');
    await filter.fill('');
    await page.keyboard.press('Control+Shift+M');
  });

  it('creates a Markdown scoping report from the palette that names the throttle window and the synced folders', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const data = await generatedExport();
    const window = data.findings.find((f) => f.code === 'mia.throttled')!;
    const synced = data.mailboxes
      .find((m) => m.key === window.mailboxKey)!
      .folders.find((f) => f.syncRecords.length > 0)!;
    await openInvestigator(page, data.name);

    await runCommand(page, 'MIA: Create Scoping Report…');
    // The editor's webview may take the focus while it loads: click, as a person would, rather than
    // press keys that could land elsewhere.
    const { title, row, ok } = quickInput(page);
    await title.filter({ hasText: 'mailboxes' }).waitFor({ timeout: 60_000 });
    await row(window.mailbox!).waitFor();
    await steps.shot('mailboxes with counts');
    await ok.click();
    await title.filter({ hasText: 'time window' }).waitFor();
    await steps.shot('time window');
    await row('All data').click();
    await title.filter({ hasText: 'contexts' }).waitFor();
    await steps.shot('contexts with counts');
    await ok.click();
    await title.filter({ hasText: 'format' }).waitFor();
    await steps.shot('format');
    await row('Markdown').click();

    const start = new Date(window.startMs!).toISOString().replace('.000Z', 'Z');
    const frame = await webviewFrameWithText(
      page,
      ['MailItemsAccessed scoping report', 'Unaudited windows (throttled)', start, synced.path],
      60_000,
    );
    const text = String(await frame.evaluate('document.body.innerText'));
    assert.match(text, /assume every item in the mailbox was read/);
    assert.match(text, /Synced folders \(all items assumed read\)/);
    await steps.shot('markdown report in the preview');
  });
});
