import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BoundMessageTable } from '../../../src/core/analysis/messageTable';
import { withTable, type MessageSource } from '../../../src/core/report/toJson';
import { writeBenchExports } from '../../support/generator/bench';
import { inNodeWithNatives } from '../../support/v8Natives';

describe('report: withTable', () => {
  it('gives a mailbox its message source: its parts and table, every field written out', () => {
    const parts = {
      records: [],
      contexts: {},
      times: {},
      paths: ['a.csv'],
      shared: [],
    } as unknown as Omit<MessageSource, 'table'>;
    const table = { size: 0 } as unknown as BoundMessageTable;
    const source = withTable(parts, table);
    assert.deepStrictEqual(Object.keys(source), ['records', 'contexts', 'times', 'paths', 'shared', 'table']);
    for (const key of ['records', 'contexts', 'times', 'paths', 'shared'] as const)
      assert.equal(source[key], parts[key], key);
    assert.equal(source.table, table);
  });

  it("gives every mailbox's rows in a report sources of one V8 map (the writers' reads stay monomorphic)", async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mia-maps-'));
    try {
      const { jsonlPath } = await writeBenchExports(dir, 3000);
      // On the compiled modules. (A spread copy, `{ ...parts, table }`, made a new map for every mailbox here.)
      const out = path.resolve(__dirname, '../../../src');
      const maps = inNodeWithNatives<{ count: number; same: boolean }>(`
        const { runScope } = require(${JSON.stringify(path.join(out, 'core/scope/runScope.js'))});
        const { deferredMessages } = require(${JSON.stringify(path.join(out, 'core/report/messageRows.js'))});
        runScope({ inputs: [${JSON.stringify(jsonlPath)}], deferMessages: true, ingest: { workers: 0 } }).then((report) => {
          const sources = report.mailboxes.map((m) => deferredMessages(m)).filter((r) => r && r.size > 0).map((r) => r.withTable);
          process.stdout.write(JSON.stringify({ count: sources.length, same: sources.every((s) => %HaveSameMap(s, sources[0])) }));
        });`);
      assert.ok(maps.count >= 10, `${maps.count} mailboxes with messages`);
      assert.equal(maps.same, true, 'one map for every mailbox');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
