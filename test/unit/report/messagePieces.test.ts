import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { bytePieces, pieces } from '../../../src/core/report/messagePieces';

describe('report: message pieces', () => {
  it('gives every piece of a depth as the ASCII bytes of its text', () => {
    for (const depth of [0, 2, 5]) {
      const text = pieces(depth);
      const bytes = bytePieces(depth);
      assert.deepStrictEqual(Object.keys(bytes), Object.keys(text));
      for (const key of Object.keys(text) as (keyof typeof text)[])
        assert.equal(Buffer.from(bytes[key]).toString('latin1'), text[key], `${key} at depth ${depth}`);
      assert.equal(bytePieces(depth), bytes, 'made once per depth');
    }
  });

  it("keeps the byte pieces in V8's fast properties (the writers read them at fixed offsets)", () => {
    // V8's property modes are seen only through its natives syntax: in a child node, on the compiled
    // module. (Filled by computed keys, the object went to dictionary mode: every read of a piece,
    // a few dozen per message, was a generic lookup.)
    const modulePath = path.resolve(__dirname, '../../../src/core/report/messagePieces.js');
    const script = `
      const { bytePieces } = require(${JSON.stringify(modulePath)});
      process.stdout.write(JSON.stringify([1, 2, 3].map((d) => %HasFastProperties(bytePieces(d)))));`;
    const fast = JSON.parse(
      execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' }),
    ) as boolean[];
    assert.deepStrictEqual(fast, [true, true, true]);
  });
});
