import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileByteSource, readBytesInto } from '../../../src/core/byteSource';

describe('file byte sources (what parse workers read through)', () => {
  let dir: string;
  let file: string;
  /** Not a multiple of any read size below, so the last read is short. */
  const bytes = randomBytes(3 * 65536 + 123);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-byte-source-'));
    file = path.join(dir, 'export.bin');
    fs.writeFileSync(file, bytes);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const blocking of [false, true]) {
    const kind = blocking ? 'blocking reads' : 'thread-pool reads';

    it(`give the file's bytes at any offset, fewer only at its end (${kind})`, async () => {
      const source = fileByteSource(file, { blocking });
      try {
        assert.equal(await source.size(), bytes.length);
        assert.deepEqual(Buffer.from(await source.read(0, 1000)), bytes.subarray(0, 1000));
        assert.deepEqual(Buffer.from(await source.read(70_001, 65536)), bytes.subarray(70_001, 135_537));
        const tail = await source.read(bytes.length - 10, 4096);
        assert.deepEqual(Buffer.from(tail), bytes.subarray(bytes.length - 10));
        assert.equal((await source.read(bytes.length, 100)).length, 0);
      } finally {
        await source.close();
      }
    });

    it(`fill a kept buffer at the place asked, as a whole read would (${kind})`, async () => {
      const source = fileByteSource(file, { blocking });
      // Room for a whole step past the file's end: the last read is short.
      const target = Buffer.alloc(16 + bytes.length + 50_000, 0xee);
      try {
        let read = 0;
        // Refills in steps that do not divide the file, each at the end of what was read before.
        for (;;) {
          const n = await readBytesInto(source, target, 16 + read, read, 50_000);
          if (n === 0) break;
          read += n;
        }
        assert.equal(read, bytes.length);
        assert.deepEqual(target.subarray(16, 16 + bytes.length), bytes);
        assert.ok(
          target.subarray(16 + bytes.length).every((b) => b === 0xee),
          'nothing written past the end',
        );
        assert.deepEqual(
          target.subarray(0, 16),
          Buffer.alloc(16, 0xee),
          'bytes before the place asked untouched',
        );
      } finally {
        await source.close();
      }
    });
  }
});
