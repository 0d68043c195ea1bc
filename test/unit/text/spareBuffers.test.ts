import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { memoryByteSource } from '../../../src/core/byteSource';
import { openContainer } from '../../../src/core/containers/openContainer';
import { ByteWindow } from '../../../src/core/text/byteWindow';
import { loadInvestigation } from '../../../src/core/investigation/investigation';
import {
  dropSpareBuffers,
  giveBuffer,
  spareBufferSizes,
  takeBuffer,
} from '../../../src/core/text/spareBuffers';
import { bytePattern as pattern } from '../../support/bytePattern';
import { fixturePath } from '../../support/paths';

/** Empties the spares this thread kept from earlier tests. */
function noSpares(): void {
  for (let n = spareBufferSizes().length; n > 0; n--) takeBuffer(0, 1);
  assert.deepEqual(spareBufferSizes(), [], 'takeBuffer should hand out the spares');
}

/** A window over `bytes` (one-byte units), read `chunkSize` bytes at a time. */
function windowOver(bytes: Buffer, chunkSize: number): ByteWindow {
  return new ByteWindow(memoryByteSource('/evidence/bytes', bytes), {
    chunkSize,
    unitWidth: 1,
    size: bytes.length,
  });
}

/** Calls of Buffer.allocUnsafe for at least `least` bytes while `run` runs. */
async function bigAllocations(least: number, run: () => Promise<void>): Promise<number> {
  const original = Object.getOwnPropertyDescriptor(Buffer, 'allocUnsafe')!;
  const allocate = original.value as typeof Buffer.allocUnsafe;
  let count = 0;
  Buffer.allocUnsafe = (size: number) => {
    if (size >= least) count++;
    return allocate(size);
  };
  try {
    await run();
  } finally {
    Object.defineProperty(Buffer, 'allocUnsafe', original);
  }
  return count;
}

describe('text/spareBuffers (a finished window’s buffer serves the next window)', () => {
  beforeEach(noSpares);
  after(noSpares);

  it('the next window reads into a released window’s buffer, and shows its own bytes', async () => {
    const first = pattern(5000, 1);
    const second = pattern(3000, 2);
    const a = windowOver(first, 4096);
    assert.ok(await a.fill(0));
    const store = a.bytes.buffer;
    a.release();
    // A read of 4,096 bytes, and an eighth more room.
    assert.deepEqual(spareBufferSizes(), [4608]);
    const b = windowOver(second, 4096);
    assert.ok(await b.fill(0));
    assert.equal(b.bytes.buffer, store, 'the second window should fill the first one’s buffer');
    assert.ok(b.bytes.equals(second), 'the reused buffer must show the second source’s bytes only');
    assert.deepEqual(spareBufferSizes(), []);
  });

  it('a released window holds no bytes and reads nothing more; releasing again gives nothing twice', async () => {
    const bytes = pattern(10_000, 3);
    const win = windowOver(bytes, 1024);
    assert.ok(await win.fill(0));
    win.release();
    assert.equal(win.bytes.length, 0);
    assert.ok(win.eof);
    assert.equal(await win.fill(win.end), false);
    win.release();
    assert.equal(spareBufferSizes().length, 1, 'a buffer given back twice would serve two windows at once');
  });

  it('keeps the two largest buffers, none over 16 MiB, and hands out the smallest that fits', () => {
    const small = Buffer.allocUnsafe(1000);
    const middle = Buffer.allocUnsafe(5000);
    const large = Buffer.allocUnsafe(9000);
    giveBuffer(Buffer.allocUnsafe((16 << 20) + 1));
    giveBuffer(Buffer.alloc(0));
    assert.deepEqual(spareBufferSizes(), []);
    giveBuffer(small);
    giveBuffer(large);
    giveBuffer(middle);
    assert.deepEqual(
      spareBufferSizes().sort((x, y) => x - y),
      [5000, 9000],
    );
    assert.equal(takeBuffer(4000, 4500), middle);
    assert.equal(takeBuffer(9500, 9600).length, 9600, 'no spare fits: a new buffer of the size asked');
    assert.equal(takeBuffer(10, 20), large);
  });

  it('dropSpareBuffers lets every spare go; the next window allocates its own', () => {
    giveBuffer(Buffer.allocUnsafe(4096));
    giveBuffer(Buffer.allocUnsafe(8192));
    assert.equal(spareBufferSizes().length, 2);
    dropSpareBuffers();
    assert.deepEqual(spareBufferSizes(), []);
    assert.equal(takeBuffer(10, 20).length, 20);
  });

  it('a load done once (loadInvestigation) keeps no spare buffer of its reads in this thread', async () => {
    const file = fixturePath('containers', 'json-lines-raw.jsonl');
    // Read in this thread (no worker script): its windows give their buffers back as they end.
    const investigation = await loadInvestigation([file], { ingest: { workers: 0 } });
    try {
      assert.ok(investigation.records.length > 0);
      assert.deepEqual(spareBufferSizes(), []);
    } finally {
      await investigation.close();
    }
  });

  for (const name of ['json-lines-raw.jsonl', 'purview-new-bom-crlf.csv', 'powershell-array-crlf.json']) {
    it(`reading ${name} again allocates no new window buffer (detection and rows, whole or cut short)`, async () => {
      const bytes = fs.readFileSync(fixturePath('containers', name));
      /** The rows read (at most `stopAfter`): where each lies and what it says. */
      const readAll = async (stopAfter = Infinity): Promise<unknown[]> => {
        const reader = await openContainer(memoryByteSource(`/evidence/${name}`, bytes));
        const rows: unknown[] = [];
        for await (const row of reader.rows()) if (rows.push(row) >= stopAfter) break;
        return rows;
      };
      const rows = await readAll();
      assert.ok(rows.length > 0);
      assert.ok(spareBufferSizes().length > 0, 'the reader should give its window’s buffer back');
      // A buffer at least as long as the file: anything smaller is a lookup table, not a window.
      // The same rows from the reused buffer: nothing of the read before shows through.
      assert.equal(
        await bigAllocations(bytes.length, async () => assert.deepEqual(await readAll(), rows)),
        0,
      );
      assert.equal(
        await bigAllocations(bytes.length, async () => assert.deepEqual(await readAll(1), rows.slice(0, 1))),
        0,
      );
      assert.equal(
        await bigAllocations(bytes.length, async () => assert.deepEqual(await readAll(), rows)),
        0,
      );
    });
  }
});
