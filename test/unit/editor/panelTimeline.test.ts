import * as assert from 'node:assert/strict';
import type { MiaRecord } from '../../../src/core/model';
import { reuseWhileLoadingMs } from '../../../src/extension/editor/loadingReuse';
import { PanelTimeline } from '../../../src/extension/editor/panelTimeline';
import { buildRecord } from '../../support/recordBuilder';

const options = { threshold: 1000, hours: 24 };
const hourMs = 3_600_000;

function records(n: number, from = 0): MiaRecord[] {
  return Array.from({ length: n }, (_, i) =>
    buildRecord({ id: `r${from + i}`, timeMs: Date.UTC(2024, 0, 1) + (from + i) * hourMs }),
  );
}

const allOf = (list: readonly MiaRecord[]): number[] => list.map((_, i) => i);
const total = (data: { bind: number[]; sync: number[] }): number =>
  [...data.bind, ...data.sync].reduce((a, b) => a + b, 0);

describe('PanelTimeline', () => {
  it('builds the timeline of the view anew on every request once loaded', () => {
    const list = records(3);
    const timeline = new PanelTimeline();
    assert.equal(total(timeline.build(list, allOf(list), '{}', options, false)), 3);
    list.push(...records(2, 3));
    assert.equal(total(timeline.build(list, allOf(list), '{}', options, false)), 5);
  });

  it('reuses the last timeline of the same filter for a while when records are still loading', () => {
    let clock = 0;
    const list = records(3);
    const timeline = new PanelTimeline(() => clock);
    const first = timeline.build(list, allOf(list), '{}', options, true);
    list.push(...records(2, 3));
    clock += 1_000;
    assert.equal(timeline.build(list, allOf(list), '{}', options, true), first);
    // Past the reuse time the records read meanwhile show.
    clock += 1_000;
    assert.equal(total(timeline.build(list, allOf(list), '{}', options, true)), 5);
  });

  it('never reuses a timeline built for another filter, nor once loading ended', () => {
    // The clock stands still: only the filter or the end of loading can make it rebuild.
    const timeline = new PanelTimeline(() => 0);
    const list = records(4);
    timeline.build(list, allOf(list), '{}', options, true);
    assert.equal(total(timeline.build(list, [0, 1], '{"text":"x"}', options, true)), 2);
    list.push(...records(1, 4));
    assert.equal(total(timeline.build(list, allOf(list), '{"text":"x"}', options, false)), 5);
  });
});

describe('reuseWhileLoadingMs', () => {
  it('is the minimum for cheap answers and ten times the cost for costly ones', () => {
    assert.equal(reuseWhileLoadingMs(20, 1_500), 1_500);
    assert.equal(reuseWhileLoadingMs(400, 1_500), 4_000);
  });
});
