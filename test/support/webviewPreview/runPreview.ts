/**
 * Dev preview of the webview: builds the real UI over an in-page host (real query engine,
 * generated records), serves it on 127.0.0.1 under the strict CSP, and either keeps serving
 * (`--serve`) or drives it with Playwright + system chromium, running the checks and writing
 * screenshots to test-results/webview-preview/.
 *
 *   npx tsc -p tsconfig.json && node out/test/support/webviewPreview/runPreview.js [--records 300000] [--serve]
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';
import { checks, shot, type CheckContext } from './previewChecks';
import { collectViolations, launchChromium, openPreview } from './previewDriver';
import { buildPreviewBundle, startPreviewServer, type PreviewTheme } from './previewServer';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
  const records = Number(option('records', '300000'));
  const only = option('only', '');
  const bundle = await buildPreviewBundle();
  const server = await startPreviewServer(bundle);
  if (process.argv.includes('--serve')) {
    console.log(`Preview: ${server.pageUrl('dark', { records })} (themes: dark, light, hc; Ctrl+C to stop)`);
    await new Promise(() => undefined);
  }
  const shotsDir = path.join(repoRoot, 'test-results', 'webview-preview');
  mkdirSync(shotsDir, { recursive: true });
  const browser = await launchChromium();
  let failures = 0;
  try {
    const preview = await openPreview(browser, server, 'dark', { records });
    const ctx: CheckContext = { preview, records, shotsDir };
    for (const check of checks) {
      if (only && !check.name.includes(only)) continue;
      const started = Date.now();
      try {
        await check.run(ctx);
        console.log(`  ✔ ${check.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures++;
        console.log(`  ✘ ${check.name}\n      ${error instanceof Error ? error.message : String(error)}`);
        await shot(ctx, `failed-${failures}`).catch(() => undefined);
      }
    }
    const violations = await collectViolations(preview);
    const { consoleErrors, pageErrors, dialogs } = preview.problems;
    for (const [label, list] of [
      ['CSP violations', violations],
      ['console errors', consoleErrors],
      ['page errors', pageErrors],
      ['dialogs', dialogs],
    ] as const) {
      if (list.length > 0) {
        failures++;
        console.log(`  ✘ ${label}:\n      ${list.join('\n      ')}`);
      } else {
        console.log(`  ✔ no ${label}`);
      }
    }
    // Light and high-contrast screenshots of a fresh view (hostile record selected, detail open).
    for (const theme of ['light', 'hc'] as PreviewTheme[]) {
      const p = await openPreview(browser, server, theme, {
        records: Math.min(records, 20_000),
        load: 'instant',
      });
      await p.page.locator('mia-grid [role=row][data-record]').first().click();
      await p.page.waitForTimeout(700);
      await shot({ preview: p, records, shotsDir }, `${theme}-overview`);
      const v = await collectViolations(p);
      if (v.length + p.problems.pageErrors.length + p.problems.dialogs.length > 0) {
        failures++;
        console.log(`  ✘ ${theme}: ${[...v, ...p.problems.pageErrors, ...p.problems.dialogs].join('; ')}`);
      }
      await p.page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    failures === 0
      ? `Preview checks passed; screenshots in ${shotsDir}`
      : `${failures} preview check(s) failed`,
  );
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
