import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { buildShipped } from '../../support/shippedBundles';

/** Writes a two-row workbook with the bundle's streaming writer; prints nothing itself. */
const writeWorkbook = (bundle: string, out: string) => `
const { stream } = require(${JSON.stringify(bundle)});
const wb = new stream.xlsx.WorkbookWriter({ filename: ${JSON.stringify(out)}, useStyles: true });
const ws = wb.addWorksheet('Sheet');
ws.columns = [{ header: 'Id', key: 'Id' }, { header: 'Size', key: 'Size' }];
ws.addRow(['<a@b>', 42]).commit();
ws.commit();
wb.commit().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
`;

/**
 * Bundled, exceljs's own `new Buffer(…)` calls are "user code" to Node, which then prints a
 * deprecation warning on the standard error of `mia` when a workbook is written.
 */
describe('build: the exceljs bundle calls no deprecated Buffer constructor', function () {
  this.timeout(120_000);
  let dir: string;
  let bundle: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-exceljs-bundle-'));
    ({ exceljs: bundle } = await buildShipped(dir, ['exceljs']));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no `new Buffer(` call', () => {
    const script = readFileSync(bundle, 'utf8');
    assert.ok(script.includes('WorkbookWriter'), 'the streaming writer is bundled');
    assert.equal(/\bnew Buffer\(/.exec(script)?.[0], undefined);
  });

  it('writes a workbook with its streaming writer without a warning, readable as written', async () => {
    const out = path.join(dir, 'book.xlsx');
    const run = spawnSync(process.execPath, ['-e', writeWorkbook(bundle, out)], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Sheet')!;
    assert.deepEqual([ws.getCell('A2').value, ws.getCell('B2').value], ['<a@b>', 42]);
  });
});
