import * as assert from 'node:assert/strict';
import { gridColumns } from '../../../src/protocol/messages';
import { columnInfo, columnTemplate, columnWidth, resizeColumn } from '../../../webview/logic/gridLayout';

describe('gridLayout', () => {
  it('builds one template for header and rows, the last column filling the rest', () => {
    const { template, totalPx } = columnTemplate({});
    const parts = template.split(/ (?![^(]*\))/);
    assert.equal(parts.length, gridColumns.length);
    assert.equal(parts[0], `${columnInfo.time.width}px`);
    assert.equal(parts[parts.length - 1], `minmax(${columnInfo.app.width}px, 1fr)`);
    assert.equal(
      totalPx,
      gridColumns.reduce((n, c) => n + columnInfo[c].width, 0),
    );
  });

  it('uses saved widths and clamps resizing', () => {
    const widths = resizeColumn({}, 'mailbox', 180, 60);
    assert.equal(widths.mailbox, 240);
    assert.equal(columnWidth(widths, 'mailbox'), 240);
    assert.match(columnTemplate(widths).template, /^\d+px 240px /);
    assert.equal(resizeColumn({}, 'ip', 100, -500).ip, 36, 'never narrower than the minimum');
    assert.equal(columnWidth({ ip: 99_999 }, 'ip'), 2000, 'never wider than the maximum');
  });
});
