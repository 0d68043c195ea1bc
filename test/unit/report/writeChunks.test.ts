import * as assert from 'node:assert/strict';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeChunks, writeFilled } from '../../../src/core/report/writeChunks';
import type { ByteText } from '../../../src/core/report/byteText';

describe('report: writeChunks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'mia-write-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Chunks of every size relative to the buffer: smaller, straddling, exactly one, bigger.
  const chunks = [
    'ascii ',
    'é',
    '中文',
    '😀',
    'x'.repeat(15),
    '\ud800 lone',
    'y'.repeat(64),
    'z'.repeat(7),
    '',
    'ß'.repeat(40),
    'end\n',
  ];

  for (const bufferBytes of [16, 21, 64, 1 << 20]) {
    it(`writes the UTF-8 of the joined chunks (buffers of ${bufferBytes} bytes)`, async () => {
      const out = path.join(dir, 'out.txt');
      const written = await writeChunks(out, chunks, bufferBytes);
      assert.deepEqual(readFileSync(out), Buffer.from(chunks.join(''), 'utf8'));
      assert.equal(written, Buffer.byteLength(chunks.join('')), 'the bytes written');
    });
  }

  for (const bufferBytes of [16, 21, 64, 1 << 20]) {
    it(`writes byte chunks among text chunks, though the source reuses their memory (buffers of ${bufferBytes} bytes)`, async () => {
      const out = path.join(dir, 'out.txt');
      // One buffer, refilled for every byte chunk, as the JSON report's message runs are.
      const shared = Buffer.alloc(100);
      function* mixed(): Generator<string | Uint8Array> {
        for (let i = 0; i < chunks.length; i++) {
          yield chunks[i];
          const text = `${i}:${'é'.repeat(i * 3)}|`;
          const n = shared.write(text, 0, 'utf8');
          yield shared.subarray(0, n);
          shared.fill(0x3f);
        }
      }
      const expected = chunks.map((c, i) => `${c}${i}:${'é'.repeat(i * 3)}|`).join('');
      await writeChunks(out, mixed(), bufferBytes);
      assert.deepEqual(readFileSync(out), Buffer.from(expected, 'utf8'));
    });
  }

  it('never refills a buffer whose write is still in flight (many small buffers of distinct text)', async () => {
    const out = path.join(dir, 'out.txt');
    const many = Array.from({ length: 20_000 }, (_, i) => `${i}é,`);
    await writeChunks(out, many, 64);
    assert.equal(readFileSync(out, 'utf8'), many.join(''));
  });

  it('writes to an open file from where it stands, and leaves it open and uncut', async () => {
    const out = path.join(dir, 'out.txt');
    // Its position moved past what is kept, as a shell's redirection leaves it after earlier output.
    const fd = openSync(out, 'w');
    try {
      writeSync(fd, 'kept|');
      const many = Array.from({ length: 2_000 }, (_, i) => `${i}é,`);
      await writeFilled(
        { fd, name: 'standard output' },
        function* (to) {
          for (const m of many) {
            to.encoded(m);
            yield;
          }
        },
        64,
      );
      writeSync(fd, '|after');
      assert.equal(readFileSync(out, 'utf8'), `kept|${many.join('')}|after`);
    } finally {
      closeSync(fd);
    }
  });

  it('truncates an existing file and writes nothing for no chunks', async () => {
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'old content');
    await writeChunks(out, []);
    assert.equal(readFileSync(out, 'utf8'), '');
  });

  it('writes to a device, which has no length to cut', async () => {
    await writeChunks('/dev/null', ['discarded']);
    await writeFilled('/dev/null', function* (to) {
      to.encoded('discarded');
      yield;
    });
  });

  it('rejects when the file cannot be opened', async () => {
    await assert.rejects(writeChunks(path.join(dir, 'missing', 'out.txt'), ['a']), /ENOENT/);
  });

  it('rejects with the error of a chunk source that fails, removes the partial file and closes it', async () => {
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'an older report');
    function* failing(): Generator<string> {
      yield 'a'.repeat(40);
      yield 'b'.repeat(40);
      throw new Error('source broke');
    }
    await assert.rejects(writeChunks(out, failing(), 32), /source broke/);
    // Half a report is never left to pass for a whole one.
    assert.equal(existsSync(out), false, 'the partial file was removed');
    // The file was closed: it can be removed and rewritten at once.
    await writeChunks(out, ['again']);
    assert.equal(readFileSync(out, 'utf8'), 'again');
  });

  it('writes over an existing bigger file and cuts it to the new length', async () => {
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'x'.repeat(10_000));
    assert.equal(await writeChunks(out, ['short'], 16), 5, 'the bytes written, not the older length');
    assert.equal(readFileSync(out, 'utf8'), 'short');
    writeFileSync(out, 'y'.repeat(10_000));
    await writeFilled(out, function* (to) {
      to.encoded('short');
      yield;
    });
    assert.equal(readFileSync(out, 'utf8'), 'short');
  });
});

