import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { writeBenchExports, type BenchTruth } from '../support/generator/bench';
import { countText, investigatorFrame } from './investigatorView';
import { openFromExplorer } from './explorer';
import { showViewContainer, Steps } from './workbench';
import { session } from './workbenchSession';

/** VS Code hands no file over 50 MB to extensions as a text document. */
const extensionLimit = 50 * 1024 * 1024;

/**
 * Writes a portal CSV just over 50 MB into the workspace, one row of which lost its CreationTime
 * (the engine rejects it: a finding with no record). Returns the row's line and record count.
 */
async function largeExport(workspace: string, name: string): Promise<{ line: number; records: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-e2e-large-'));
  try {
    // ~2.6 KB a row: 21,000 records make a CSV just over 50 MB.
    const bench = await writeBenchExports(dir, 21_000);
    const truth = JSON.parse(fs.readFileSync(bench.truthPath, 'utf8')) as BenchTruth;
    const lines = fs.readFileSync(bench.csvPath, 'utf8').split('\r\n');
    const index = lines.length - 3;
    assert.match(lines[index], /""CreationTime""/);
    lines[index] = lines[index].replace('""CreationTime""', '""CreationTimeLost""');
    const file = path.join(workspace, name);
    fs.writeFileSync(file, lines.join('\r\n'));
    assert.ok(fs.statSync(file).size > extensionLimit);
    return { line: index + 1, records: truth.distinctRecords - 1 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function sidebarPane(page: Page, title: string): ReturnType<Page['locator']> {
  return page.locator('#workbench\\.parts\\.sidebar .pane', {
    has: page.locator('.pane-header', { hasText: title }),
  });
}

describe('an export over 50 MB (UI)', () => {
  it('clicking its rejected-row finding opens the export at that line', async function () {
    this.timeout(300_000);
    const { page, workspace } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    // A name no other UI export contains (the explorer rows are found by text).
    const name = 'over-50-mb-export.csv';
    const { line, records } = await largeExport(workspace, name);

    await openFromExplorer(page, name);
    await investigatorFrame(page, countText(records, records), 180_000);
    await steps.shot('large export open in the investigator');

    await showViewContainer(page, 'MailItemsAccessed');
    const findings = sidebarPane(page, 'Findings');
    const category = findings.locator('.monaco-list-row', { hasText: 'Rejected rows' }).first();
    await category.waitFor({ state: 'visible', timeout: 60_000 });
    await category.click();
    const finding = findings.locator('.monaco-list-row', { hasText: `${name}:${line}` }).first();
    await finding.waitFor({ state: 'visible' });
    await steps.shot('the rejected row in the Findings view');
    await finding.click();

    // The workbench opens it; over workbench.editorLargeFileConfirmation it asks first.
    const anyway = page.locator('.editor-instance .monaco-button', { hasText: /Open Anyway/i }).first();
    const cursor = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` }).first();
    await Promise.race([
      anyway.waitFor({ state: 'visible', timeout: 60_000 }),
      cursor.waitFor({ state: 'visible', timeout: 60_000 }),
    ]);
    if (await anyway.isVisible()) {
      await steps.shot('the workbench asks before opening a very large file');
      await anyway.click();
    }
    await cursor.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    // The line itself is on screen: the row that lost its CreationTime.
    await page.waitForFunction(
      `[...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].some((e) => e.innerText.includes('CreationTimeLost'))`,
      undefined,
      { timeout: 30_000 },
    );
    await steps.shot('the export at the rejected row');
  });
});
