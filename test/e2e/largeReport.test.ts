import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMia } from '../support/runCli';
import { Steps } from './workbench';
import { session } from './workbenchSession';
import { openInvestigator } from './explorer';
import { createWholeScopingReport } from './scopingReport';

/** A published sample the workbench session copied into the workspace. */
const EXPORT = 'devcooks-2022-owa-bind-two-folders.json';

/** The report's text without the line that differs between runs. */
const withoutTime = (text: string) => text.replace(/^Generated .*$/m, '');

describe('a scoping report too large to show (UI)', () => {
  it('is not shown: the person is told why and saves it, written as the command line writes it', async function () {
    const { page, workspace } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const settingsDir = path.join(workspace, '.vscode');
    const settingsFile = path.join(settingsDir, 'settings.json');
    const target = path.join(workspace, 'too-large-report.md');
    fs.rmSync(target, { force: true });
    // 0.001 MB (1,048 characters): any report of the sample is longer.
    fs.mkdirSync(settingsDir, { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'mia.reports.maxShownMB': 0.001 }));
    try {
      await openInvestigator(page, EXPORT);
      await createWholeScopingReport(page, 'Markdown');

      // A modal dialog says why the report is not shown and offers to save it.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.filter({ hasText: 'too large to show in VS Code' }).waitFor({ timeout: 60_000 });
      const said = await dialog.innerText();
      assert.match(said, /larger than 1 KB/);
      assert.match(said, /mia\.reports\.maxShownMB/);
      await steps.shot('the report is too large to show');
      await dialog.locator('.monaco-button', { hasText: 'Save…' }).first().click();

      // code-server's save dialog is a quick input holding a path.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      for (let attempt = 1; ; attempt++) {
        await input.fill(target);
        await page.waitForTimeout(300);
        if ((await input.inputValue()) === target) break;
        assert.ok(attempt < 5, `the file dialog keeps the typed path (it holds ${await input.inputValue()})`);
      }
      await page.keyboard.press('Enter');
      await page
        .locator('.notifications-toasts', { hasText: `Saved ${target}` })
        .first()
        .waitFor({ timeout: 30_000 });
      await steps.shot('the report saved');

      const written = fs.readFileSync(target, 'utf8');
      const cli = await runMia(
        'scope',
        '--no-index',
        '--quiet',
        '--format',
        'markdown',
        path.join(workspace, EXPORT),
      );
      assert.equal(cli.status, 0, cli.stderr);
      assert.equal(withoutTime(written), withoutTime(cli.stdout));
      assert.ok(written.length > 1048, `${written.length} characters`);
      // No Markdown preview nor report document was opened for it.
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      assert.ok(!tabs.some((t) => /scoping-report/.test(t)), tabs.join(' | '));
    } finally {
      fs.rmSync(settingsDir, { recursive: true, force: true });
      fs.rmSync(target, { force: true });
    }
  });
});
