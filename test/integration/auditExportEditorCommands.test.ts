import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType, commandIds } from '../../src/extension/constants';
import { writeBenchExports, type BenchTruth } from '../support/generator/bench';
import { writeSampleWorkspace, type SampleWorkspace } from '../support/generator/sampleWorkspace';
import { computeTruth } from '../support/generator/truth';
import { truthOptions } from '../support/generator/writeExport';
import { fixturePath } from '../support/paths';
import {
  assertUnchanged,
  byTimeAsc,
  closeAllEditors,
  customTabFor,
  fingerprint,
  loadedSession,
  miaApi,
  noFilter,
  webviewPulledRows,
} from './auditExportEditorSupport';
import { waitFor } from './waitFor';

describe('opening exports: commands, sessions, progress, the reopen offer', () => {
  let api: MiaApi;
  let dir: string;
  let ws: SampleWorkspace;
  const file = (suffix: string) => ws.files.find((f) => f.name.endsWith(suffix))!;

  before(async function () {
    this.timeout(60_000);
    api = await miaApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-editor-commands-'));
    ws = await writeSampleWorkspace(path.join(dir, 'sample'));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAllEditors();
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mia.openExport with several files opens ONE investigation; overlapping records count once', async () => {
    const uris = ws.files.map((f) => vscode.Uri.file(f.path));
    const prints = ws.files.map((f) => fingerprint(f.path));
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, uris);
    assert.equal(typeof id, 'string');
    const session = api.store.get(id)!;
    assert.ok(session, 'the command returns the session id');
    await session.whenIdle();
    assert.equal(session.load.phase, 'ready', session.load.message);
    assert.equal(session.files.length, ws.files.length);
    assert.ok(ws.truth.totals.duplicates > 0, 'the export set repeats records');
    assert.equal(session.records.length, ws.truth.totals.records);
    assert.equal(
      session.investigation.sources.reduce((n, s) => n + s.duplicates, 0),
      ws.truth.totals.duplicates,
    );
    assert.equal(api.store.active, session);
    for (const uri of uris) assert.equal(api.store.findByFile(uri), session, 'every file is in the session');
    // The editor of the first file shows the whole investigation.
    await waitFor('the editor tab', () => customTabFor(uris[0]));
    await webviewPulledRows(api, uris[0]);
    const q = await api.editorRequest(uris[0], 'query', { filter: noFilter, sort: byTimeAsc });
    assert.equal(q.total, ws.truth.totals.records);
    assert.equal(
      api.editorInit(uris[0])!.title,
      `${path.basename(ws.files[0].path)} +${ws.files.length - 1}`,
    );
    ws.files.forEach((f, i) => assertUnchanged(f.path, prints[i]));
  });

  it('mia.openExport takes the explorer’s (clicked, selection) arguments', async () => {
    const a = vscode.Uri.file(file('2025-03-03_2025-03-10.csv').path);
    const b = vscode.Uri.file(file('2025-03-09_2025-03-17.csv').path);
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, a, [a, b]);
    const session = api.store.get(id)!;
    await session.whenIdle();
    assert.deepEqual(
      session.files.map((f) => f.fsPath),
      [a.fsPath, b.fsPath],
    );
  });

  it('mia.addExport adds files to the active investigation; duplicates across files count once', async () => {
    const first = file('2025-03-03_2025-03-10.csv');
    const second = file('2025-03-09_2025-03-17.csv');
    const a = vscode.Uri.file(first.path);
    await vscode.commands.executeCommand('vscode.openWith', a, auditExportViewType);
    const session = await loadedSession(api, a);
    const alone = computeTruth([first], truthOptions(ws.scenario));
    assert.equal(session.records.length, alone.totals.records);
    await webviewPulledRows(api, a);

    const id = await vscode.commands.executeCommand<string>(
      commandIds.addExport,
      vscode.Uri.file(second.path),
    );
    assert.equal(id, session.id);
    const both = computeTruth([first, second], truthOptions(ws.scenario));
    assert.ok(both.totals.duplicates > 0, 'the two exports overlap');
    assert.equal(session.records.length, both.totals.records);
    assert.equal(session.investigation.sources[1].duplicates, both.files[1].duplicates);
    // The webview hears of the new records and re-queries.
    await waitFor('the webview to re-query after the add', () =>
      api.editorWebviewRequests(a).some((r) => r.name === 'query') && api.editorInit(a) ? true : undefined,
    );
    const q = await api.editorRequest(a, 'query', { filter: noFilter, sort: byTimeAsc });
    assert.equal(q.total, both.totals.records);
    // Adding a file already read changes nothing.
    await vscode.commands.executeCommand(commandIds.addExport, [vscode.Uri.file(second.path)]);
    assert.equal(session.investigation.sources.length, 2);
    assert.equal(session.records.length, both.totals.records);
  });

  it('a file that is not an export fails alone: the others of the investigation are read', async () => {
    const bad = path.join(dir, 'not-an-export.csv');
    fs.copyFileSync(fixturePath('containers', 'unrecognised.csv'), bad);
    const good = file('hostile-strings.csv');
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, [
      vscode.Uri.file(bad),
      vscode.Uri.file(good.path),
    ]);
    const session = api.store.get(id)!;
    await session.whenIdle();
    assert.equal(session.load.phase, 'ready');
    assert.equal(session.records.length, computeTruth([good], truthOptions(ws.scenario)).totals.records);
    assert.deepEqual(
      session.failures.map((f) => f.path),
      [bad],
    );
    assert.match(session.load.message ?? '', /not-an-export\.csv: not a recognised MailItemsAccessed export/);
  });

  it('the active investigation follows the focused editor; closing its last editor closes it', async () => {
    const a = vscode.Uri.file(file('hostile-strings.csv').path);
    const b = vscode.Uri.file(file('ual-export-compta.csv').path);
    await vscode.commands.executeCommand('vscode.openWith', a, auditExportViewType);
    const sa = await loadedSession(api, a);
    await vscode.commands.executeCommand('vscode.openWith', b, auditExportViewType, vscode.ViewColumn.Beside);
    const sb = await loadedSession(api, b);
    assert.notEqual(sa, sb);
    await waitFor('b active', () => (api.store.active === sb ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    await waitFor('a active after focusing its editor', () => (api.store.active === sa ? true : undefined));

    // A second editor of the same file: the session stays until both are closed.
    await vscode.commands.executeCommand('vscode.openWith', a, auditExportViewType, vscode.ViewColumn.Three);
    await waitFor('two editors of a', () =>
      vscode.window.tabGroups.all.filter((g) =>
        g.tabs.some(
          (t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === a.toString(),
        ),
      ).length === 2
        ? true
        : undefined,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(api.store.get(sa.id), sa, 'one editor of a is still open');
    await closeAllEditors();
    await waitFor('both sessions closed', () =>
      api.store.get(sa.id) || api.store.get(sb.id) ? undefined : true,
    );
    assert.equal(api.store.findByFile(a), undefined);
  });

  it('an editor hidden behind another tab comes back: its webview says ready again and gets the filter set meanwhile', async () => {
    const a = vscode.Uri.file(file('hostile-strings.csv').path);
    const b = vscode.Uri.file(file('ual-export-compta.csv').path);
    await vscode.commands.executeCommand('vscode.openWith', a, auditExportViewType);
    await loadedSession(api, a);
    await webviewPulledRows(api, a);
    const sa = api.store.findByFile(a)!;
    await vscode.commands.executeCommand('vscode.openWith', b, auditExportViewType);
    await webviewPulledRows(api, b);
    // a is hidden now (its webview torn down): the tree sets a filter on its investigation.
    sa.setFilter({ text: 'ViaProxy', facets: {} });
    const asked = api.editorWebviewRequests(a).length;
    await vscode.commands.executeCommand('vscode.openWith', a, auditExportViewType);
    await waitFor('the webview of a to query with the filter', () =>
      api
        .editorWebviewRequests(a)
        .slice(asked)
        .some(
          (r) => r.name === 'query' && (r.params as { filter: { text: string } }).filter.text === 'ViaProxy',
        )
        ? true
        : undefined,
    );
    assert.equal(api.store.active, sa, 'showing it made its investigation active');
  });

  describe('a large export', () => {
    let bench: { csv: string; truth: BenchTruth };

    before(async function () {
      this.timeout(120_000);
      const written = await writeBenchExports(path.join(dir, 'bench'), 15_000);
      bench = {
        csv: written.csvPath,
        truth: JSON.parse(fs.readFileSync(written.truthPath, 'utf8')) as BenchTruth,
      };
    });

    it('shows its first records while the rest is read, then all of them', async function () {
      this.timeout(120_000);
      const uri = vscode.Uri.file(bench.csv);
      const print = fingerprint(bench.csv);
      await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
      const session = await waitFor('the session', () => api.store.findByFile(uri));
      let partial: number | undefined;
      await waitFor(
        'records visible while loading',
        () => {
          if (!session.loading) return false;
          const n = session.records.length;
          return n > 0 && n < bench.truth.distinctRecords ? n : undefined;
        },
        60_000,
      ).then((n) => {
        if (typeof n === 'number') partial = n;
      });
      assert.ok(partial !== undefined, 'the load finished before any record was visible');
      await webviewPulledRows(api, uri, 60_000);
      await session.whenIdle();
      assert.equal(session.load.phase, 'ready');
      assert.equal(session.records.length, bench.truth.distinctRecords);
      const queries = api.editorWebviewRequests(uri).filter((r) => r.name === 'query').length;
      assert.ok(queries >= 1, 'the webview queried');
      const q = await api.editorRequest(uri, 'query', { filter: noFilter, sort: byTimeAsc });
      assert.equal(q.total, bench.truth.distinctRecords);
      for (const m of bench.truth.mailboxes) {
        const display = q.facets
          .find((f) => f.facet === 'mailbox')!
          .values.find((v) => v.value.toLowerCase() === m.key);
        assert.equal(display?.count, m.records, m.key);
      }
      assertUnchanged(bench.csv, print);
    });

    it('cancelling keeps the records read so far and says the file was partially loaded', async function () {
      this.timeout(120_000);
      const copy = path.join(dir, 'bench', 'copy.csv');
      fs.copyFileSync(bench.csv, copy);
      const uri = vscode.Uri.file(copy);
      await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
      const session = await waitFor('the session', () => api.store.findByFile(uri));
      await waitFor('some records', () => (session.records.length > 0 ? true : undefined), 60_000);
      session.cancelLoad();
      await session.whenIdle();
      assert.equal(session.load.phase, 'cancelled');
      assert.ok(session.records.length > 0, 'the records read before the cancel stay');
      assert.ok(session.records.length < bench.truth.distinctRecords, 'the file was not read to its end');
      assert.match(session.load.message ?? '', /cancelled; copy\.csv partially loaded/);
    });
  });

  describe('the offer to reopen an export opened as text', () => {
    it('is made once per file, for a recognised export only', async function () {
      this.timeout(30_000);
      const exportFile = path.join(dir, 'offer-export.csv');
      const other = path.join(dir, 'offer-not-an-export.csv');
      fs.copyFileSync(fixturePath('containers', 'purview-classic-crlf.csv'), exportFile);
      fs.copyFileSync(fixturePath('containers', 'unrecognised.csv'), other);
      const offersFor = (f: string) =>
        api.reopenOffers().filter((o) => o.uri === vscode.Uri.file(f).toString());

      await vscode.window.showTextDocument(vscode.Uri.file(other));
      await vscode.window.showTextDocument(vscode.Uri.file(exportFile));
      const [offer] = await waitFor('the offer', () =>
        offersFor(exportFile).length > 0 ? offersFor(exportFile) : undefined,
      );
      assert.equal(offer.container, 'purview-csv-classic');
      await closeAllEditors();
      await vscode.window.showTextDocument(vscode.Uri.file(exportFile));
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(offersFor(exportFile).length, 1, 'not offered a second time');
      assert.equal(offersFor(other).length, 0, 'a CSV that is not an export is not offered');
    });

    it('is not made for the source file of an open investigation (reveal line in source)', async () => {
      const source = file('ual-export-compta.csv');
      const uri = vscode.Uri.file(source.path);
      await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
      const session = await loadedSession(api, uri);
      await webviewPulledRows(api, uri);
      await api.editorRequest(uri, 'revealSource', { record: 0 });
      await waitFor('the source as text', () =>
        vscode.window.activeTextEditor?.document.uri.fsPath === source.path ? true : undefined,
      );
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(api.reopenOffers().filter((o) => o.uri === uri.toString()).length, 0);
      assert.ok(session.records.length > 0);
    });
  });
});
