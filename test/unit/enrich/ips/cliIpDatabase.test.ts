import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommand } from '../../../../src/cli/args';
import { main } from '../../../../src/cli/main';
import { fixturePath } from '../../../support/paths';
import { buildMmdb } from './mmdbWriter';

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  });
  return { status, stdout, stderr };
}

describe('mia scope --ip-database', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-cli-ipdb-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is parsed as the user database path', () => {
    const c = parseCommand(['scope', 'a.csv', '--ip-database', '/x/GeoLite2-ASN.mmdb']);
    assert.equal(c.kind === 'scope' && c.ipDatabase, '/x/GeoLite2-ASN.mmdb');
    const none = parseCommand(['scope', 'a.csv']);
    assert.equal(none.kind === 'scope' && none.ipDatabase, undefined);
  });

  it('a database that cannot be read is a usage error naming the file (exit 2)', async () => {
    const broken = path.join(dir, 'broken.mmdb');
    writeFileSync(broken, 'nope');
    const samples = fixturePath('samples');
    for (const file of [broken, path.join(dir, 'missing.mmdb')]) {
      const r = await run(['scope', samples, '--quiet', '--ip-database', file]);
      assert.equal(r.status, 2);
      assert.ok(r.stderr.includes(`--ip-database: ${file}:`), r.stderr);
      assert.equal(r.stdout, '');
    }
  });

  it('a valid database is used and the report is written', async () => {
    const file = path.join(dir, 'asn.mmdb');
    writeFileSync(file, buildMmdb([{ cidr: '8.8.8.0/24', data: { autonomous_system_number: 15169 } }]));
    const r = await run([
      'scope',
      fixturePath('samples'),
      '--quiet',
      '--format',
      'json',
      '--ip-database',
      file,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { schemaVersion: number }).schemaVersion, 1);
  });
});
