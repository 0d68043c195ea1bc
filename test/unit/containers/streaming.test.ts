import * as assert from 'node:assert/strict';
import { memoryByteSource, type ByteSource } from '../../../src/core/byteSource';
import { openContainer } from '../../../src/core/containers/openContainer';
import type { ReadProgress } from '../../../src/core/containers/types';
import { fixtureBytes, fixtureNames, readRows, tinyReads } from '../../support/containerFixtures/readRows';

const READABLE = fixtureNames().filter((n) => !n.startsWith('unrecognised'));

/** A source that counts reads and the largest span of bytes asked for. */
function countingSource(bytes: Buffer): ByteSource & { reads: number; largest: number } {
  const inner = memoryByteSource('/evidence/counted', bytes);
  const counted = {
    path: inner.path,
    reads: 0,
    largest: 0,
    size: () => inner.size(),
    read: (offset: number, length: number) => {
      counted.reads++;
      counted.largest = Math.max(counted.largest, length);
      return inner.read(offset, length);
    },
    close: () => inner.close(),
  };
  return counted;
}

describe('streaming reads', () => {
  for (const name of READABLE) {
    it(`${name}: 7-byte chunks over 3-byte reads give the same rows, and every byte reaches onBytes once, in order`, async () => {
      const bytes = fixtureBytes(name);
      const whole = await readRows(await openContainer(memoryByteSource(`/e/${name}`, bytes)));
      const source = tinyReads(memoryByteSource(`/e/${name}`, bytes), 3);
      const reader = await openContainer(source, { chunkSize: 7 });
      const seen: Buffer[] = [];
      const rows = await readRows(reader, { onBytes: (c) => seen.push(Buffer.from(c)) });
      assert.deepEqual(rows, whole);
      assert.ok(Buffer.concat(seen).equals(bytes));
      for (const row of rows) {
        const again = await reader.reparse(row.offset, row.length);
        // A broken row stays broken; its reason may be worded differently once out of context.
        if (row.error) assert.ok(again.error && !again.audit && again.line === row.line);
        else assert.deepEqual(again, row);
      }
    });
  }

  it('reads in chunks of the requested size, never the whole file at once', async () => {
    const bytes = fixtureBytes('purview-classic-crlf.csv');
    const source = countingSource(bytes);
    const rows = await readRows(await openContainer(source, { chunkSize: 1024 }));
    assert.equal(rows.length, 10);
    assert.ok(source.reads >= bytes.length / 4096, `${source.reads} reads`);
    // Rows (under 3 KiB here) longer than a chunk make a read grow to hold them, no more.
    assert.ok(source.largest <= 4096, `largest read ${source.largest} of ${bytes.length}`);
  });

  it('reports progress a few times at most, ending with every byte read', async () => {
    const bytes = fixtureBytes('ual-ps-columns-utf16-bom.csv');
    const progress: ReadProgress[] = [];
    await readRows(await openContainer(memoryByteSource('/e/p.csv', bytes), { chunkSize: 64 }), {
      onProgress: (p) => progress.push({ ...p }),
    });
    assert.ok(
      progress.length >= 1 && progress.length <= 3,
      `${progress.length} progress reports for ${bytes.length / 64} chunks`,
    );
    assert.deepEqual(progress[progress.length - 1], { bytesRead: bytes.length, totalBytes: bytes.length });
  });

  it('stops early, without error, when the signal is aborted', async () => {
    for (const name of ['purview-classic-crlf.csv', 'powershell-array-crlf.json', 'json-lines-raw.jsonl']) {
      const controller = new AbortController();
      const reader = await openContainer(memoryByteSource(`/e/${name}`, fixtureBytes(name)), {
        chunkSize: 512,
      });
      const rows = [];
      for await (const row of reader.rows({ signal: controller.signal })) {
        rows.push(row);
        if (rows.length === 2) controller.abort();
      }
      assert.equal(rows.length, 2, name);
    }
  });

  it('reads a file again from the start on a second pass', async () => {
    const reader = await openContainer(memoryByteSource('/e/x.csv', fixtureBytes('graph-audit.csv')));
    const first = await readRows(reader);
    assert.deepEqual(await readRows(reader), first);
  });
});
