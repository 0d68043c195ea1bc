import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { Investigation } from '../../src/core/investigation/investigation';
import { matchesText } from '../../src/core/query/textSearch';
import { writeBenchExports } from '../support/generator/bench';
import { countText, investigatorFrame } from './investigatorView';
import { runCommand, Steps } from './workbench';
import { session } from './workbenchSession';
import { openWithFromExplorer } from './explorer';

// A name no other UI test's file contains, nor is contained in (explorer rows are found by substring).
const exportName = 'reload-restore-probe.csv';
const records = 3_000;
/** Matches the OWA records of the bench export: a good part of them, not all. */
const filterText = 'ViaProxy';

/** What the view shows that a reload must bring back. */
interface ViewState {
  count: string;
  filter: string;
  sort: string | null;
  firstRow: number;
  selected: string | null;
  detailId: string;
}

/** The page expression of the `<mia-grid>` element. */
const GRID = 'document.querySelector("mia-app").shadowRoot.querySelector("mia-grid")';

/** The grid's first visible position (a getter of `<mia-grid>`, read in the page). */
const firstRowOf = (frame: Frame): Promise<number> => frame.evaluate<number>(`${GRID}.firstVisiblePosition`);

/** The grid's first visible position and how far its rows are shifted (0px: a row starts at the top). */
const gridPlacement = (frame: Frame): Promise<{ firstRow: number; offset: string }> =>
  frame.evaluate<{ firstRow: number; offset: string }>(
    `(() => { const g = ${GRID};
       return { firstRow: g.firstVisiblePosition, offset: g.style.getPropertyValue("--offset").trim() }; })()`,
  );

async function viewState(frame: Frame): Promise<ViewState> {
  const raw = frame.locator('mia-detail pre.raw');
  await raw.waitFor({ timeout: 30_000 });
  return {
    count: (await frame.locator('mia-app #record-count').innerText()).trim(),
    filter: await frame.locator('mia-filter-bar vscode-textfield.text input').inputValue(),
    sort: await frame.locator('mia-grid .hcell[data-col="mailbox"]').getAttribute('aria-sort'),
    firstRow: await firstRowOf(frame),
    selected: await frame.locator('mia-grid .row[aria-selected="true"]').getAttribute('data-record'),
    detailId: (JSON.parse(await raw.innerText()) as { Id: string }).Id,
  };
}

