import * as assert from 'node:assert/strict';
import { compareRecords } from '../../../src/core/analysis/order';
import { intersects, MAX_OPENING_RECORDS, throttleWindows } from '../../../src/core/analysis/throttle';
import type { MiaRecord } from '../../../src/core/model';
import { burst, H, rec, T0 } from './records';

const sorted = (records: MiaRecord[]) => [...records].sort(compareRecords);

describe('analysis/throttle', () => {
  describe('flag basis', () => {
    it('a record with IsThrottled = True at t opens [t, t + 24 h)', () => {
      const flagged = rec({ timeMs: T0 + 5 * H, throttled: true });
      const windows = throttleWindows(sorted([rec({ timeMs: T0, throttled: false }), flagged]));
      assert.equal(windows.length, 1);
      assert.equal(windows[0].startMs, T0 + 5 * H);
      assert.equal(windows[0].endMs, T0 + 29 * H);
      assert.deepEqual(windows[0].basis, ['flag']);
      assert.equal(windows[0].opener, flagged);
      assert.equal(windows[0].openers.flag, flagged);
    });

    it('IsThrottled = False or absent opens nothing', () => {
      assert.deepEqual(
        throttleWindows(sorted([rec({ timeMs: T0, throttled: false }), rec({ timeMs: T0 + H })])),
        [],
      );
    });
  });

  describe('volume basis (more than 1,000 in (t - 24 h, t])', () => {
    it('exactly 1,000 records in 24 h open nothing', () => {
      assert.deepEqual(throttleWindows(sorted(burst(1000, T0, 23 * H))), []);
    });

    it('the 1,001st record within 24 h opens a window at its time', () => {
      const records = sorted(burst(1001, T0, 23 * H));
      const windows = throttleWindows(records);
      assert.equal(windows.length, 1);
      const t = records[1000].timeMs;
      assert.equal(windows[0].startMs, t);
      assert.equal(windows[0].endMs, t + 24 * H);
      assert.deepEqual(windows[0].basis, ['volume']);
      assert.equal(windows[0].opener, records[1000]);
    });

    it('counts Bind and Sync alike', () => {
      const records = sorted([
        ...burst(500, T0, H, { access: 'Bind' }),
        ...burst(501, T0 + H, H, { access: 'Sync' }),
      ]);
      assert.equal(throttleWindows(records).length, 1);
    });

    it('a record exactly 24 h older is outside (t - 24 h, t]', () => {
      // 1 record at T0, 999 in between, 1 at T0 + 24 h: the window (T0, T0 + 24h] holds 1,000.
      const records = sorted([
        rec({ timeMs: T0 }),
        ...burst(999, T0 + H, 22 * H),
        rec({ timeMs: T0 + 24 * H }),
      ]);
      assert.deepEqual(throttleWindows(records), []);
      // One millisecond less and the first record is inside: 1,001 records.
      const closer = sorted([
        rec({ timeMs: T0 + 1 }),
        ...burst(999, T0 + H, 22 * H),
        rec({ timeMs: T0 + 24 * H }),
      ]);
      const windows = throttleWindows(closer);
      assert.equal(windows.length, 1);
      assert.equal(windows[0].startMs, T0 + 24 * H);
    });

    it('records at the same instant all count; the one that crosses the threshold is the opener', () => {
      const same = Array.from({ length: 1001 }, (_, i) => rec({ timeMs: T0, line: i + 1 }));
      const windows = throttleWindows(sorted(same));
      assert.equal(windows.length, 1);
      assert.equal(windows[0].startMs, T0);
      assert.equal(windows[0].opener, same[1000]);
    });

    it('threshold and length are configurable', () => {
      const records = sorted(burst(11, T0, 2 * H));
      assert.deepEqual(throttleWindows(records, { threshold: 11, hours: 24 }), []);
      const windows = throttleWindows(records, { threshold: 10, hours: 24 });
      assert.equal(windows.length, 1);
      assert.equal(windows[0].endMs - windows[0].startMs, 24 * H);
      // With a 1-hour period, 11 records spread over 2 hours never reach 11 in one hour.
      assert.deepEqual(throttleWindows(records, { threshold: 10, hours: 1 }), []);
      const twoHours = throttleWindows(sorted(burst(11, T0, 30 * 60_000)), { threshold: 10, hours: 2 });
      assert.equal(twoHours[0].endMs - twoHours[0].startMs, 2 * H);
    });
  });

  describe('merging', () => {
    it('overlapping windows merge and keep every basis', () => {
      const flagged = rec({ timeMs: T0, throttled: true });
      const records = sorted([flagged, ...burst(1001, T0 + H, 2 * H)]);
      const windows = throttleWindows(records);
      assert.equal(windows.length, 1);
      assert.deepEqual(windows[0].basis, ['flag', 'volume']);
      assert.equal(windows[0].startMs, T0);
      assert.equal(windows[0].opener, flagged);
      assert.ok(windows[0].openers.volume);
      // The last volume opening is the 1,001st..1,002nd record; the window runs 24 h past the last opening.
      const lastOpening = records[records.length - 1].timeMs;
      assert.equal(windows[0].endMs, lastOpening + 24 * H);
      assert.equal(windows[0].openings.flag, 1);
      assert.ok(windows[0].openings.volume >= 1);
    });

    it('keeps every opening record of a merged window per basis, in time order, and the last one', () => {
      const flags = [rec({ timeMs: T0, throttled: true }), rec({ timeMs: T0 + 2 * H, throttled: true })];
      // 1,005 records at distinct instants within 23 h: the 1,001st to the 1,005th each open a window.
      const records = sorted([...flags, ...burst(1003, T0 + H, 22 * H)]);
      const [w] = throttleWindows(records);
      assert.deepEqual(w.openingRecords.flag, flags);
      assert.deepEqual(w.openingRecords.volume, records.slice(1000));
      assert.equal(w.openings.volume, 5);
      assert.equal(w.lastOpeners.flag, flags[1]);
      assert.equal(w.lastOpeners.volume, records[records.length - 1]);
      assert.equal(w.endMs, w.lastOpeners.volume.timeMs + 24 * H);
    });

    it('windows that touch ([a, b) and [b, c)) merge', () => {
      const windows = throttleWindows(
        sorted([rec({ timeMs: T0, throttled: true }), rec({ timeMs: T0 + 24 * H, throttled: true })]),
      );
      assert.equal(windows.length, 1);
      assert.equal(windows[0].startMs, T0);
      assert.equal(windows[0].endMs, T0 + 48 * H);
      assert.equal(windows[0].openings.flag, 2);
    });

    it('windows with a gap between them stay apart', () => {
      const windows = throttleWindows(
        sorted([rec({ timeMs: T0, throttled: true }), rec({ timeMs: T0 + 24 * H + 1, throttled: true })]),
      );
      assert.equal(windows.length, 2);
      assert.deepEqual(
        windows.map((w) => [w.startMs, w.endMs]),
        [
          [T0, T0 + 24 * H],
          [T0 + 24 * H + 1, T0 + 48 * H + 1],
        ],
      );
    });
  });

  it('scales: 200,000 records of one mailbox without quadratic work', function () {
    // Building the records takes a while on a busy machine; the bound that matters is asserted below.
    this.timeout(30_000);
    const records = sorted(burst(200_000, T0, 30 * 24 * H));
    const started = Date.now();
    const windows = throttleWindows(records);
    // Linear after the sort: a fraction of a second. A quadratic scan (4e10 steps) would take minutes;
    // the bound is loose so a busy CI machine does not fail it.
    assert.ok(Date.now() - started < 5000);
    // 200,000 over 30 days is ~6,667 a day: throttled almost throughout, one merged window.
    assert.equal(windows.length, 1);
    assert.deepEqual(windows[0].basis, ['volume']);
    // Thousands of volume openings: the first MAX_OPENING_RECORDS are kept, and the last.
    const w = windows[0];
    assert.ok(w.openings.volume > MAX_OPENING_RECORDS);
    assert.equal(w.openingRecords.volume.length, MAX_OPENING_RECORDS);
    assert.equal(w.openingRecords.volume[0], w.opener);
    assert.ok(w.openingRecords.volume.every((r, i, all) => i === 0 || all[i - 1].timeMs < r.timeMs));
    assert.equal(w.endMs, w.lastOpeners.volume!.timeMs + 24 * H);
  });

  it('intersects: half-open ranges', () => {
    const w = { startMs: 10, endMs: 20 };
    assert.equal(intersects(w, 20, 30), false);
    assert.equal(intersects(w, 19, 30), true);
    assert.equal(intersects(w, 0, 10), false);
    assert.equal(intersects(w, 0, 11), true);
    assert.equal(intersects(w), true);
  });
});
