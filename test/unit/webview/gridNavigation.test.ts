import * as assert from 'node:assert/strict';
import { isNavigationKey, nextPosition } from '../../../webview/logic/gridNavigation';

describe('gridNavigation', () => {
  it('moves by one, by a page, and to the ends, clamped', () => {
    assert.equal(nextPosition('ArrowDown', 5, 100, 20), 6);
    assert.equal(nextPosition('ArrowUp', 5, 100, 20), 4);
    assert.equal(nextPosition('ArrowUp', 0, 100, 20), 0);
    assert.equal(nextPosition('ArrowDown', 99, 100, 20), 99);
    assert.equal(nextPosition('PageDown', 5, 100, 20), 24, 'a page keeps one row of context');
    assert.equal(nextPosition('PageDown', 90, 100, 20), 99);
    assert.equal(nextPosition('PageUp', 10, 100, 20), 0);
    assert.equal(nextPosition('Home', 50, 100, 20), 0);
    assert.equal(nextPosition('End', 50, 300_000, 20), 299_999);
  });

  it('selects a first row when nothing is selected, and nothing in an empty view', () => {
    assert.equal(nextPosition('ArrowDown', -1, 10, 5), 0);
    assert.equal(nextPosition('End', -1, 10, 5), 9);
    assert.equal(nextPosition('ArrowDown', 3, 0, 5), undefined);
  });

  it('knows its keys', () => {
    assert.equal(isNavigationKey('PageDown'), true);
    assert.equal(isNavigationKey('Enter'), false);
  });
});