describe('report: writeFilled', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'mia-write-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Steps of every size relative to the buffer, as text and as bytes written in place. */
  function* steps(to: ByteText, expected: string[]): Generator<void> {
    for (let i = 0; i < 300; i++) {
      const text = `${i}:${'é'.repeat(i % 7)}${'x'.repeat((i * 37) % 90)}😀|`;
      if (i % 2) to.encoded(text);
      else to.text(text);
      expected.push(text);
      yield;
    }
  }

  for (const bufferBytes of [16, 64, 1000, 1 << 20]) {
    it(`writes what each step appended, in order (buffers of ${bufferBytes} bytes)`, async () => {
      const out = path.join(dir, 'out.txt');
      const expected: string[] = [];
      const buffers = new Set<Buffer>();
      await writeFilled(
        out,
        function* (to) {
          const inner = steps(to, expected);
          while (!inner.next().done) {
            buffers.add(to.bytes);
            yield;
          }
        },
        bufferBytes,
      );
      assert.equal(readFileSync(out, 'utf8'), expected.join(''));
      // Filled buffers really went to the file while the other one filled (for small buffers).
      if (bufferBytes < 1000) assert.ok(buffers.size >= 2, `${buffers.size} buffers`);
    });
  }

  for (const bufferBytes of [16, 64, 1 << 20]) {
    it(`writes late values over their placeholders, wherever the buffers cut (buffers of ${bufferBytes} bytes)`, async () => {
      const out = path.join(dir, 'out.txt');
      // Values known only after everything else was written.
      let release: () => void = () => undefined;
      const known = new Promise<void>((resolve) => (release = resolve));
      const late = ['first', 'second'].map((name, i) => ({
        placeholder: `<pending-${name}>`.padEnd(24, '-'),
        value: known.then(() => `${'é'.repeat(i + 1)}${name}`.padEnd(24 - (i + 1), '+')),
      }));
      const expected: string[] = [];
      const written = writeFilled(
        out,
        function* (to) {
          for (let i = 0; i < 40; i++) {
            const text =
              i === 3
                ? late[0].placeholder
                : i === 31
                  ? `x${late[1].placeholder}y`
                  : `${i}${'z'.repeat(i % 9)},`;
            to.encoded(text);
            expected.push(text);
            yield;
          }
          // Everything is written before the values are known.
          setImmediate(release);
        },
        bufferBytes,
        late,
      );
      await written;
      const want = expected
        .join('')
        .replace(late[0].placeholder, await late[0].value)
        .replace(late[1].placeholder, await late[1].value);
      assert.equal(readFileSync(out, 'utf8'), want);
      assert.ok(!readFileSync(out, 'utf8').includes('pending'));
    });
  }

  it('removes the file when a late value fails or its placeholder was never written', async () => {
    const out = path.join(dir, 'out.txt');
    const cases: [string, string, Promise<string>, RegExp][] = [
      ['a PENDING b', 'PENDING', Promise.reject(new Error('cannot hash x')), /cannot hash x/],
      ['nothing stands for it', 'ABSENT', Promise.resolve('abcdef'), /ABSENT was not written/],
      ['a SHORT one', 'SHORT', Promise.resolve('longer than it'), /no value of its length/],
    ];
    for (const [text, placeholder, value, error] of cases) {
      const fill = function* (to: ByteText) {
        to.encoded(text);
        yield;
      };
      await assert.rejects(writeFilled(out, fill, 16, [{ placeholder, value }]), error);
      assert.equal(existsSync(out), false, placeholder);
    }
  });

  it('writes an empty file for no bytes', async () => {
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'old content');
    await writeFilled(out, () => []);
    assert.equal(readFileSync(out, 'utf8'), '');
  });

  it('rejects with the error of a failing fill, removes the partial file and closes it', async () => {
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'an older report');
    await assert.rejects(
      writeFilled(
        out,
        function* (to) {
          to.encoded('a'.repeat(40));
          yield;
          to.encoded('b'.repeat(40));
          yield;
          throw new Error('source broke');
        },
        32,
      ),
      /source broke/,
    );
    assert.equal(existsSync(out), false, 'the partial file was removed');
    await writeFilled(out, function* (to) {
      to.encoded('again');
      yield;
    });
    assert.equal(readFileSync(out, 'utf8'), 'again');
  });

  it('rejects when the file cannot be opened', async () => {
    await assert.rejects(
      writeFilled(path.join(dir, 'missing', 'out.txt'), () => []),
      /ENOENT/,
    );
  });
});
