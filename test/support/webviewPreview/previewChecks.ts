/**
 * What the preview run verifies on the real webview code under the strict CSP, with expectations
 * computed independently from the generated records (not from the app's own answers). Each check
 * throws on failure; screenshots go to test-results/webview-preview/.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  countText,
  deepActiveElement,
  deepCount,
  gridViewport,
  js,
  renderedRows,
  waitForCount,
  waitIdle,
  type PageElement,
  type PreviewPage,
} from './previewDriver';
import { hostile } from './previewRecords';

/** Shared state of a run. */
export interface CheckContext {
  preview: PreviewPage;
  records: number;
  shotsDir: string;
}

const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** Takes a screenshot of the page. */
export async function shot(ctx: CheckContext, name: string): Promise<void> {
  await ctx.preview.page.screenshot({ path: path.join(ctx.shotsDir, `${name}.png`) });
}

/** Reads a projection of the generated records in the page. */
function fromRecords<T>(page: Page, body: string): Promise<T> {
  return js<T>(page, `(() => { const records = window.__preview.records; ${body} })()`);
}

/** Record index with the smallest/largest time (ties in investigation order, as the grid sorts). */
function extremeIndex(page: Page, which: 'first' | 'last'): Promise<number> {
  return fromRecords<number>(
    page,
    which === 'first'
      ? 'let b = 0; records.forEach((r, i) => { if (r.timeMs < records[b].timeMs) b = i; }); return b;'
      : 'let b = 0; records.forEach((r, i) => { if (r.timeMs >= records[b].timeMs) b = i; }); return b;',
  );
}

async function selectedRow(page: Page): Promise<{ pos: number; record: number } | undefined> {
  return (await renderedRows(page)).find((r) => r.selected);
}

