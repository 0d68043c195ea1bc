import * as assert from 'node:assert/strict';
import { RequestError, RpcClient } from '../../../webview/logic/rpcClient';
import type { WebviewMessage } from '../../../src/protocol/messages';

describe('RpcClient', () => {
  it('matches replies to requests by id, in any order', async () => {
    const sent: WebviewMessage[] = [];
    const client = new RpcClient((m) => sent.push(m));
    const a = client.request('rows', { start: 0, count: 2 });
    const b = client.request('detail', { record: 7 });
    assert.equal(sent.length, 2);
    const [ma, mb] = sent as Extract<WebviewMessage, { kind: 'request' }>[];
    assert.notEqual(ma.id, mb.id);
    assert.equal(ma.name, 'rows');
    client.receive({ kind: 'reply', id: mb.id, result: { record: 7 } });
    client.receive({ kind: 'reply', id: ma.id, result: { start: 0, rows: [] } });
    assert.deepEqual(await a, { start: 0, rows: [] });
    assert.deepEqual(await b, { record: 7 });
    assert.equal(client.pendingCount, 0);
  });

  it('turns an error reply into a rejected promise naming the request', async () => {
    const sent: WebviewMessage[] = [];
    const client = new RpcClient((m) => sent.push(m));
    const p = client.request('openRaw', { record: 1 });
    client.receive({ kind: 'reply', id: (sent[0] as { id: number }).id, error: 'file moved' });
    await assert.rejects(
      p,
      (e: unknown) => e instanceof RequestError && e.request === 'openRaw' && e.message === 'file moved',
    );
  });

  it('dispatches notifications to their handlers only, and unsubscribes', () => {
    const client = new RpcClient(() => undefined);
    const seen: number[] = [];
    const off = client.onNotification('revealRecord', (p) => seen.push(p.record));
    client.onNotification('load', () => seen.push(-1));
    client.receive({ kind: 'notify', name: 'revealRecord', params: { record: 3 } });
    off();
    client.receive({ kind: 'notify', name: 'revealRecord', params: { record: 4 } });
    assert.deepEqual(seen, [3]);
  });

  it('ignores foreign and malformed messages', () => {
    const client = new RpcClient(() => undefined);
    const p = client.request('timeline', {});
    for (const m of [null, 'x', { kind: 'reply', id: 999, result: 1 }, { kind: 'reply' }, { kind: 'other' }])
      client.receive(m);
    assert.equal(client.pendingCount, 1);
    client.rejectAll('disposed');
    return assert.rejects(p, RequestError);
  });

  it('sends notifications in the envelope', () => {
    const sent: WebviewMessage[] = [];
    new RpcClient((m) => sent.push(m)).notify('timeRangeSelected', { fromMs: 1, toMs: 2 });
    assert.deepEqual(sent, [{ kind: 'notify', name: 'timeRangeSelected', params: { fromMs: 1, toMs: 2 } }]);
  });

  it('runs every handler even when one throws, then reports the error', () => {
    const client = new RpcClient(() => undefined);
    let ran = false;
    client.onNotification('load', () => {
      throw new Error('boom');
    });
    client.onNotification('load', () => (ran = true));
    assert.throws(() => client.receive({ kind: 'notify', name: 'load', params: {} }), /boom/);
    assert.equal(ran, true);
  });
});
