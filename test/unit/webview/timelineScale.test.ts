import * as assert from 'node:assert/strict';
import {
  bucketIndex,
  columnsFor,
  domainOf,
  niceMax,
  snapRange,
  syncMarksComplete,
  timeTicks,
  timeToX,
  xToTime,
} from '../../../webview/logic/timelineScale';

const hour = 3_600_000;
const start = Date.UTC(2025, 2, 1, 0, 0);

describe('timelineScale', () => {
  it('maps time to x and back', () => {
    const d = domainOf(start, hour, 10);
    assert.equal(d.endMs, start + 10 * hour);
    assert.equal(timeToX(d, 1000, start + 5 * hour), 500);
    assert.equal(xToTime(d, 1000, 250), start + 2.5 * hour);
    assert.equal(xToTime(d, 1000, -50), start, 'clamped');
  });

  it('draws one bar per bucket when there is room, skipping empty buckets', () => {
    const cols = columnsFor([1, 0, 3, 2], 100);
    assert.deepEqual(cols, [
      { x: 0, width: 25, value: 1 },
      { x: 50, width: 25, value: 3 },
      { x: 75, width: 25, value: 2 },
    ]);
  });

  it('folds many buckets into pixel columns keeping the peak', () => {
    const counts = new Array<number>(10_000).fill(1);
    counts[7_777] = 500;
    const cols = columnsFor(counts, 100);
    assert.equal(cols.length, 100);
    assert.equal(Math.max(...cols.map((c) => c.value)), 500, 'a one-hour spike survives');
    assert.equal(cols.find((c) => c.value === 500)!.x, 77);
  });

  it('rounds the y maximum up to 1, 2 or 5 times a power of ten', () => {
    assert.equal(niceMax(0), 1);
    assert.equal(niceMax(3), 5);
    assert.equal(niceMax(10), 10);
    assert.equal(niceMax(11), 20);
    assert.equal(niceMax(4321), 5000);
  });

  it('snaps a dragged range outward to whole buckets, in either direction', () => {
    const d = domainOf(start, hour, 48);
    assert.deepEqual(snapRange(d, hour, start + 5.5 * hour, start + 2.2 * hour), {
      fromMs: start + 2 * hour,
      toMs: start + 6 * hour,
    });
    assert.deepEqual(snapRange(d, hour, start + 3 * hour, start + 3 * hour), {
      fromMs: start + 3 * hour,
      toMs: start + 4 * hour,
    });
    assert.deepEqual(snapRange(d, hour, start - hour, start + 99 * hour), {
      fromMs: start,
      toMs: start + 48 * hour,
    });
  });

  it('finds the bucket of a time', () => {
    assert.equal(bucketIndex(start, hour, 3, start + 2 * hour + 1), 2);
    assert.equal(bucketIndex(start, hour, 3, start + 3 * hour), -1);
    assert.equal(bucketIndex(start, hour, 3, start - 1), -1);
  });

  it('puts ticks on hours or midnights of the displayed zone, spaced apart', () => {
    const d = domainOf(start, hour, 24);
    const ticks = timeTicks(d, 800, 0, 60);
    assert.ok(ticks.length >= 4 && ticks.length <= 14);
    assert.deepEqual(ticks[0], { ms: start, label: 'Mar 1', major: true });
    assert.equal(ticks[1].label, '02:00');
    for (let i = 1; i < ticks.length; i++)
      assert.ok(timeToX(d, 800, ticks[i].ms) - timeToX(d, 800, ticks[i - 1].ms) >= 60);
    const local = timeTicks(d, 800, 60, 60);
    assert.equal(local[0].ms, start + hour, 'local midnight at +01:00 is 23:00 UTC, before the domain');
    assert.equal(local[0].label, '02:00');
    const weeks = timeTicks(domainOf(start, hour, 24 * 90), 600, 0, 60);
    assert.ok(
      weeks.every((t) => t.major),
      'long spans tick on midnights',
    );
  });
});

describe('syncMarksComplete', () => {
  const mark = { timeMs: 0, record: 1, folder: '\\Inbox' };
  it('draws marks only when there is one per Sync record', () => {
    assert.equal(syncMarksComplete({ sync: [1, 1], syncMarks: [mark, mark] }), true);
    assert.equal(syncMarksComplete({ sync: [3, 1], syncMarks: [mark, mark] }), false, 'capped by the host');
    assert.equal(syncMarksComplete({ sync: [0], syncMarks: [] }), false);
  });
});
