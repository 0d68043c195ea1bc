// exceljs's streaming writer (through archiver) still calls the `new Buffer(…)` constructor Node
// deprecated (DEP0005). Inside node_modules Node keeps quiet about it, but bundled into exceljs.js
// it is "user code": the first workbook a run wrote printed a DeprecationWarning on `mia`'s standard
// error. The bundle's calls go to a function doing what that constructor does, without the warning.
import { readFile } from 'node:fs/promises';

/** What `new Buffer(…)` does: a number is a size (zero-filled here), anything else is converted. */
export const LEGACY_BUFFER = '__miaLegacyBuffer';
const legacyBuffer = `function ${LEGACY_BUFFER}(value, encodingOrOffset, length) {
  return typeof value === 'number' ? Buffer.alloc(value) : Buffer.from(value, encodingOrOffset, length);
}`;

/** An esbuild plugin: `new Buffer(` in the bundled packages calls `__miaLegacyBuffer(` instead. */
export function legacyBufferPlugin() {
  return {
    name: 'legacy-buffer',
    setup(build) {
      const banner = build.initialOptions.banner ?? {};
      build.initialOptions.banner = { ...banner, js: [banner.js, legacyBuffer].filter(Boolean).join('\n') };
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!/\bnew Buffer\(/.test(text)) return undefined;
        return { contents: text.replace(/\bnew Buffer\(/g, `${LEGACY_BUFFER}(`), loader: 'js' };
      });
    },
  };
}