/** The checks, in order (later ones build on the state earlier ones leave). */
export const checks: { name: string; run: (ctx: CheckContext) => Promise<void> }[] = [
  {
    name: 'streams: first rows while loading, then the full count',
    run: async (ctx) => {
      const { page } = ctx.preview;
      await page.locator('mia-grid [role=row][data-record]').first().waitFor({ timeout: 180_000 });
      const during = await countText(page);
      const loadingShown = await page.locator('mia-toolbar .status', { hasText: 'Loading' }).count();
      if (loadingShown > 0) await shot(ctx, 'dark-loading');
      await waitForCount(page, `${fmt(ctx.records)} of ${fmt(ctx.records)} records`, 300_000);
      assert.ok(during.endsWith('records'), during);
      const rows = await renderedRows(page);
      assert.ok(rows.length >= 10 && rows.length <= 80, `${rows.length} rows in the DOM for ${ctx.records}`);
      assert.equal(rows[0].record, await extremeIndex(page, 'first'), 'first row is the earliest record');
    },
  },
  {
    name: 'scrolls a scaled grid to the very last row (scrollbar and End key)',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const geometry = await js<{ scrollHeight: number; clientHeight: number }>(
        page,
        `(() => { const v = ${gridViewport}; return { scrollHeight: v.scrollHeight, clientHeight: v.clientHeight }; })()`,
      );
      assert.ok(
        geometry.scrollHeight < 33_554_400,
        `spacer ${geometry.scrollHeight}px stays under Chromium's limit`,
      );
      assert.ok(
        ctx.records * 22 <= geometry.scrollHeight || geometry.scrollHeight <= 5_000_100,
        'capped spacer',
      );
      await js(
        page,
        `(() => { const v = ${gridViewport}; v.scrollTop = (v.scrollHeight - v.clientHeight) / 2; })()`,
      );
      await page.waitForTimeout(300);
      const middle = await renderedRows(page);
      assert.ok(
        Math.abs(middle[0].pos - ctx.records / 2) < ctx.records * 0.01,
        `middle shows row ${middle[0].pos}`,
      );
      await js(page, `(() => { const v = ${gridViewport}; v.scrollTop = v.scrollHeight; })()`);
      await page.waitForTimeout(400);
      const bottom = await renderedRows(page);
      assert.equal(bottom[bottom.length - 1].pos, ctx.records - 1, 'the last row is rendered at the bottom');
      await shot(ctx, 'dark-last-row');
      await page.locator('mia-grid [role=row][data-record]').first().click();
      await page.keyboard.press('End');
      await page.waitForTimeout(300);
      const sel = await selectedRow(page);
      assert.equal(sel?.pos, ctx.records - 1);
      assert.equal(sel?.record, await extremeIndex(page, 'last'), 'End selects the latest record');
      await page.keyboard.press('Home');
      await page.waitForTimeout(300);
      assert.equal((await selectedRow(page))?.pos, 0);
    },
  },
  {
    name: 'keyboard: arrows, PageDown, Enter opens the detail, Ctrl+F focuses the filter',
    run: async (ctx) => {
      const { page } = ctx.preview;
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(100);
      assert.equal((await selectedRow(page))?.pos, 3);
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(150);
      const afterPage = (await selectedRow(page))?.pos ?? -1;
      assert.ok(afterPage > 10, `PageDown moved to ${afterPage}`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(400);
      assert.equal(
        await js<string>(page, deepActiveElement),
        'mia-detail',
        'Enter moves focus to the detail',
      );
      await page.keyboard.press('Control+f');
      await page.waitForTimeout(200);
      const active = await js<string>(page, deepActiveElement);
      assert.ok(active.startsWith('input'), `Ctrl+F focused ${active}`);
    },
  },
  {
    name: 'sorts by clicking a column header (both directions)',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const [lo, hi] = await fromRecords<[string, string]>(
        page,
        'const m = [...new Set(records.map((r) => r.mailbox))].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0); return [m[0], m[m.length - 1]];',
      );
      const header = page.locator('mia-grid [role=columnheader][data-col=mailbox]');
      // The grid keeps the selected row in view after a sort: look at the top of the view.
      const firstMailbox = async () => {
        await js(page, `(() => { ${gridViewport}.scrollTop = 0; })()`);
        await page.waitForTimeout(300);
        return page.locator('mia-grid [role=row][data-record][data-pos="0"] .cell.mailbox').textContent();
      };
      const before = await selectedRow(page);
      assert.ok(before, 'a row is selected from the keyboard check');
      await header.click();
      await waitIdle(page);
      await page.waitForTimeout(300);
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      assert.equal(
        (await selectedRow(page))?.record,
        before.record,
        'the selected record stays selected and in view',
      );
      assert.equal(await firstMailbox(), lo);
      await header.click();
      await waitIdle(page);
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      assert.equal(await firstMailbox(), hi);
      await page.locator('mia-grid [role=columnheader][data-col=time]').click();
      await waitIdle(page);
      await shot(ctx, 'dark-sorted-time');
    },
  },
  {
    name: 'free-text filter and a facet narrow the rows to the right counts',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const ipCount = await fromRecords<number>(
        page,
        "return records.filter((r) => r.ip === '203.0.113.66').length;",
      );
      await page.locator('mia-filter-bar vscode-textfield.text input').fill('203.0.113.66');
      await waitForCount(page, `${fmt(ipCount)} of ${fmt(ctx.records)} records`);
      const syncAttacker = await fromRecords<number>(
        page,
        "return records.filter((r) => r.ip === '203.0.113.66' && r.accessType === 'Sync').length;",
      );
      await page.locator('mia-facet button[data-facet=access]').click();
      await page.locator('mia-facet label.opt', { hasText: 'Sync' }).locator('input').check();
      await waitForCount(page, `${fmt(syncAttacker)} of ${fmt(ctx.records)} records`);
      await shot(ctx, 'dark-filtered-facet-open');
      await page.keyboard.press('Escape');
      await page.locator('mia-filter-bar vscode-button.clear').click();
      await waitForCount(page, `${fmt(ctx.records)} of ${fmt(ctx.records)} records`);
    },
  },
  {
    name: 'detail shows the selected record, and its actions reach the host',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const row = page.locator('mia-grid [role=row][data-record]').nth(4);
      const record = Number(await row.getAttribute('data-record'));
      await row.click();
      const id = await fromRecords<string>(page, `return records[${record}].id;`);
      await page.locator('mia-detail pre.raw', { hasText: id }).waitFor({ timeout: 5000 });
      for (const [label, name] of [
        ['Copy raw JSON', 'copyRaw'],
        ['Open raw record', 'openRaw'],
        ['Reveal line in source', 'revealSource'],
      ]) {
        await page.locator('mia-detail vscode-button', { hasText: label }).click();
        await page.waitForTimeout(100);
        const logged = await js<number>(
          page,
          `window.__preview.host.log.filter((e) => e.name === '${name}' && e.params.record === ${record}).length`,
        );
        assert.equal(logged, 1, `${name} sent for record ${record}`);
      }
      await shot(ctx, 'dark-detail');
    },
  },
  {
    name: 'hostile strings render as literal text and run nothing',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const index = await extremeIndex(page, 'first');
      await js(page, `window.__preview.notify('revealRecord', { record: ${index} })`);
      await page.waitForTimeout(600);
      const row = page.locator(`mia-grid [role=row][data-record="${index}"]`);
      assert.equal(await row.getAttribute('aria-selected'), 'true');
      assert.equal(await row.locator('.cell.client').textContent(), hostile.client);
      assert.equal(await row.locator('.cell.folders').textContent(), hostile.folder);
      assert.equal(await row.locator('.cell.actor').textContent(), hostile.actor);
      await page.locator('mia-detail td', { hasText: 'alert(3)' }).waitFor({ timeout: 5000 });
      assert.equal(await page.locator('mia-detail tbody td').nth(2).textContent(), hostile.subject);
      assert.ok(
        ((await page.locator('mia-detail pre.raw').textContent()) ?? '').includes(
          hostile.client.replace(/"/g, '\\"'),
        ),
      );
      assert.equal(await js<number>(page, deepCount('img')), 0, 'no <img> element was created');
      assert.equal(await js<number>(page, deepCount('svg')), 0, 'no <svg> element was created');
      assert.equal(await js<number>(page, deepCount('script')), 1, 'only the page script exists');
      assert.deepEqual(ctx.preview.problems.dialogs, [], 'no alert() ran');
      await shot(ctx, 'dark-hostile');
    },
  },
  {
    name: 'timeline drag selects a time range that filters the rows',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const box = (await page.locator('mia-timeline canvas').boundingBox())!;
      const y = box.y + box.height * 0.4;
      await page.mouse.move(box.x + box.width * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.4, y, { steps: 5 });
      await page.mouse.up();
      // The in-page host runs the query on the page's main thread: wait for it, then for the save.
      await waitIdle(page);
      await page.waitForTimeout(400);
      const range = await js<{ fromMs?: number; toMs?: number }>(
        page,
        "JSON.parse(sessionStorage.getItem('mia-preview-state')).filter",
      );
      assert.ok(
        range.fromMs !== undefined && range.toMs !== undefined && range.toMs > range.fromMs,
        JSON.stringify(range),
      );
      assert.equal(range.fromMs % 3_600_000, 0, 'snapped to whole hours');
      const expected = await fromRecords<number>(
        page,
        `return records.filter((r) => r.timeMs >= ${range.fromMs} && r.timeMs < ${range.toMs}).length;`,
      );
      await waitForCount(page, `${fmt(expected)} of ${fmt(ctx.records)} records`);
      const sent = await js<number>(
        page,
        `window.__preview.host.log.filter((e) => e.name === 'timeRangeSelected' && e.params.fromMs === ${range.fromMs}).length`,
      );
      assert.equal(sent, 1, 'timeRangeSelected sent to the host');
      assert.notEqual(
        await page.locator('mia-filter-bar vscode-textfield.from').evaluate((e: PageElement) => e.value),
        '',
      );
      await shot(ctx, 'dark-time-range');
    },
  },
  {
    name: 'a revealed record hidden by the filter shows a notice that clears the filter',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const index = await extremeIndex(page, 'last');
      await js(page, `window.__preview.notify('revealRecord', { record: ${index} })`);
      await page
        .locator('mia-notice .notice', { hasText: 'hidden by the current filter' })
        .waitFor({ timeout: 5000 });
      await shot(ctx, 'dark-hidden-notice');
      await page.locator('mia-notice .notice vscode-button.clear-hidden').click();
      await waitForCount(page, `${fmt(ctx.records)} of ${fmt(ctx.records)} records`, 60_000);
      await waitIdle(page);
      await page.waitForTimeout(500);
      assert.equal((await selectedRow(page))?.record, index);
    },
  },
  {
    name: 'rejected rows and other operations are reachable with reasons',
    run: async (ctx) => {
      const { page } = ctx.preview;
      await page.locator('vscode-tab-header', { hasText: 'Rejected rows' }).click();
      await page.locator('mia-skipped tbody tr').first().waitFor();
      assert.equal(await page.locator('mia-skipped tbody tr').count(), 37);
      assert.ok(
        ((await page.locator('mia-skipped tbody tr').first().textContent()) ?? '').includes(hostile.subject),
      );
      await shot(ctx, 'dark-rejected');
      await page.locator('vscode-tab-header', { hasText: 'Other operations' }).click();
      await page.locator('mia-skipped .summary', { hasText: '1,234 records of other operations' }).waitFor();
      await page.locator('vscode-tab-header', { hasText: 'Sources' }).click();
      await shot(ctx, 'dark-sources');
      await page.locator('vscode-tab-header', { hasText: 'Records' }).click();
    },
  },
  {
    name: 'UTC/local toggle changes the displayed times',
    run: async (ctx) => {
      const { page } = ctx.preview;
      await page.locator('mia-grid [role=columnheader][data-col=time]').waitFor();
      const first = page.locator('mia-grid [role=row][data-record] .cell.time').first();
      const utc = await first.textContent();
      await page.locator('mia-toolbar vscode-button.zone').click();
      await page.waitForTimeout(200);
      const local = await first.textContent();
      assert.equal(await page.locator('mia-grid [data-col=time] .label').textContent(), 'Time (local)');
      // The browser runs in Europe/Paris: +1 h in March.
      assert.equal(
        new Date(`${local!.replace(' ', 'T')}Z`).getTime() - new Date(`${utc!.replace(' ', 'T')}Z`).getTime(),
        3_600_000,
      );
      await page.locator('mia-toolbar vscode-button.zone').click();
    },
  },
  {
    name: 'column widths, filter, selection and scroll survive a reload',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const header = page.locator('mia-grid [role=columnheader][data-col=mailbox]');
      const before = (await header.boundingBox())!;
      const handle = (await header.locator('.resizer').boundingBox())!;
      await page.mouse.move(handle.x + 2, handle.y + 5);
      await page.mouse.down();
      await page.mouse.move(handle.x + 62, handle.y + 5, { steps: 4 });
      await page.mouse.up();
      const after = (await header.boundingBox())!;
      assert.ok(Math.abs(after.width - before.width - 60) <= 1, `width ${before.width} → ${after.width}`);
      await page.locator('mia-facet button[data-facet=access]').click();
      await page.locator('mia-facet label.opt', { hasText: 'Sync' }).locator('input').check();
      await page.keyboard.press('Escape');
      const sync = await fromRecords<number>(
        page,
        "return records.filter((r) => r.accessType === 'Sync').length;",
      );
      await waitForCount(page, `${fmt(sync)} of ${fmt(ctx.records)} records`);
      await js(page, `(() => { const v = ${gridViewport}; v.scrollTop = 22 * 500; })()`);
      await page.waitForTimeout(300);
      const row = page.locator('mia-grid [role=row][data-record]').nth(3);
      const record = Number(await row.getAttribute('data-record'));
      const firstBefore = (await renderedRows(page))[0].pos;
      await row.click();
      await page.waitForTimeout(400);
      await page.reload({ waitUntil: 'commit' });
      await waitForCount(page, `${fmt(sync)} of ${fmt(ctx.records)} records`, 300_000);
      await waitIdle(page, 60_000);
      await page.waitForTimeout(800);
      const rows = await renderedRows(page);
      assert.equal(rows.find((r) => r.selected)?.record, record, 'selection restored');
      assert.ok(
        Math.abs(rows[0].pos - firstBefore) <= 1,
        `scroll restored (${firstBefore} → ${rows[0].pos})`,
      );
      const restored = (await page.locator('mia-grid [role=columnheader][data-col=mailbox]').boundingBox())!;
      assert.ok(Math.abs(restored.width - after.width) <= 1, 'column width restored');
      await shot(ctx, 'dark-restored');
    },
  },
  {
    name: 'timeline redraws when the theme changes',
    run: async (ctx) => {
      const { page } = ctx.preview;
      const canvas = page.locator('mia-timeline canvas');
      const before = await canvas.evaluate((c: PageElement) => c.toDataURL!());
      // As VS Code does: the new theme's variables are in place when the body class changes.
      await js(
        page,
        `new Promise((resolve) => {
        const link = document.getElementById('theme');
        link.addEventListener('load', () => { document.body.className = 'vscode-light'; resolve(); }, { once: true });
        link.href = link.href.replace('dark.css', 'light.css');
      })`,
      );
      await page.waitForTimeout(500);
      const after = await canvas.evaluate((c: PageElement) => c.toDataURL!());
      assert.notEqual(after, before, 'the canvas was redrawn with the light colours');
      await shot(ctx, 'light-after-switch');
    },
  },
];
