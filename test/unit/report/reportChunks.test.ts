import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeCsvReport } from '../../../src/core/report/csvReport';
import { writeHtmlReport } from '../../../src/core/report/htmlReport';
import { writeJsonReport } from '../../../src/core/report/jsonReport';
import { writeMarkdownReport } from '../../../src/core/report/markdownReport';
import { reportChunks, textWithin, type BoundedText } from '../../../src/core/report/reportChunks';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeBenchExports } from '../../support/generator/bench';

/** Pieces made as they are asked for, counting how many were asked for. */
function counted(pieces: readonly string[]): { source: Iterable<string>; made: () => number } {
  let made = 0;
  function* source() {
    for (const p of pieces) {
      made++;
      yield p;
    }
  }
  return { source: source(), made: () => made };
}

function joined(bounded: BoundedText): string {
  return 'text' in bounded ? bounded.text : [...bounded.pieces].join('');
}

describe('report/text within a limit', () => {
  const pieces = ['ab', 'cde', '', 'f', 'ghij'];
  const whole = pieces.join('');

  it('joins the text when it is at most the limit long', () => {
    for (const limit of [whole.length, whole.length + 1, 1e9]) {
      const bounded = textWithin(pieces, limit);
      assert.ok('text' in bounded, `limit ${limit}`);
      assert.equal(bounded.text, whole);
    }
    assert.deepEqual(textWithin([], 0), { text: '' });
  });

  it('past the limit gives every piece, reading only as far as the limit to find out', () => {
    for (let limit = 0; limit < whole.length; limit++) {
      const { source, made } = counted(pieces);
      const bounded = textWithin(source, limit);
      assert.ok('pieces' in bounded, `limit ${limit}`);
      // Pieces are read until their length passes the limit, no further.
      let length = 0;
      let needed = 0;
      while (length <= limit) length += pieces[needed++].length;
      assert.equal(made(), needed, `limit ${limit}: pieces read`);
      assert.equal([...bounded.pieces].join(''), whole, `limit ${limit}`);
      assert.equal(made(), pieces.length);
    }
  });

  describe('of a report', function () {
    this.timeout(120_000);
    let dir: string;
    let report: ScopeReport;

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'mia-within-'));
      const { csvPath } = await writeBenchExports(dir, 600, { seed: 5 });
      report = await runScope({
        inputs: [csvPath],
        now: new Date(Date.UTC(2025, 0, 1)),
        deferMessages: true,
      });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('each text format in pieces is the whole-string writer’s text, within the limit or past it', () => {
      const html = { nonce: 'n0nce' };
      const expected = {
        json: writeJsonReport(report),
        csv: writeCsvReport(report),
        markdown: writeMarkdownReport(report),
        html: writeHtmlReport(report, html),
      };
      for (const format of ['json', 'csv', 'markdown', 'html'] as const) {
        const text = expected[format];
        assert.ok(text.length > 100_000, `${format}: ${text.length}`);
        const within = textWithin(reportChunks(report, format, html), text.length);
        assert.ok('text' in within, format);
        assert.equal(joined(within), text, format);
        const past = textWithin(reportChunks(report, format, html), 50_000);
        assert.ok('pieces' in past, format);
        assert.equal(joined(past), text, format);
      }
    });

    it('an HTML page made without a nonce gets a fresh one, named by its policy and its style', () => {
      const nonces = [0, 1].map(() => {
        const page = [...reportChunks(report, 'html')].join('');
        const nonce = /style-src 'nonce-([A-Za-z0-9]{16,})'/.exec(page)?.[1];
        assert.ok(nonce, 'the policy names a nonce');
        assert.ok(page.includes(`<style nonce="${nonce}">`));
        assert.equal(page, writeHtmlReport(report, { nonce }));
        return nonce;
      });
      assert.notEqual(nonces[0], nonces[1]);
    });
  });
});
