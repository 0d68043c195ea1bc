/**
 * Playwright helpers for the webview preview: launching Debian's chromium, opening the page with
 * CSP-violation, console-error and dialog recorders, and small in-page probes. Page code is passed
 * as strings because this file is compiled without the DOM library.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PreviewServer, PreviewTheme } from './previewServer';

/** Chromium flags for a quiet, offline, headless run. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the system chromium. */
export function launchChromium(
  executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/** What went wrong on a page that must never go wrong. */
export interface PageProblems {
  violations: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

/** An open preview page with its recorders. */
export interface PreviewPage {
  page: Page;
  problems: PageProblems;
}

/** Records CSP violations from the first script on (init scripts run before the page's own). */
const recorderScript = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

/** Opens the preview in a new page (its own sessionStorage) and waits for the app to mount. */
export async function openPreview(
  browser: Browser,
  server: PreviewServer,
  theme: PreviewTheme,
  params: Record<string, string | number>,
  viewport = { width: 1440, height: 900 },
): Promise<PreviewPage> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Paris', locale: 'en-US' });
  const page = await context.newPage();
  const problems: PageProblems = { violations: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  await page.addInitScript(recorderScript);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  // Generating a million records runs in the page's module script and holds up `load`.
  await page.goto(server.pageUrl(theme, params), { waitUntil: 'commit' });
  await page.locator('#record-count').waitFor({ timeout: 180_000 });
  return { page, problems };
}

/** Collects the CSP violations the page recorded so far. */
export async function collectViolations(p: PreviewPage): Promise<string[]> {
  const v = await p.page.evaluate<string[]>('window.__cspViolations ?? []');
  p.problems.violations = v;
  return v;
}

/** An element as the in-page functions below use it (this file has no DOM library). */
export interface PageElement {
  getAttribute(name: string): string | null;
  value?: string;
  toDataURL?: () => string;
}

/** Evaluates an expression in the page. */
export function js<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** Expression for the grid's scrolling viewport inside the shadow roots. */
export const gridViewport = `document.querySelector('mia-app').shadowRoot.querySelector('mia-grid').shadowRoot.querySelector('.viewport')`;

/** Expression: every element of a tag in the document and all open shadow roots. */
export function deepCount(tag: string): string {
  return `(() => {
    let n = 0;
    const walk = (root) => {
      n += root.querySelectorAll(${JSON.stringify(tag)}).length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return n;
  })()`;
}

/** Expression: the deepest focused element, described as `tag.class`. */
export const deepActiveElement = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el ? el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') : '';
})()`;

/** Waits until the record count reads exactly `text`. */
export async function waitForCount(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page
    .locator('#record-count', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor({ timeout });
}

/** Waits until no query or load is running (the toolbar's progress bar is gone). */
export async function waitIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForTimeout(50);
  await page.locator('mia-toolbar vscode-progress-bar').waitFor({ state: 'detached', timeout });
}

/** The record count text. */
export async function countText(page: Page): Promise<string> {
  return ((await page.locator('#record-count').textContent()) ?? '').trim();
}

/** Rendered grid rows: position, record and selection. */
export async function renderedRows(
  page: Page,
): Promise<{ pos: number; record: number; selected: boolean }[]> {
  const rows = page.locator('mia-grid [role=row][data-record]');
  // Runs in the page; typed structurally because this file has no DOM library.
  return rows.evaluateAll((els: { getAttribute(name: string): string | null }[]) =>
    els.map((e) => ({
      pos: Number(e.getAttribute('data-pos')),
      record: Number(e.getAttribute('data-record')),
      selected: e.getAttribute('aria-selected') === 'true',
    })),
  );
}
