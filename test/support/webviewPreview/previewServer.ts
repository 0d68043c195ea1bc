/**
 * Builds the webview preview bundle (the real webview/startApp.ts over the in-page PreviewHost)
 * with esbuild's JS API and serves it, the theme sheets and the codicons from 127.0.0.1, with the
 * same strict CSP as the real webview in the page.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../paths';

/** Source folder of the preview (the .ts files, not their compiled copies in out/). */
export const previewSourceDir = path.join(repoRoot, 'test', 'support', 'webviewPreview');

/** Theme of the preview page: the theme sheet and the body class VS Code would set. */
export type PreviewTheme = 'dark' | 'light' | 'hc';

/** Body class per theme, as VS Code sets it on webview bodies. */
export const themeBodyClass: Record<PreviewTheme, string> = {
  dark: 'vscode-dark',
  light: 'vscode-light',
  hc: 'vscode-high-contrast',
};

/** Bundles the preview page script (ESM, browser), as esbuild.mjs bundles webview/main.ts. */
export async function buildPreviewBundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: {
      contents: [
        "import { installPreview } from './previewPage';",
        "import { startApp } from '../../../webview/startApp';",
        'installPreview();',
        "startApp(document.getElementById('app') ?? document.body);",
      ].join('\n'),
      resolveDir: previewSourceDir,
      sourcefile: 'previewEntry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** A running preview server. */
export interface PreviewServer {
  origin: string;
  /** URL of the page with the given theme and query parameters. */
  pageUrl(theme: PreviewTheme, params?: Record<string, string | number>): string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.html': 'text/html; charset=utf-8',
};

/** Serves the bundle on 127.0.0.1 (a free port). */
export async function startPreviewServer(bundle: string): Promise<PreviewServer> {
  const template = readFileSync(path.join(previewSourceDir, 'preview.html'), 'utf8');
  const files: Record<string, string> = {
    '/themes/base.css': path.join(previewSourceDir, 'themes', 'base.css'),
    '/themes/dark.css': path.join(previewSourceDir, 'themes', 'dark.css'),
    '/themes/light.css': path.join(previewSourceDir, 'themes', 'light.css'),
    '/themes/hc.css': path.join(previewSourceDir, 'themes', 'hc.css'),
    '/codicons/codicon.css': path.join(
      repoRoot,
      'node_modules',
      '@vscode',
      'codicons',
      'dist',
      'codicon.css',
    ),
    '/codicons/codicon.ttf': path.join(
      repoRoot,
      'node_modules',
      '@vscode',
      'codicons',
      'dist',
      'codicon.ttf',
    ),
  };
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const theme =
        (['dark', 'light', 'hc'] as const).find((t) => t === url.searchParams.get('theme')) ?? 'dark';
      // A fresh nonce per page load, as the extension does with `crypto`.
      const nonce = randomBytes(16).toString('base64');
      const html = template
        .replaceAll('{{nonce}}', nonce)
        .replaceAll('{{cspSource}}', origin)
        .replaceAll('{{theme}}', theme)
        .replaceAll('{{bodyClass}}', themeBodyClass[theme]);
      send(200, types['.html'], html);
    } else if (url.pathname === '/favicon.ico') {
      send(204, 'text/plain', '');
    } else if (url.pathname === '/preview.js') {
      send(200, types['.js'], bundle);
    } else if (files[url.pathname]) {
      send(
        200,
        types[path.extname(url.pathname)] ?? 'application/octet-stream',
        readFileSync(files[url.pathname]),
      );
    } else {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (theme, params = {}) => {
      const q = new URLSearchParams({
        theme,
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      });
      return `${origin}/?${q.toString()}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
