import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileByteSource, memoryByteSource, type ByteSource } from '../../../src/core/byteSource';
import { ByteWindow, drainWindow } from '../../../src/core/text/byteWindow';
import { bytePattern as pattern } from '../../support/bytePattern';

/** A source whose reads answer at most `max` bytes, with `readInto` or only `read`. */
function shortReads(bytes: Buffer, max: number, into: boolean): ByteSource {
  const inner = memoryByteSource('/evidence/x', bytes);
  const source: ByteSource = {
    path: inner.path,
    size: () => inner.size(),
    read: (offset, length) => inner.read(offset, Math.min(length, max)),
    close: () => inner.close(),
  };
  if (into) {
    source.readInto = (target, at, offset, length) =>
      inner.readInto!(target, at, offset, Math.min(length, max));
  }
  return source;
}

/** Asserts the window shows exactly the file's bytes from its base to its end. */
function assertWindow(win: ByteWindow, file: Buffer): void {
  assert.ok(win.base <= win.end);
  assert.ok(win.bytes.equals(file.subarray(win.base, win.end)), `bytes ${win.base}..${win.end} differ`);
}

describe('text/byteWindow (a sliding window refilled in place)', () => {
  it('readInto of a file copies bytes at an offset, fewer at the end, none past it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-window-'));
    const file = path.join(dir, 'bytes.bin');
    const bytes = pattern(1000);
    fs.writeFileSync(file, bytes);
    const source = fileByteSource(file);
    try {
      const target = Buffer.alloc(300, 0xee);
      assert.equal(await source.readInto!(target, 10, 500, 200), 200);
      assert.ok(target.subarray(10, 210).equals(bytes.subarray(500, 700)));
      assert.equal(target[9], 0xee);
      assert.equal(target[210], 0xee);
      assert.equal(await source.readInto!(target, 0, 900, 300), 100);
      assert.ok(target.subarray(0, 100).equals(bytes.subarray(900)));
      assert.equal(await source.readInto!(target, 0, 1000, 10), 0);
    } finally {
      await source.close();
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('readInto of bytes in memory does the same', async () => {
    const bytes = pattern(100);
    const source = memoryByteSource('/evidence/m', bytes);
    const target = Buffer.alloc(50, 0xee);
    assert.equal(await source.readInto!(target, 5, 20, 30), 30);
    assert.ok(target.subarray(5, 35).equals(bytes.subarray(20, 50)));
    assert.equal(target[35], 0xee);
    assert.equal(await source.readInto!(target, 0, 90, 30), 10);
    assert.ok(target.subarray(0, 10).equals(bytes.subarray(90)));
    assert.equal(await source.readInto!(target, 0, 120, 5), 0);
  });

  for (const into of [true, false]) {
    const how = into ? 'readInto' : 'read';
    it(`keeps the right bytes through every fill, short reads gathered (${how})`, async () => {
      const file = pattern(10_000);
      const win = new ByteWindow(shortReads(file, 97, into), {
        chunkSize: 256,
        unitWidth: 1,
        size: file.length,
      });
      const seen: Buffer[] = [];
      const onBytes = new ByteWindow(shortReads(file, 97, into), {
        chunkSize: 256,
        unitWidth: 1,
        size: file.length,
        onBytes: (chunk) => seen.push(Buffer.from(chunk)),
      });
      // Keep varying amounts: nothing, a little, most of the window (the kept bytes overlap where
      // they move to), all of it (the next read must grow the buffer).
      const keeps = [0, 1, 0.5, 0.95, 1, 0, 0.3, 1, 1, 0.99];
      let step = 0;
      assert.equal(await win.fill(0), true);
      assertWindow(win, file);
      assert.equal(win.end - win.base, 256, 'a whole chunk despite reads of 97 bytes');
      while (!win.eof) {
        const share = keeps[step++ % keeps.length];
        const keep = win.end - Math.floor((win.end - win.base) * share);
        const before = win.end;
        assert.equal(await win.fill(keep), true);
        assert.equal(win.base, keep, 'bytes before keepFrom are dropped, the rest kept');
        assert.ok(win.end > before);
        assertWindow(win, file);
      }
      assert.equal(win.end, file.length);
      assert.equal(await win.fill(win.base), false, 'nothing more at the end');
      assertWindow(win, file);

      await drainWindow(onBytes);
      assert.ok(Buffer.concat(seen).equals(file), 'onBytes saw every byte once, in order');
    });
  }

  it('grows its reads for a row longer than the chunk and keeps it whole', async () => {
    const file = pattern(5000);
    const win = new ByteWindow(memoryByteSource('/evidence/long', file), {
      chunkSize: 100,
      unitWidth: 1,
      size: file.length,
    });
    await win.fill(0);
    // A row starting at 40 that has not ended: keep it through several fills.
    for (let i = 0; i < 5; i++) {
      const kept = win.end - 40;
      await win.fill(40);
      assert.equal(win.base, 40);
      assert.ok(win.end - 40 >= 2 * kept, 'the read is at least as long as what was kept');
      assertWindow(win, file);
    }
    await win.fill(win.end - 3);
    assertWindow(win, file);
  });

  it('reads only up to the given size and from the given start', async () => {
    const file = pattern(3000);
    const win = new ByteWindow(shortReads(file, 50, true), {
      chunkSize: 400,
      unitWidth: 1,
      size: 2000,
      start: 1000,
    });
    while (await win.fill(win.end)) assertWindow(win, file);
    assert.equal(win.end, 2000);
    assert.equal(win.eof, true);
  });

  it('stops at the true end when the source is shorter than its size said (a file that shrank)', async () => {
    const file = pattern(700);
    const inner = memoryByteSource('/evidence/shrunk', file);
    const win = new ByteWindow(
      { ...inner, size: () => Promise.resolve(1000) },
      {
        chunkSize: 300,
        unitWidth: 1,
        size: 1000,
      },
    );
    const ends: number[] = [];
    while (await win.fill(win.end - 10 > win.base ? win.end - 10 : win.base)) {
      assertWindow(win, file);
      ends.push(win.end);
    }
    assert.deepEqual(ends, [300, 600, 700]);
    assert.equal(win.eof, true);
    assertWindow(win, file);
    assert.equal(win.end, 700);
  });

  it('keeps a UTF-16 unit split by a read whole, and counts lines across refills', async () => {
    const text = 'ab\ncdé\n'.repeat(40) + 'end';
    const file = Buffer.from(text, 'utf16le');
    const win = new ByteWindow(shortReads(file, 33, true), {
      chunkSize: 37,
      unitWidth: 2,
      size: file.length,
    });
    await win.fill(0);
    let pos = 0;
    let lines = 1;
    while (pos < file.length) {
      while (pos >= win.end) {
        assert.ok(await win.fill(pos));
        assert.equal(win.bytes.length % 2, 0, 'whole units only');
        assertWindow(win, file);
      }
      assert.equal(win.lineAt(pos), lines);
      if (file[pos] === 0x0a && file[pos + 1] === 0) lines++;
      pos += 2;
    }
    assert.equal(lines, 81);
  });

  it('counts lines from the line feeds its reader notes, and ignores a note the bytes contradict', async () => {
    const text = 'a\nbb\n\nccc\nd';
    const bytes = Buffer.from(text);
    const win = new ByteWindow(memoryByteSource('/evidence/x', bytes), {
      chunkSize: 64,
      unitWidth: 1,
      size: bytes.length,
    });
    await win.fill(0);
    // A reader that finds each line's end notes it; the lines count as without the notes.
    let pos = 0;
    const seen: number[] = [];
    while (pos < bytes.length) {
      seen.push(win.lineAt(pos));
      const lf = bytes.indexOf(0x0a, pos);
      if (lf < 0) break;
      win.noteLineFeed(lf);
      pos = lf + 1;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    // A note while the next line feed is known already changes nothing.
    const other = new ByteWindow(memoryByteSource('/evidence/x', bytes), {
      chunkSize: 64,
      unitWidth: 1,
      size: bytes.length,
    });
    await other.fill(0);
    assert.equal(other.lineAt(3), 2); // found the line feed at 1 and searched on to the one at 4
    other.noteLineFeed(9);
    assert.equal(other.lineAt(5), 3, 'the line feed at 4 still counts');
    assert.equal(other.lineAt(bytes.length - 1), 5);
  });
});
