import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConsoleMessage, Dialog, Frame, Page } from 'playwright-core';
import { writeBenchExports } from '../support/generator/bench';
import { HOSTILE_STRINGS } from '../support/generator/planted';
import { generateScenario } from '../support/generator/scenario';
import type { Scenario } from '../support/generator/scenarioTypes';
import { parseAuditTime } from '../support/generator/time';
import { computeTruth, type Truth } from '../support/generator/truth';
import { truthOptions, writeExport } from '../support/generator/writeExport';
import { countText, investigatorFrame } from './investigatorView';
import { Steps, typeInPalette } from './workbench';
import { session } from './workbenchSession';
import { openWithFromExplorer } from './explorer';

/** An export written into the UI workspace, with what the generator knows about it. */
interface UiExport {
  name: string;
  truth: Truth;
  /** Distinct MailItemsAccessed records as the generator wrote them: time, mailbox, Id. */
  records: { timeMs: number; mailbox: string; id: string }[];
}

/** The grid's UTC time text: `2025-03-10 08:01:02`. */
const utcText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

let scenario: Scenario | undefined;
const written = new Map<string, UiExport>();

/** Writes one export of the scenario's plan into the UI workspace under a name of its own. */
async function uiExport(planName: string, name: string): Promise<UiExport> {
  const done = written.get(name);
  if (done) return done;
  scenario ??= generateScenario({ scale: 'small' });
  const plan = scenario.files.find((f) => f.name === planName);
  assert.ok(plan, `the scenario plans ${planName}`);
  const file = await writeExport(scenario, plan.container, path.join(session().workspace, name), {
    ...plan.options,
    rows: plan.rows,
  });
  const seen = new Set<string>();
  const records: UiExport['records'] = [];
  for (const row of file.rows) {
    const a = row.audit;
    if (row.broken || a.Operation !== 'MailItemsAccessed' || seen.has(String(a.Id))) continue;
    seen.add(String(a.Id));
    records.push({
      timeMs: parseAuditTime(String(a.CreationTime)),
      mailbox: String(a.MailboxOwnerUPN),
      id: String(a.Id),
    });
  }
  const result = { name, truth: computeTruth([file], truthOptions(scenario)), records };
  written.set(name, result);
  return result;
}

/** The investigator's webview frame once `probe` holds for it (shadow DOM is pierced). */
async function investigatorFrameWhere(
  page: Page,
  probe: (frame: Frame) => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if ((await frame.locator('mia-app').count()) > 0 && (await probe(frame))) return frame;
      } catch {
        // Frame navigated or detached meanwhile, or the element is not there yet.
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error('No investigator webview reached the expected state');
}

async function gridRows(
  frame: Frame,
): Promise<{ time: string; mailbox: string; session: string; client: string }[]> {
  const rows = frame.locator('mia-grid .row[data-record]');
  const out = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push({
      time: (await row.locator('.cell.time').innerText()).trim(),
      mailbox: (await row.locator('.cell.mailbox').innerText()).trim(),
      session: (await row.locator('.cell.session').innerText()).trim(),
      client: (await row.locator('.cell.client').innerText()).trim(),
    });
  }
  return out;
}

/** Opens "Preferences: Color Theme" from the palette, as a person would. */
async function openThemePicker(page: Page): Promise<void> {
  await typeInPalette(page, 'Preferences: Color Theme');
  // Click the exact command ("…Browse Color Themes in Marketplace" may be listed first).
  await page
    .locator('.quick-input-list .monaco-list-row', {
      has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }),
    })
    .first()
    .click();
  await page.locator('.quick-input-widget input[placeholder*="Color Theme" i]').waitFor({ state: 'visible' });
}

type ThemeKind = 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';

/** The colour theme in use: its name (the picker opens on it) and the workbench's kind. */
async function currentTheme(page: Page): Promise<{ name: string; kind: ThemeKind }> {
  const classes = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  const kind = (['hc-light', 'hc-black', 'vs-dark', 'vs'] as const).find((k) =>
    classes.split(/\s+/).includes(k),
  );
  assert.ok(kind, `the workbench names its theme kind (${classes})`);
  await openThemePicker(page);
  const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name').first();
  await focused.waitFor({ state: 'visible' });
  const name = (await focused.innerText()).trim();
  await page.keyboard.press('Escape');
  // The next palette command must not race the picker's closing.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return { name, kind };
}

