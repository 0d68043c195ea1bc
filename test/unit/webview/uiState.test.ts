import * as assert from 'node:assert/strict';
import { defaultUiState, readUiState } from '../../../webview/logic/uiState';

describe('uiState', () => {
  it('gives the defaults for nothing or garbage', () => {
    assert.deepEqual(readUiState(undefined), defaultUiState());
    assert.deepEqual(readUiState('x'), defaultUiState());
  });

  it('restores a saved state', () => {
    const saved = {
      version: 1,
      filter: { text: 'owa', facets: { access: ['Sync'] }, fromMs: 1, toMs: 2 },
      sort: { column: 'mailbox', descending: true },
      selectedRecord: 41,
      firstRow: 1000,
      columnWidths: { time: 180, client: 5 },
      timeZone: 'local',
      detailSplit: '55.5%',
      detailVisible: false,
      tab: 'rejected',
    };
    const state = readUiState(JSON.parse(JSON.stringify(saved)));
    assert.deepEqual(
      state,
      { ...saved, columnWidths: { time: 180, client: 36 } },
      'too narrow widths are clamped',
    );
  });

  it('ignores fields of the wrong type or shape', () => {
    const state = readUiState({
      selectedRecord: -1,
      firstRow: 1.5,
      timeZone: 'mars',
      detailSplit: 'calc(1px)',
      tab: 'x',
      columnWidths: { time: 'wide', bogus: 100 },
    });
    assert.equal(state.selectedRecord, undefined);
    assert.equal(state.firstRow, 0);
    assert.equal(state.timeZone, 'utc');
    assert.equal(state.detailSplit, defaultUiState().detailSplit);
    assert.equal(state.tab, 'records');
    assert.deepEqual(state.columnWidths, {});
  });
});
