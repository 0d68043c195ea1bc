// The Node bundles and their esbuild options: built by esbuild.mjs into dist/, and by the tests that
// check a bundle as shipped into a folder of their own (test/support/shippedBundles.ts).
import * as path from 'node:path';
import { excelApartPlugin, excelEntryPoint } from './excelApart.mjs';
import { legacyBufferPlugin } from './legacyBuffer.mjs';

/** Options every Node bundle shares. */
const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20' };

/**
 * The Node bundles, written to `outDir`, entry points resolved in the repository `root`: the
 * extension host's, the CLI's (`mia`), exceljs's (loaded by those two when a workbook is written)
 * and the workers'.
 */
export function nodeBundles(root, outDir) {
  const entry = (file) => [path.join(root, file)];
  const out = (name) => path.join(outDir, name);
  return {
    extension: {
      ...node,
      entryPoints: entry('src/extension/extension.ts'),
      outfile: out('extension.js'),
      external: ['vscode'],
      plugins: [excelApartPlugin()],
    },
    // `mia`: a small entry that starts the work (src/cli/launch.ts), and the CLI it loads.
    cli: {
      ...node,
      entryPoints: entry('src/cli/launch.ts'),
      outfile: out('cli.js'),
      banner: { js: '#!/usr/bin/env node' },
    },
    cliMain: {
      ...node,
      entryPoints: entry('src/cli/main.ts'),
      outfile: out('cliMain.js'),
      plugins: [excelApartPlugin()],
    },
    exceljs: {
      ...node,
      entryPoints: [excelEntryPoint()],
      outfile: out('exceljs.js'),
      plugins: [legacyBufferPlugin()],
    },
    ingestWorker: {
      ...node,
      entryPoints: entry('src/core/worker/ingestWorker.ts'),
      outfile: out('ingestWorker.js'),
    },
    hashWorker: {
      ...node,
      entryPoints: entry('src/core/worker/hashWorker.ts'),
      outfile: out('hashWorker.js'),
    },
  };
}
