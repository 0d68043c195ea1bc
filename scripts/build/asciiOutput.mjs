// Bundles written in ASCII only. esbuild escapes what it prints of strings, but keeps comments and
// regular expression literals as written: one "…" or "−" in a kept comment made V8 hold the whole
// bundle's source as two bytes a character (dist/cli.js: 8 MB of heap in the CLI's thread instead
// of 4, and each parse worker its own copy of its bundle). Each non-ASCII UTF-16 unit becomes a
// \uXXXX escape, which means the same in a comment, a regular expression, a string or an identifier.
import { writeFileSync } from 'node:fs';

/** `text` with every UTF-16 unit above 0x7F written as `\uXXXX`. */
export function asciiOnly(text) {
  return text.replace(
    /[^\x00-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * An esbuild plugin for builds with `write: false`: writes each output file, JavaScript in ASCII only.
 * Only lines holding such a unit change, and only after it; source maps are left as they are.
 */
export function asciiOutputPlugin() {
  return {
    name: 'ascii-output',
    setup(build) {
      build.onEnd((result) => {
        for (const file of result.outputFiles ?? []) {
          const js = file.path.endsWith('.js');
          writeFileSync(file.path, js ? asciiOnly(file.text) : file.contents);
        }
      });
    },
  };
}
