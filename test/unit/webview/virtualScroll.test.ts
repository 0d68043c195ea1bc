import * as assert from 'node:assert/strict';
import {
  clampVirtualTop,
  isScaled,
  maxScrollTop,
  maxVirtualTop,
  rowsPerPage,
  scrollHeight,
  scrollTopFromVirtualTop,
  virtualTopForRow,
  virtualTopFromScrollTop,
  visibleRange,
  wheelPixels,
  type ScrollGeometry,
} from '../../../webview/logic/virtualScroll';

const chromiumMaxHeight = 33_554_400;

function geometry(rowCount: number, maxScrollPx = 5_000_000): ScrollGeometry {
  return { rowCount, rowHeight: 22, viewportHeight: 440, maxScrollPx };
}

describe('virtualScroll', () => {
  it('maps 1:1 while the content fits under the cap', () => {
    const g = geometry(1000);
    assert.equal(isScaled(g), false);
    assert.equal(scrollHeight(g), 22_000);
    assert.equal(virtualTopFromScrollTop(g, 1234), 1234);
    assert.equal(scrollTopFromVirtualTop(g, 1234), 1234);
    assert.deepEqual(visibleRange(g, 1234), { first: 56, offsetPx: 2, count: 22 });
  });

  it('keeps the spacer under the cap for 1,000,000 and 10,000,000 rows', () => {
    for (const rows of [1_000_000, 10_000_000]) {
      const g = geometry(rows);
      assert.equal(isScaled(g), true);
      assert.ok(scrollHeight(g) <= 5_000_000);
      assert.ok(scrollHeight(g) < chromiumMaxHeight);
      assert.ok(rows * 22 > scrollHeight(g), 'the unscaled content would be taller');
    }
  });

  it('reaches the very last row from the bottom of the scrollbar, even with rounding', () => {
    const g = geometry(10_000_000);
    const bottom = maxScrollTop(g);
    for (const native of [bottom, bottom - 0.4, Math.floor(bottom)]) {
      const range = visibleRange(g, virtualTopFromScrollTop(g, native));
      assert.equal(range.first + range.count, 10_000_000, `scrollTop ${native} shows the last row`);
    }
    assert.equal(virtualTopFromScrollTop(g, bottom), maxVirtualTop(g));
  });

  it('maps any row of a scaled grid to a native position and back to the same row', () => {
    const g = geometry(1_000_000);
    for (const row of [0, 1, 12_345, 500_000, 999_000, 999_999]) {
      const top = virtualTopForRow(g, row, 0, 'top');
      const native = scrollTopFromVirtualTop(g, top);
      assert.ok(native >= 0 && native <= maxScrollTop(g));
      const back = virtualTopFromScrollTop(g, native);
      const range = visibleRange(g, back);
      assert.ok(
        row >= range.first && row < range.first + range.count,
        `row ${row} visible after the round trip`,
      );
    }
  });

  it('clamps the virtual top so the last row ends at the bottom of the viewport', () => {
    const g = geometry(100);
    assert.equal(maxVirtualTop(g), 100 * 22 - 440);
    assert.equal(clampVirtualTop(g, 1e12), maxVirtualTop(g));
    assert.equal(clampVirtualTop(g, -5), 0);
    assert.equal(clampVirtualTop(g, Number.NaN), 0);
    const range = visibleRange(g, 1e12);
    assert.equal(range.first + range.count, 100);
  });

  it('renders only the rows that intersect the viewport', () => {
    const g = geometry(300_000);
    const range = visibleRange(g, virtualTopFromScrollTop(g, 2_000_000));
    assert.ok(range.count <= Math.ceil(440 / 22) + 2, `rendered ${range.count} rows`);
    assert.equal(visibleRange(geometry(0), 0).count, 0);
    assert.deepEqual(visibleRange(geometry(3), 0), { first: 0, offsetPx: 0, count: 3 });
  });

  it('scrolls minimally to the nearest row and centres on reveal', () => {
    const g = geometry(1000);
    assert.equal(virtualTopForRow(g, 5, 0, 'nearest'), 0, 'already visible: no move');
    assert.equal(virtualTopForRow(g, 20, 0, 'nearest'), 21 * 22 - 440, 'just below: bottom-aligned');
    assert.equal(virtualTopForRow(g, 3, 500, 'nearest'), 66, 'above: top-aligned');
    assert.equal(virtualTopForRow(g, 500, 0, 'center'), 500 * 22 - (440 - 22) / 2);
    assert.equal(virtualTopForRow(g, 999, 0, 'top'), maxVirtualTop(g), 'clamped at the end');
  });

  it('counts a page and converts wheel deltas in lines and pages', () => {
    const g = geometry(1000);
    assert.equal(rowsPerPage(g), 20);
    assert.equal(wheelPixels(3, 1, 22, 440), 66);
    assert.equal(wheelPixels(1, 2, 22, 440), 440);
    assert.equal(wheelPixels(100, 0, 22, 440), 100);
  });
});
