// exceljs and its dependencies (2 MB) are a bundle of their own, exceljs.js beside the bundles that
// can write a workbook, loaded when one is written (src/core/report/xlsxReport.ts imports it lazily).
// Inside them it was two thirds of the script every CLI run and extension host parsed and held.
import { createRequire } from 'node:module';

/** An esbuild plugin: `import('exceljs')` becomes a load of ./exceljs.js beside the bundle. */
export function excelApartPlugin() {
  return {
    name: 'exceljs-apart',
    setup(build) {
      build.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.js', external: true }));
    },
  };
}

/** The entry point of the exceljs bundle (the package's own Node entry). */
export function excelEntryPoint() {
  return createRequire(import.meta.url).resolve('exceljs');
}
