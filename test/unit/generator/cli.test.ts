import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTruth } from '../../support/generator/truth';
import { repoRoot } from '../../support/paths';
import { tempDir } from './helpers';

const cli = path.join(repoRoot, 'out', 'test', 'support', 'generator', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('generator CLI', function () {
  this.timeout(120000);

  it('prints help with every command, and exits 2 on usage errors', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    for (const word of [
      'sample-workspace',
      'bench',
      'export',
      'export-set',
      'purview-csv-new',
      'sentinel-officeactivity-json',
    ])
      assert.ok(help.stdout.includes(word), word);
    assert.equal(run('frobnicate').status, 2);
    assert.equal(run('export', 'no-such-container', 'x.csv').status, 2);
    assert.equal(run('bench', '/tmp/x', '--records', 'many').status, 2);
  });

  it('exports one container with its truth', async () => {
    const tmp = tempDir('cli');
    try {
      const file = path.join(tmp.dir, 'out.jsonl');
      const truthFile = path.join(tmp.dir, 'truth.json');
      const res = run('export', 'json-lines', file, '--include-broken', '--truth', truthFile);
      assert.equal(res.status, 0, res.stderr);
      const lines = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l);
      const truth = await readTruth(truthFile);
      assert.equal(truth.files[0].rows, lines.length);
      assert.deepEqual(truth.files[0].rejected.map((r) => r.kind).sort(), [
        'invalid-creation-time',
        'missing-creation-time',
        'missing-id',
        'truncated-json',
        'truncated-json',
      ]);
      // Each rejected line is indeed unreadable as a record.
      for (const r of truth.files[0].rejected) {
        assert.throws(() => {
          const a = JSON.parse(lines[r.line - 1]) as Record<string, unknown>;
          if (!a.Id || Number.isNaN(Date.parse(`${String(a.CreationTime)}Z`)))
            throw new Error('not a valid record');
        });
      }
    } finally {
      tmp.remove();
    }
  });
});
