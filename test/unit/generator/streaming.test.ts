import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  benchExportsUpToDate,
  benchFileNames,
  digestMessageIds,
  writeBenchExports,
  type BenchTruth,
} from '../../support/generator/bench';
import { benchRecord, benchWorld } from '../../support/generator/benchWorld';
import { normaliseFolder, normaliseMessageId } from '../../support/generator/truth';
import { writeRows } from '../../support/generator/writeExport';
import type { ExportRow } from '../../support/generator/scenarioTypes';
import { decode, parseCsv, tempDir } from './helpers';

describe('generator streaming and benchmark exports', function () {
  this.timeout(300000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => (tmp = tempDir('stream')));
  after(() => tmp.remove());

  it('streams 20,000 records from a generator in bounded chunks', async () => {
    const world = benchWorld(7, 20000);
    let produced = 0;
    function* rows(): Generator<ExportRow> {
      for (let i = 0; i < 20000; i++) {
        produced++;
        yield { audit: benchRecord(world, i) };
      }
    }
    const file = path.join(tmp.dir, 'stream.csv');
    const stats = await writeRows('purview-csv-new', rows(), file, {}, undefined, false);
    assert.equal(produced, 20000);
    const size = fs.statSync(file).size;
    assert.equal(size, stats.bytes);
    assert.ok(size > 40e6, `20,000 realistic records are tens of MB (${size})`);
    // Written in ~1 MiB pieces, never as one string: at most 1 Mi characters (+ one row) per chunk.
    assert.ok(stats.chunks > 20, `chunks ${stats.chunks}`);
    assert.ok(stats.maxChunkBytes < 4 * 1024 * 1024, `largest chunk ${stats.maxChunkBytes}`);
    const { data, errors } = parseCsv(decode(fs.readFileSync(file)).text);
    assert.deepEqual(errors, []);
    assert.equal(data.length, 20001);
  });

  it('writes the benchmark CSV and JSON Lines with the same records, realistic sizes and a matching truth', async () => {
    const dir = path.join(tmp.dir, 'bench');
    const result = await writeBenchExports(dir, 3000, { seed: 11 });
    const csv = parseCsv(decode(fs.readFileSync(result.csvPath)).text).data;
    const jsonl = fs
      .readFileSync(result.jsonlPath, 'utf8')
      .split('\n')
      .filter((l) => l);
    assert.equal(
      csv[0].join(','),
      'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames',
    );
    assert.equal(csv.length - 1, 3000);
    assert.equal(jsonl.length, 3000);
    const fromCsv = csv.slice(1).map((r) => r[5]);
    assert.deepEqual(fromCsv, jsonl, 'same records, same order');
    const times = csv.slice(1).map((r) => Date.parse(`${r[1].trim()}Z`));
    assert.ok(
      times.every((t, i) => i === 0 || t <= times[i - 1]),
      'newest first',
    );
    const avgRow = (result.csvBytes - 200) / 3000;
    assert.ok(
      avgRow > 2300 && avgRow < 2900,
      `~2.6 KB per row like the 779 MB / 300,000 reference (${avgRow.toFixed(0)})`,
    );
    // The truth, recomputed here from the JSON Lines file by hand.
    const truth = JSON.parse(fs.readFileSync(result.truthPath, 'utf8')) as BenchTruth;
    const ids = new Map<string, string[]>();
    const folders = new Map<string, Set<string>>();
    for (const line of jsonl) {
      const a = JSON.parse(line) as {
        MailboxOwnerUPN: string;
        OperationProperties: { Name: string; Value: string }[];
        Folders?: { Path: string; FolderItems?: { InternetMessageId: string }[] }[];
        Item?: { ParentFolder: { Path: string } };
      };
      const key = a.MailboxOwnerUPN.toLowerCase();
      const access = a.OperationProperties.find((p) => p.Name === 'MailAccessType')?.Value;
      if (access === 'Bind')
        for (const f of a.Folders ?? [])
          for (const i of f.FolderItems ?? [])
            ids.set(key, [...(ids.get(key) ?? []), normaliseMessageId(i.InternetMessageId)]);
      if (access === 'Sync') {
        const set = folders.get(key) ?? new Set<string>();
        for (const f of a.Folders ?? []) set.add(normaliseFolder(f.Path));
        if (a.Item) set.add(normaliseFolder(a.Item.ParentFolder.Path));
        folders.set(key, set);
      }
    }
    assert.equal(truth.records, 3000);
    assert.equal(truth.distinctRecords, 3000);
    assert.equal(truth.bind + truth.sync, 3000);
    for (const m of truth.mailboxes) {
      assert.equal(m.messagesSha256, digestMessageIds(ids.get(m.key) ?? []), m.key);
      assert.equal(m.distinctMessages, new Set(ids.get(m.key) ?? []).size);
      assert.deepEqual(m.syncedFolders, [...(folders.get(m.key) ?? [])].sort());
    }
    assert.ok(truth.sync > 0 && truth.mailboxes.length > 30);
    assert.equal(await benchExportsUpToDate(dir, 3000, 11), true);
    assert.equal(await benchExportsUpToDate(dir, 3000, 12), false);
    assert.equal(await benchExportsUpToDate(dir, 4000, 11), false);
    fs.appendFileSync(path.join(dir, benchFileNames(3000).csv), 'x');
    assert.equal(await benchExportsUpToDate(dir, 3000, 11), false, 'a changed file is not up to date');
  });
});
