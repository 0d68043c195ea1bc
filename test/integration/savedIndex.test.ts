import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { commandIds } from '../../src/extension/constants';
import { fixturePath } from '../support/paths';
import { byTimeAsc, closeAllEditors, fingerprint, miaApi } from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/**
 * Reopening an export already read: the second open loads the saved index from the extension's
 * storage (not beside the export) instead of parsing, with the same records and statistics.
 */
describe('saved index (reopening an unchanged export)', () => {
  let api: MiaApi;
  let dir: string;

  before(async function () {
    this.timeout(60_000);
    api = await miaApi();
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-saved-index-'));
  });

  after(async () => {
    await closeAllEditors();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the second open of an export comes from its saved index, equal to the first', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'export.csv');
    fs.copyFileSync(fixturePath('containers', 'purview-new-broken.csv'), file);
    const before = fingerprint(file);
    const folder = api.savedIndexFolder();
    assert.ok(folder, 'mia.index.enabled is on by default');
    assert.notEqual(path.resolve(folder), path.resolve(dir), 'not the export folder');
    const indexes = () =>
      fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.endsWith('.miaidx')) : [];
    const known = new Set(indexes());

    const uri = vscode.Uri.file(file);
    const open = async () => {
      const id = await vscode.commands.executeCommand<string>(commandIds.openExport, [uri]);
      const session = api.store.get(id)!;
      await session.whenIdle();
      const snapshot = {
        records: JSON.stringify(session.investigation.records),
        sources: session.investigation.sources.map((s) => ({ ...s })),
      };
      await closeAllEditors();
      await waitFor('the investigation closed', () => (api.store.get(id) ? undefined : true));
      return snapshot;
    };

    const first = await open();
    assert.equal(first.sources[0].savedIndex, undefined, 'the first open parses the export');
    const written = await waitFor('the saved index written', () => indexes().find((n) => !known.has(n)));
    assert.ok(fs.statSync(path.join(folder, written)).size > 0);

    const second = await open();
    assert.equal(second.sources[0].savedIndex, true, 'the second open comes from the index');
    assert.equal(second.records, first.records);
    assert.deepStrictEqual(
      second.sources.map(({ savedIndex: _, ...s }) => s),
      first.sources,
    );
    assert.ok(first.sources[0].rejected.length > 0, 'the rejected rows came back too');
    assert.deepStrictEqual(fingerprint(file), before, 'the export was never written');
    assert.deepStrictEqual(fs.readdirSync(dir), ['export.csv'], 'nothing beside the export');
  });

  it('an export edited with its size and modification time kept is found out by its hash and read again', async function () {
    this.timeout(90_000);
    const file = path.join(dir, 'edited.csv');
    fs.copyFileSync(fixturePath('containers', 'purview-new-broken.csv'), file);
    const when = new Date('2026-01-02T03:04:05Z');
    fs.utimesSync(file, when, when);
    const folder = api.savedIndexFolder()!;
    const indexes = () =>
      fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.endsWith('.miaidx')) : [];
    const known = new Set(indexes());
    const uri = vscode.Uri.file(file);
    const openSession = async () => {
      const id = await vscode.commands.executeCommand<string>(commandIds.openExport, [uri]);
      const session = api.store.get(id)!;
      await session.whenIdle();
      return { id, session };
    };
    const close = async (id: string) => {
      await closeAllEditors();
      await waitFor('the investigation closed', () => (api.store.get(id) ? undefined : true));
    };
    const ip = '68.160.247.154';
    const editedIp = '68.160.247.155';
    // Records the grid shows for an IP, through the editor's own query handlers.
    const gridRowsWithIp = async (value: string) =>
      (
        await api.editorRequest(uri, 'query', {
          filter: { text: '', facets: { ip: [value] } },
          sort: byTimeAsc,
        })
      ).matched;

    const first = await openSession();
    const indexedSha = first.session.investigation.sources[0].sha256;
    await close(first.id);
    const written = await waitFor('the saved index written', () => indexes().find((n) => !known.has(n)));
    // An index is named by the file's path, size and modification time, which the edit keeps: the
    // index of the re-read takes the stale one's name, so the stale one is told by its bytes.
    const staleBytes = fs.readFileSync(path.join(folder, written));
    const isStale = (name: string) => {
      try {
        return fs.readFileSync(path.join(folder, name)).equals(staleBytes);
      } catch {
        return false; // removed meanwhile
      }
    };

    // One character changed, size and modification time as before.
    const text = fs.readFileSync(file, 'latin1');
    assert.ok(text.includes(ip));
    assert.ok(!text.includes(editedIp));
    fs.writeFileSync(file, text.replace(ip, editedIp), 'latin1');
    fs.utimesSync(file, when, when);
    const edited = fingerprint(file).sha256;
    assert.notEqual(edited, indexedSha);

    const second = await openSession();
    const stale = await waitFor('the reopened export checked', () => second.session.staleIndexes[0]);
    assert.equal(stale.path, file);
    assert.match(
      stale.reason,
      new RegExp(
        `changed since its saved index was made \\(SHA-256 ${edited}, indexed ${indexedSha}\\); it was read again from the file`,
      ),
    );
    assert.ok(!indexes().some(isStale), 'the stale index was discarded');
    // The investigation is read again from the file by itself: the grid shows the bytes on disk.
    const reread = await waitFor('the export read again', () =>
      !second.session.loading && second.session.investigation.sources[0]?.sha256 === edited
        ? second.session.investigation.sources[0]
        : undefined,
    );
    assert.equal(reread.savedIndex, undefined, 'parsed, not reopened from an index');
    assert.equal(second.session.investigation.sources.length, 1, 'the file is read once');
    assert.equal(second.session.load.phase, 'ready');
    assert.ok(
      (second.session.load.message ?? '').includes(
        `${file}: the file changed since its saved index was made`,
      ),
      'the editor names the file and says why it was read again',
    );
    assert.ok(second.session.investigation.records.some((r) => r.ip === editedIp));
    assert.ok((await gridRowsWithIp(editedIp)) > 0, 'the grid shows the record as the file holds it now');
    assert.deepStrictEqual(second.session.staleIndexes, [stale], 'said once');
    const reindexed = await waitFor('the edited export indexed', () =>
      indexes().find((n) => !known.has(n) && !isStale(n)),
    );
    await close(second.id);

    const third = await openSession();
    assert.equal(third.session.investigation.sources[0].savedIndex, true, 'its new index');
    assert.equal(third.session.investigation.sources[0].sha256, edited);
    assert.ok(indexes().includes(reindexed));
    await third.session.whenChecked();
    assert.deepStrictEqual(third.session.staleIndexes, [], 'the new index matches the file');
    await close(third.id);
  });
});