/** Picks a colour theme by its exact name with "Preferences: Color Theme", and waits for it. */
async function setTheme(page: Page, theme: string, kind: ThemeKind): Promise<void> {
  await openThemePicker(page);
  await page.locator('.quick-input-widget input[placeholder*="Color Theme" i]').fill(theme);
  const exact = new RegExp(`^${theme.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page
    .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) })
    .first()
    .click();
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(800); // webviews restyle from the new theme variables
}

/** The text of a custom element's shadow root (innerText of a shadow host leaves it out). */
async function shadowText(frame: Frame, selector: string): Promise<string> {
  return frame
    .locator(selector)
    .first()
    .evaluate(
      (el) => (el as unknown as { shadowRoot: { textContent: string | null } }).shadowRoot.textContent ?? '',
    );
}

/** Waits until the grid shows `count` rows with their data (pages arrive after the count). */
async function waitForRows(frame: Frame, count: number): Promise<void> {
  const rows = frame.locator('mia-grid .row[data-record]');
  for (let i = 0; i < 100 && (await rows.count()) !== count; i++) await frame.waitForTimeout(100);
  assert.equal(await rows.count(), count, 'rows shown');
}

function cspViolations(messages: readonly ConsoleMessage[]): string[] {
  return messages
    .map((m) => m.text())
    .filter((t) => /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|evaluate)/i.test(t));
}

describe('the investigator editor (UI)', () => {
  it('opens from the explorer with "Open With…": right first rows, "N of M records", filter, raw AuditData', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const exp = await uiExport('purview-audit-2025-03-09_2025-03-17.csv', 'ui-purview-export.csv');
    const total = exp.truth.totals.records;
    assert.equal(exp.records.length, total);
    const consoleBefore = session().console.length;

    await openWithFromExplorer(page, exp.name, (label) => steps.shot(label));
    const frame = await investigatorFrame(page, countText(total, total));
    await frame.locator('mia-grid .row[data-record]').first().waitFor();
    await steps.shot('grid with every record');

    // The first rows: the earliest records, in time order (ties in any order).
    const expected = [...exp.records].sort((a, b) => a.timeMs - b.timeMs);
    const shown = (await gridRows(frame)).slice(0, 8);
    assert.ok(shown.length >= 5, `the grid shows rows (got ${shown.length})`);
    assert.deepEqual(
      shown.map((r) => r.time),
      expected.slice(0, shown.length).map((r) => utcText(r.timeMs)),
    );
    const pairs = new Set(expected.map((r) => `${utcText(r.timeMs)}|${r.mailbox}`));
    for (const r of shown)
      assert.ok(pairs.has(`${r.time}|${r.mailbox}`), `${r.time} ${r.mailbox} is a record`);

    // Typing in the filter narrows the rows: the attacker's session.
    const attacker = exp.truth.attacker!;
    const text = frame.locator('mia-filter-bar vscode-textfield.text input');
    await text.click();
    await page.keyboard.type(attacker.sessionId, { delay: 5 });
    await investigatorFrame(page, countText(attacker.recordIds.length, total));
    await waitForRows(frame, attacker.recordIds.length);
    const filtered = await gridRows(frame);
    assert.equal(filtered.length, attacker.recordIds.length);
    assert.ok(filtered.every((r) => r.session === attacker.sessionId));
    await steps.shot('filtered to the attacker session');

    // Selecting a row shows its raw AuditData, read from the file.
    const earliest = expected.filter((r) => attacker.recordIds.includes(r.id));
    const firstIds = earliest.filter((r) => r.timeMs === earliest[0].timeMs).map((r) => r.id);
    await frame.locator('mia-grid .row[data-record]').first().click();
    const raw = frame.locator('mia-detail pre.raw');
    await raw.waitFor({ timeout: 15_000 });
    await raw.scrollIntoViewIfNeeded();
    const rawText = await raw.innerText();
    const rawId = (JSON.parse(rawText) as { Id: string }).Id;
    assert.ok(firstIds.includes(rawId), `the detail shows the selected record (${rawId})`);
    assert.ok(rawText.includes(`": "${attacker.sessionId}"`), 'the raw record carries the session');
    assert.ok((await shadowText(frame, 'mia-detail')).includes(rawId), 'the detail names the record');
    await steps.shot('detail with raw AuditData');

    assert.deepEqual(cspViolations(session().console.slice(consoleBefore)), [], 'no CSP violation');
  });

  it('shows the hostile strings as literal text and runs no script', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const exp = await uiExport('hostile-strings.csv', 'ui-hostile-strings.csv');
    const total = exp.truth.totals.records;
    const dialogs: string[] = [];
    const onDialog = (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    page.on('dialog', onDialog);
    const consoleBefore = session().console.length;
    try {
      await openWithFromExplorer(page, exp.name, (label) => steps.shot(label));
      const frame = await investigatorFrame(page, countText(total, total));
      await frame.locator('mia-grid .row[data-record]').first().waitFor();
      const [script, img] = HOSTILE_STRINGS;
      const rows = await gridRows(frame);
      assert.ok(
        rows.some((r) => r.client.includes(script)),
        'the client string shows <script> as text',
      );
      assert.ok(
        (await frame.locator('mia-grid .cell.folders').allInnerTexts()).some((t) => t.includes(img)),
        'the folder shows <img …> as text',
      );
      // Select the Bind record (its subjects carry the payloads too).
      const bind = frame.locator('mia-grid .row[data-record]', {
        has: frame.locator('.cell.access', { hasText: 'Bind' }),
      });
      await bind.first().click();
      const detail = frame.locator('mia-detail');
      await detail.locator('pre.raw').waitFor({ timeout: 15_000 });
      const detailText = await shadowText(frame, 'mia-detail');
      for (const s of HOSTILE_STRINGS) assert.ok(detailText.includes(s), `the detail shows ${s} as text`);
      await detail.locator('.folder').first().scrollIntoViewIfNeeded();
      await steps.shot('hostile strings as text');

      // Nothing was turned into markup: no injected image or script anywhere (shadow roots too).
      assert.equal(await frame.locator('img').count(), 0, 'no <img> element');
      // VS Code's own `acquireVsCodeApi` script and the bundle (by nonce): nothing else.
      const scripts = await frame.locator('script').evaluateAll((els) =>
        els.map((e) => {
          const el = e as unknown as { id: string; src: string; nonce: string; text: string };
          return { id: el.id, src: el.src, nonce: el.nonce !== '', text: el.text.slice(0, 80) };
        }),
      );
      assert.deepEqual(
        scripts.filter(
          (s) => s.id !== '_vscodeApiScript' && !(s.nonce && s.src.endsWith('/dist/webview.js')),
        ),
        [],
        'only VS Code’s script and the bundle',
      );
      assert.deepEqual(dialogs, [], 'no alert ran');
      const messages = session().console.slice(consoleBefore);
      assert.deepEqual(cspViolations(messages), [], 'no CSP violation');
      const errors = messages.filter((m) => m.type() === 'error').map((m) => m.text());
      assert.deepEqual(
        errors.filter((t) => /alert|onerror|script|\bx\b/i.test(t)),
        [],
        'no console error from an injected script',
      );
    } finally {
      page.off('dialog', onDialog);
    }
  });

  it('reads a large export with a cancellable progress notification, showing the first rows meanwhile', async function () {
    this.timeout(300_000);
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-e2e-bench-'));
    const name = 'ui-large-export.csv';
    try {
      const bench = await writeBenchExports(benchDir, 40_000);
      fs.copyFileSync(bench.csvPath, path.join(session().workspace, name));
    } finally {
      fs.rmSync(benchDir, { recursive: true, force: true });
    }
    await openWithFromExplorer(page, name, (label) => steps.shot(label));
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Reading ${name}` });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    // The first rows show while the rest is read.
    const frame = await investigatorFrameWhere(page, async (f) => {
      const status = (await f.locator('mia-toolbar .status').first().innerText({ timeout: 500 })).trim();
      return status.startsWith('Loading…') && (await f.locator('mia-grid .row[data-record]').count()) > 0;
    });
    await steps.shot('first rows while loading, progress notification');
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await investigatorFrameWhere(page, async (f) =>
      (await f.locator('mia-toolbar .status').first().innerText({ timeout: 500 })).includes(
        'Loading cancelled',
      ),
    );
    await toast.waitFor({ state: 'detached', timeout: 30_000 });
    // The records read before the cancel stay (the source is marked partially loaded): some, not all.
    let kept = 0;
    const after = await investigatorFrameWhere(page, async (f) => {
      const text = await f.locator('mia-app #record-count').innerText({ timeout: 500 });
      const m = /^([\d,]+) of ([\d,]+) records$/.exec(text.trim());
      if (!m || m[1] !== m[2]) return false;
      kept = Number(m[1].replace(/,/g, ''));
      return kept > 0;
    });
    assert.equal(after, frame);
    assert.ok(kept > 0 && kept < 40_000, `${kept} records kept after the cancel`);
    await steps.shot('load cancelled');
  });

  it('follows the light and the dark theme (screenshots)', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const exp = await uiExport('purview-audit-2025-03-09_2025-03-17.csv', 'ui-purview-export.csv');
    const total = exp.truth.totals.records;
    await openWithFromExplorer(page, exp.name, (label) => steps.shot(label));
    const frame = await investigatorFrame(page, countText(total, total));
    await frame.locator('mia-grid .row[data-record]').nth(2).click();
    await frame.locator('mia-detail pre.raw').waitFor({ timeout: 15_000 });
    const background = () =>
      frame.evaluate<string>('getComputedStyle(document.querySelector("mia-app")).backgroundColor');
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const before = await currentTheme(page);
    try {
      await setTheme(page, 'Light Modern', 'vs');
      await steps.shot('light theme');
      assert.ok(luminance(await background()) > 180, `light background (${await background()})`);
      await setTheme(page, 'Dark Modern', 'vs-dark');
      await steps.shot('dark theme');
      assert.ok(luminance(await background()) < 80, `dark background (${await background()})`);
    } finally {
      // Leave the workbench on the theme it had: the other UI tests expect it.
      await setTheme(page, before.name, before.kind);
    }
    assert.deepEqual(await currentTheme(page), before, 'the previous theme is back');
    await steps.shot('previous theme restored');
  });
});
