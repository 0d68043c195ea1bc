import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256OfFile } from '../../../src/core/fileSha256';
import { hashFile } from '../../../src/core/savedIndex/hashFile';

describe('savedIndex/file SHA-256', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'mia-sha-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const size of [0, 1, (1 << 20) - 1, 1 << 20, (5 << 20) / 2]) {
    it(`hashes a file of ${size} bytes read into one reused buffer as one whole read would`, async () => {
      const bytes = randomBytes(size);
      const file = join(dir, `f-${size}`);
      writeFileSync(file, bytes);
      let turns = 0;
      const got = await sha256OfFile(file, () => {
        turns++;
        return Promise.resolve();
      });
      const want = createHash('sha256').update(bytes).digest('hex');
      assert.deepEqual(got, { sha256: want, bytes: size });
      // A turn after each 1 MiB chunk read.
      assert.equal(turns, Math.ceil(size / (1 << 20)));
      assert.equal(await hashFile(file, false), want);
    });
  }
});
