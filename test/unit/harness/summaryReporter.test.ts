import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { failuresFileEnv, type TestOutcome } from '../../support/harness/testResults';

const root = path.resolve(__dirname, '../../../..');

describe('harness/summary reporter', () => {
  it('closes with the counts and writes each failed test with its first error line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-reporter-'));
    try {
      const spec = path.join(dir, 'sample.test.js');
      writeFileSync(
        spec,
        `describe('outer', () => {
          it('passes', () => {});
          it('breaks', () => { throw new Error('first line\\nsecond line'); });
          it('also passes', () => {});
        });`,
      );
      const failuresFile = path.join(dir, 'failures.json');
      const run = spawnSync(
        process.execPath,
        [
          path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
          '--reporter',
          path.join(root, 'out', 'test', 'support', 'harness', 'summaryReporter.js'),
          spec,
        ],
        { encoding: 'utf8', env: { ...process.env, [failuresFileEnv]: failuresFile } },
      );
      assert.notEqual(run.status, 0, 'mocha reports the failure');
      const lines = run.stdout.trim().split('\n');
      assert.equal(lines.at(-1), '2 passed, 1 failed', 'the closing line');
      const failures = JSON.parse(readFileSync(failuresFile, 'utf8')) as TestOutcome[];
      assert.deepStrictEqual(failures, [{ title: 'outer breaks', state: 'failed', error: 'first line' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
