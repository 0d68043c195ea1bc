import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { bytePieces } from '../../../src/core/report/messagePieces';
import { inNodeWithNatives } from '../../support/v8Natives';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('report: message pieces', () => {
  it("gives a depth's pieces as the bytes JSON.stringify(…, null, 2) writes there, made once", () => {
    // Every piece is checked against JSON.stringify by the JSON writer's tests; here the depth.
    const two = bytePieces(2);
    assert.equal(text(two.key), ',\n      "key": ');
    assert.equal(text(two.listOpen), '[\n        ');
    assert.equal(text(two.useOpen), '{\n          "context": ');
    assert.equal(text(bytePieces(0).key), ',\n  "key": ');
    assert.equal(bytePieces(2), two, 'made once per depth');
  });

  it("keeps the byte pieces in V8's fast properties (the writers read them at fixed offsets)", () => {
    // Filled by computed keys, the object went to dictionary mode: every read of a piece, a few
    // dozen per message, was a generic lookup.
    const modulePath = path.resolve(__dirname, '../../../src/core/report/messagePieces.js');
    const fast = inNodeWithNatives<boolean[]>(`
      const { bytePieces } = require(${JSON.stringify(modulePath)});
      process.stdout.write(JSON.stringify([1, 2, 3].map((d) => %HasFastProperties(bytePieces(d)))));`);
    assert.deepStrictEqual(fast, [true, true, true]);
  });
});
