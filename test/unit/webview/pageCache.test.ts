import * as assert from 'node:assert/strict';
import { PageCache } from '../../../webview/logic/pageCache';

interface Call {
  start: number;
  count: number;
  resolve: (rows: number[]) => void;
  reject: (error: Error) => void;
}

/** A fetcher whose replies the test releases by hand, to control ordering. */
function manualFetcher() {
  const calls: Call[] = [];
  const fetcher = (start: number, count: number) =>
    new Promise<number[]>((resolve, reject) => calls.push({ start, count, resolve, reject }));
  const answer = (call: Call, offset = 0) =>
    call.resolve(Array.from({ length: call.count }, (_, i) => call.start + i + offset));
  return { calls, fetcher, answer };
}

const tick = () => new Promise((r) => setImmediate(r));
const options = { pageSize: 10, maxPages: 4, prefetchPages: 1 };

describe('PageCache', () => {
  it('fetches the visible page first, then neighbours, and serves rows by position', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    let changes = 0;
    const cache = new PageCache<number>(fetcher, () => changes++, undefined, options);
    cache.reset(95);
    cache.ensure(23, 27);
    assert.deepEqual(
      calls.map((c) => c.start),
      [20, 10, 30],
    );
    assert.equal(cache.get(23), undefined);
    calls.forEach((c) => answer(c));
    await tick();
    assert.equal(changes, 3);
    assert.equal(cache.get(23), 23);
    assert.equal(cache.get(39), 39);
    cache.ensure(23, 27);
    assert.equal(calls.length, 3, 'loaded pages are not fetched again');
  });

  it('asks for a short last page and nothing past the end', () => {
    const { calls, fetcher } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(95);
    cache.ensure(94, 200);
    assert.deepEqual(
      calls.map((c) => [c.start, c.count]),
      [
        [90, 5],
        [80, 10],
      ],
    );
  });

  it('drops replies to requests made before a reset', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(50);
    cache.ensure(0, 5);
    const old = calls[0];
    cache.reset(50);
    answer(old, 1000);
    await tick();
    assert.equal(cache.get(0), undefined, 'a page of the previous view never lands in the new one');
    cache.ensure(0, 5);
    const fresh = calls.find((c, i) => i > 0 && c.start === 0)!;
    answer(fresh);
    await tick();
    assert.equal(cache.get(0), 0);
  });

  it('keeps stale rows visible until the fresh page replaces them', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(30);
    cache.ensure(0, 5);
    calls.splice(0).forEach((c) => answer(c));
    await tick();
    cache.reset(30, true);
    assert.equal(cache.get(3), 3, 'stale row still shown');
    cache.ensure(0, 5);
    assert.ok(
      calls.some((c) => c.start === 0),
      'stale page is refetched',
    );
    calls.forEach((c) => answer(c, 100));
    await tick();
    assert.equal(cache.get(3), 103);
  });

  it('drops stale pages beyond a shrunken view', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(30);
    cache.ensure(0, 29);
    calls.forEach((c) => answer(c));
    await tick();
    cache.reset(12, true);
    assert.deepEqual(cache.heldPages, [0, 1]);
    assert.equal(cache.get(25), undefined);
  });

  it('evicts the pages farthest from where the user is', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(1000);
    cache.ensure(0, 5);
    calls.splice(0).forEach((c) => answer(c));
    await tick();
    cache.ensure(500, 505);
    calls.splice(0).forEach((c) => answer(c));
    await tick();
    assert.deepEqual(cache.heldPages, [1, 49, 50, 51], 'page 0, the farthest, was dropped to stay at 4');
  });

  it('reports a failed fetch and retries it on the next ensure', async () => {
    const { calls, fetcher } = manualFetcher();
    const errors: unknown[] = [];
    const cache = new PageCache<number>(
      fetcher,
      () => undefined,
      (e) => errors.push(e),
      { ...options, prefetchPages: 0 },
    );
    cache.reset(20);
    cache.ensure(0, 1);
    calls[0].reject(new Error('host gone'));
    await tick();
    assert.equal(errors.length, 1);
    cache.ensure(0, 1);
    assert.equal(calls.length, 2);
  });

  it('finds a record among loaded rows', async () => {
    const { calls, fetcher, answer } = manualFetcher();
    const cache = new PageCache<number>(fetcher, () => undefined, undefined, options);
    cache.reset(40);
    cache.ensure(10, 12);
    calls.forEach((c) => answer(c));
    await tick();
    assert.equal(
      cache.findPosition((r) => r === 17),
      17,
    );
    assert.equal(
      cache.findPosition((r) => r === 39),
      -1,
      'page 3 was never loaded',
    );
  });
});
