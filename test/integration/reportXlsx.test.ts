import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import * as vscode from 'vscode';
import type { ScopeReport } from '../../src/core/report/reportTypes';
import { commandIds, extensionId } from '../../src/extension/constants';
import { fixturePath } from '../support/paths';

describe('mia.scopeReport as an Excel workbook', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-xlsx-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("{ format: 'xlsx', output } writes a workbook that reads back, and returns the JSON report", async () => {
    const files = [
      fixturePath('samples', 'sekoia-2026-bind-with-subjects.json'),
      fixturePath('samples', 'devcooks-2022-owa-bind-two-folders.json'),
    ];
    const output = path.join(dir, 'scope.xlsx');
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      files,
      format: 'xlsx',
      output,
    });
    assert.equal(report.schemaVersion, 1);
    assert.ok(report.totals.messages > 0);
    const bytes = fs.readFileSync(output);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        'Summary',
        'Confirmed read',
        'Potentially read',
        'Unknown - unaudited',
        'Sessions',
        'Sources & evidence',
        'Method & limitations',
      ],
    );
    const confirmed = wb.getWorksheet('Confirmed read')!;
    assert.equal(confirmed.rowCount - 1, report.totals.messages);
    const ids: string[] = [];
    confirmed.eachRow((row, n) => {
      if (n > 1) ids.push(row.getCell(2).text);
    });
    assert.deepEqual(
      ids,
      report.mailboxes.flatMap((m) => m.messages.map((msg) => msg.internetMessageId)),
    );
    const evidence = wb.getWorksheet('Sources & evidence')!;
    const hashes: string[] = [];
    evidence.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).text === 'audit export') hashes.push(row.getCell(3).text);
    });
    assert.deepEqual(
      hashes,
      report.sources.map((s) => s.sha256),
    );
  });

  it('refuses to write the workbook over an input export', async () => {
    const input = path.join(dir, 'copy.json');
    fs.copyFileSync(fixturePath('samples', 'sekoia-2026-bind-with-subjects.json'), input);
    const before = fs.readFileSync(input);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(commandIds.scopeReport, {
          files: [input],
          format: 'xlsx',
          output: input,
        }),
      ),
      /exports are evidence and are never written/,
    );
    assert.deepEqual(fs.readFileSync(input), before);
  });
});
