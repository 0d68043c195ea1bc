import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildShipped } from '../../support/shippedBundles';

/**
 * Every parse worker compiles and runs its whole script when it starts and holds it for the load:
 * zod's classic API with its forty locales made the script 885 kB and cost each worker about 6 MB.
 */
describe('build: the parse worker bundle stays small', function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-worker-bundle-'));
    const { ingestWorker } = await buildShipped(dir, ['ingestWorker']);
    script = readFileSync(ingestWorker, 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds zod/mini only, not the classic API or its locales', () => {
    assert.ok(script.includes('node_modules/zod/'), 'the schema check is bundled');
    assert.ok(!script.includes('node_modules/zod/v4/classic/'), 'the classic zod API is bundled');
    assert.ok(!script.includes('node_modules/zod/v4/locales/'), "zod's locales are bundled");
  });

  it('is under 300 kB', () => {
    assert.ok(script.length < 300_000, `ingestWorker.js is ${script.length} bytes`);
  });
});