/** Polls `probe` until it holds (observable state, not a fixed sleep). */
async function until(page: Page, what: string, probe: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // The frame is re-rendering or navigating: try again.
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('the investigator editor after a window reload (UI)', () => {
  it('restores the filter, the sort, the selected row and the scroll position after "Developer: Reload Window"', async function () {
    this.timeout(300_000);
    const { page, workspace } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-e2e-restore-'));
    try {
      const bench = await writeBenchExports(benchDir, records);
      fs.copyFileSync(bench.csvPath, path.join(workspace, exportName));
    } finally {
      fs.rmSync(benchDir, { recursive: true, force: true });
    }
    // What the filter must leave, computed by the engine's reference text filter on the file.
    const investigation = new Investigation();
    await investigation.addPaths([path.join(workspace, exportName)]);
    const total = investigation.records.length;
    const needle = filterText.toLowerCase();
    const matched = investigation.records.filter((r) => matchesText(r, needle)).length;
    assert.ok(matched > 200 && matched < total, `the filter leaves part of the records (${matched})`);

    await openWithFromExplorer(page, exportName, (label) => steps.shot(label));
    let frame = await investigatorFrame(page, countText(total, total));
    await frame.locator('mia-grid .row[data-record]').first().waitFor();

    // Filter, sort by mailbox descending, scroll down, select a row.
    await frame.locator('mia-filter-bar vscode-textfield.text input').click();
    await page.keyboard.type(filterText, { delay: 5 });
    frame = await investigatorFrame(page, countText(matched, total));
    const header = frame.locator('mia-grid .hcell[data-col="mailbox"] .label');
    await header.click();
    await until(
      page,
      'the grid is sorted by mailbox',
      async () =>
        (await frame.locator('mia-grid .hcell[data-col="mailbox"]').getAttribute('aria-sort')) ===
        'ascending',
    );
    await header.click();
    await until(
      page,
      'the grid is sorted by mailbox, descending',
      async () =>
        (await frame.locator('mia-grid .hcell[data-col="mailbox"]').getAttribute('aria-sort')) ===
        'descending',
    );
    const body = frame.locator('mia-grid .viewport');
    await body.hover();
    for (let i = 0; i < 6 && (await firstRowOf(frame)) < 60; i++) await page.mouse.wheel(0, 600);
    await until(page, 'the grid scrolled down', async () => (await firstRowOf(frame)) >= 30);
    // Wheel scrolling may still be moving the grid: pick the row once the position holds.
    let settled = -1;
    await until(page, 'the grid stopped scrolling', async () => {
      const now = await firstRowOf(frame);
      const still = now === settled;
      settled = now;
      if (!still) await page.waitForTimeout(300);
      return still;
    });
    // A row in the middle of the visible ones (clicking it does not scroll).
    const firstRow = await firstRowOf(frame);
    const target = frame.locator(`mia-grid .row[data-pos="${firstRow + 3}"][data-record]`);
    await target.click();
    await until(
      page,
      'the row is selected',
      async () => (await target.getAttribute('aria-selected')) === 'true',
    );
    // Resizing the pane leaves the rows where they are (the browser's scroll anchoring could move
    // the grid by the height's change: a row up, or a few pixels off).
    const placed = await gridPlacement(frame);
    const size = page.viewportSize()!;
    for (const height of [size.height - 37, size.height + 23, size.height]) {
      await page.setViewportSize({ width: size.width, height });
      await until(page, `the grid has the pane's new height (${height} px)`, async () =>
        frame.evaluate<boolean>(
          `(() => { const g = ${GRID};
             return g.style.getPropertyValue("--body-h") === (g.shadowRoot.querySelector(".viewport").clientHeight - 22) + "px"; })()`,
        ),
      );
      await page.waitForTimeout(300);
      const now = await gridPlacement(frame);
      assert.deepEqual(
        now,
        placed,
        `after resizing the page to ${height} px the grid shows row ${now.firstRow} at offset ${now.offset}, not row ${placed.firstRow} at ${placed.offset}`,
      );
    }
    const before = await viewState(frame);
    assert.equal(before.count, countText(matched, total));
    assert.equal(before.filter, filterText);
    assert.equal(before.sort, 'descending');
    assert.ok(before.firstRow >= 30, `scrolled to row ${before.firstRow}`);
    assert.ok(before.selected !== null, 'a row is selected');
    // The view writes its state shortly after a change: reload only once it is written.
    await until(
      page,
      'the view state is saved',
      async () => (await frame.locator('mia-app[data-saving]').count()) === 0,
    );
    await steps.shot('filtered, sorted, scrolled and selected');

    await runCommand(page, 'Developer: Reload Window');
    // The old webview goes with the page; wait for the restored one to show the filtered count.
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: session().exports.jsonl.name })
      .waitFor({ timeout: 120_000 });
    await page.locator('.tabs-container .tab.active', { hasText: exportName }).waitFor({ timeout: 60_000 });
    await investigatorFrame(page, countText(matched, total), 120_000);
    // VS Code may replace the restored webview's frame while the workbench settles (a frame it hid
    // and showed again is a new one): each probe finds the frame afresh rather than holding one.
    const restoredFrame = () => investigatorFrame(page, countText(matched, total), 5_000);
    // What the restored grid showed last, for the failure's message (which condition did not hold).
    let seen = 'nothing yet';
    try {
      await until(page, 'the restored grid shows the selected row at its place', async () => {
        try {
          const restored = await restoredFrame();
          const row = restored.locator('mia-grid .row[aria-selected="true"]');
          const selectedRows = await row.count();
          const selected = selectedRows === 1 ? await row.getAttribute('data-record') : null;
          const firstRow = await firstRowOf(restored);
          seen = `${selectedRows} selected row(s), record ${selected}, first visible row ${firstRow}`;
          return selectedRows === 1 && selected === before.selected && firstRow === before.firstRow;
        } catch (error) {
          seen = `an error: ${(error as Error).message.split('\n')[0]}`;
          throw error;
        }
      });
    } catch (error) {
      throw new Error(
        `${(error as Error).message}: expected record ${before.selected} selected and first visible row ${before.firstRow}, the grid showed ${seen}`,
      );
    }
    const after = await viewState(await restoredFrame());
    await steps.shot('after reload');
    assert.deepEqual(after, before);
  });
});
