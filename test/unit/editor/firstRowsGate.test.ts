import * as assert from 'node:assert/strict';
import { FirstRowsGate } from '../../../src/extension/investigation/firstRowsGate';

/** Whether `promise` has settled after the pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('FirstRowsGate (background work waits for an opening editor)', () => {
  it('lets work go at once when no editor is opening', async () => {
    const gate = new FirstRowsGate();
    assert.equal(gate.held, false);
    assert.equal(await settled(gate.whenOpen()), true);
  });

  it('holds work until the first rows are shown, once however often it is held', async () => {
    const gate = new FirstRowsGate();
    gate.hold();
    const first = gate.whenOpen();
    gate.hold(); // a second editor of the same session
    const second = gate.whenOpen();
    assert.equal(gate.held, true);
    assert.equal(await settled(first), false);
    gate.release();
    assert.equal(await settled(first), true);
    assert.equal(await settled(second), true);
    assert.equal(gate.held, false);
  });

  it('lets work go after its longest wait when no rows are ever shown', async () => {
    const gate = new FirstRowsGate(30);
    gate.hold();
    const waited = gate.whenOpen();
    assert.equal(await settled(waited), false);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(await settled(waited), true);
    assert.equal(gate.held, false);
  });
});

describe('FirstRowsGate viewers (the end of a load waits only for grids on screen)', () => {
  it('counts the editors showing the session, each once however often it says it stopped', () => {
    const gate = new FirstRowsGate();
    assert.equal(gate.viewed, false);
    const first = gate.view();
    const second = gate.view();
    first();
    first();
    assert.equal(gate.viewed, true, 'the second editor still shows it');
    second();
    assert.equal(gate.viewed, false);
  });
});
