#!/usr/bin/env node
// Installs (or checks) the real-VS-Code test harness: Node 24 and code-server in the harness cache,
// Chromium from Debian. `npm test` and `npm start` do this on first use; run it alone to prepare a
// machine. Needs the compiled harness (`npx tsc -p tsconfig.json`), which `npm run harness:install` does.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureHarness } = require(path.join(root, 'out/test/support/harness/install.js'));

const started = Date.now();
try {
  const harness = await ensureHarness((line) => console.log(line));
  console.log(`harness ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  cache:       ${harness.paths.root}`);
  console.log(`  node:        ${harness.nodeBinary}`);
  console.log(`  code-server: ${harness.codeServerEntry}`);
  console.log(`  chromium:    ${harness.chromium}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
