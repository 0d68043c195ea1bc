import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { repoRoot } from '../../support/paths';

interface AsciiOutputModule {
  asciiOnly(text: string): string;
  asciiOutputPlugin(): Plugin;
}

const script = path.join(repoRoot, 'scripts', 'build', 'asciiOutput.mjs');
/** A UTF-16 unit above 0x7F. */
const NON_ASCII = /[\u0080-\uffff]/;

/** Kept comments and regular expressions are where esbuild leaves non-ASCII text as written. */
const ENTRY = `export class Span {
  /** Ids 0 … n − 1 (a kept comment). */
  n = 2;
  // A — dash.
  matches(s: string): boolean {
    return /^[é-ü]+😀$/u.test(s);
  }
}
export const word = 'Réunion';
`;

describe('build: bundles written in ASCII only (scripts/build/asciiOutput.mjs)', () => {
  let ascii: AsciiOutputModule;
  let dir: string;
  before(async () => {
    // A computed specifier: compiled to CommonJS, a literal import() of an .mjs would be rewritten.
    ascii = (await import(pathToFileURL(script).href)) as AsciiOutputModule;
    dir = mkdtempSync(path.join(tmpdir(), 'mia-ascii-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes each UTF-16 unit above 0x7F as \\uXXXX and leaves ASCII alone', () => {
    assert.equal(ascii.asciiOnly('a … b'), 'a \\u2026 b');
    assert.equal(ascii.asciiOnly('😀'), '\\uD83D\\uDE00');
    assert.equal(ascii.asciiOnly('plain "text"\n'), 'plain "text"\n');
  });

  it('a bundle built with the plugin is ASCII only and behaves as written', async () => {
    const entry = path.join(dir, 'entry.ts');
    const outfile = path.join(dir, 'out.js');
    writeFileSync(entry, ENTRY);
    const options: BuildOptions = {
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
    };
    // Without the plugin, esbuild keeps the comment and the regular expression as written.
    const plain = await build({ ...options, write: false, logLevel: 'silent' });
    assert.match(plain.outputFiles?.[0].text ?? '', NON_ASCII);
    await build({ ...options, sourcemap: true, write: false, plugins: [ascii.asciiOutputPlugin()] });
    const text = readFileSync(outfile, 'utf8');
    assert.doesNotMatch(text, NON_ASCII);
    assert.match(text, /Ids 0 \\u2026 n \\u2212 1/);
    const map = JSON.parse(readFileSync(`${outfile}.map`, 'utf8')) as { mappings: string };
    assert.ok(map.mappings.length > 0, 'the source map is written too');
    const bundle = (await import(pathToFileURL(outfile).href)) as {
      Span: new () => { n: number; matches(s: string): boolean };
      word: string;
    };
    const span = new bundle.Span();
    assert.equal(span.n, 2);
    assert.equal(span.matches('éü😀'), true);
    assert.equal(span.matches('e😀'), false);
    assert.equal(bundle.word, 'Réunion');
  });
});
