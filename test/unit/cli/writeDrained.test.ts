import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { writeDrained } from '../../../src/cli/writeDrained';

/** A stream whose buffer holds `room` chunks: `write` answers false once it is full; it drains later. */
class SlowStream extends EventEmitter {
  readonly written: string[] = [];
  private buffered = 0;
  mostBuffered = 0;
  constructor(private readonly room: number) {
    super();
  }
  write(text: string): boolean {
    this.written.push(text);
    this.buffered++;
    this.mostBuffered = Math.max(this.mostBuffered, this.buffered);
    if (this.buffered < this.room) return true;
    setTimeout(() => {
      this.buffered = 0;
      this.emit('drain');
    }, 1);
    return false;
  }
}

describe('cli/writing a report to standard output', () => {
  it('waits for the stream to drain whenever its buffer is full, writing every chunk in order', async () => {
    const chunks = Array.from({ length: 200 }, (_, i) => `chunk ${i}\n`);
    const out = new SlowStream(4);
    await writeDrained(out, chunks);
    assert.deepEqual(out.written, chunks);
    assert.equal(out.mostBuffered, 4, 'never more than the buffer holds');
  });

  it('writes straight through to an output that never says it is full', async () => {
    let text = '';
    await writeDrained({ write: (s: string) => (text += s) }, ['a', 'b', 'c']);
    assert.equal(text, 'abc');
  });

  it('through a real pipe to a slow reader, the chunks arrive whole and in order', async () => {
    // A child that reads its standard input slowly: the pipe fills and `write` answers false.
    const child = spawn(process.execPath, [
      '-e',
      "let n=0;process.stdin.on('data',d=>{n+=d.length;process.stdin.pause();setTimeout(()=>process.stdin.resume(),2)});process.stdin.on('end',()=>console.log(n))",
    ]);
    let said = '';
    child.stdout.on('data', (d: Buffer) => (said += d.toString()));
    const chunk = 'x'.repeat(64 * 1024);
    let full = 0;
    let mostQueued = 0;
    const stdin = child.stdin;
    const counting = {
      write: (s: string) => {
        const ok = stdin.write(s);
        if (!ok) full++;
        mostQueued = Math.max(mostQueued, stdin.writableLength);
        return ok;
      },
      once: (event: 'drain', listener: () => void) => stdin.once(event, listener),
    };
    await writeDrained(
      counting,
      Array.from({ length: 64 }, () => chunk),
    );
    stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    assert.equal(Number(said.trim()), 64 * chunk.length);
    assert.ok(full > 0, 'the pipe was full at times');
    // Written without waiting, the 4 MiB would have queued in this process.
    assert.ok(mostQueued <= 2 * chunk.length, `${mostQueued} bytes queued at most`);
  });
});
