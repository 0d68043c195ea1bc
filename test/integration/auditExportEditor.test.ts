import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadInvestigation } from '../../src/core/investigation/investigation';
import type { Investigation } from '../../src/core/investigation/investigation';
import type { ContainerKind } from '../../src/core/containers/types';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType } from '../../src/extension/constants';
import { generateScenario } from '../support/generator/scenario';
import { computeTruth } from '../support/generator/truth';
import { truthOptions, writeExport } from '../support/generator/writeExport';
import { ALL_CONTAINERS } from '../support/generator/writers/options';
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

function extensionFor(container: ContainerKind): string {
  if (container.endsWith('-csv')) return '.csv';
  return container === 'json-lines' || container === 'defender-cloudappevents-json' ? '.jsonl' : '.json';
}

describe('the audit export editor (mia.auditExport) on every container', () => {
  let api: MiaApi;
  let dir: string;

  before(async () => {
    api = await miaApi();
    // Copies: the tests read evidence-like files, and the committed fixtures stay out of reach.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-editor-containers-'));
  });

  afterEach(closeAllEditors);

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const fixtures = fs.readdirSync(fixturePath('containers')).sort();

  it('has committed fixtures to open', () => {
    assert.ok(fixtures.length >= 30, `found ${fixtures.length} container fixtures`);
  });

  for (const name of fixtures) {
    it(`opens ${name} with vscode.openWith and loads exactly what the engine reads, never writing it`, async () => {
      const file = path.join(dir, name);
      fs.copyFileSync(fixturePath('containers', name), file);
      const uri = vscode.Uri.file(file);
      const before = fingerprint(file);
      let engine: Investigation | undefined;
      let engineError: Error | undefined;
      try {
        engine = await loadInvestigation([file]);
      } catch (error) {
        engineError = error as Error;
      }

      await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
      const tab = await waitFor('the custom editor tab', () => customTabFor(uri));
      assert.equal(tab.viewType, auditExportViewType);
      const session = await loadedSession(api, uri);
      await webviewPulledRows(api, uri);
      const init = api.editorInit(uri)!;
      assert.equal(init.title, name);

      if (engineError) {
        assert.equal(session.load.phase, 'failed', `${name}: the engine refuses it, so does the editor`);
        assert.ok(
          session.load.message?.includes(engineError.message.replace(`${file}: `, '')),
          `the reason reaches the view: ${session.load.message} (engine: ${engineError.message})`,
        );
        assert.equal(session.records.length, 0);
      } else {
        const inv = engine!;
        assert.equal(session.load.phase, 'ready', session.load.message);
        assert.deepEqual(
          session.records.map((r) => r.id),
          inv.records.map((r) => r.id),
          'the same records, in the same order',
        );
        assert.deepEqual(
          session.investigation.sources.map((s) => [s.container, s.rows, s.otherOperations, s.rejected]),
          inv.sources.map((s) => [s.container, s.rows, s.otherOperations, s.rejected]),
        );
        const q = await api.editorRequest(uri, 'query', { filter: noFilter, sort: byTimeAsc });
        assert.deepEqual([q.matched, q.total], [inv.records.length, inv.records.length]);
        assert.equal(session.load.records, inv.records.length);
      }
      assertUnchanged(file, before);
    });
  }

  describe('generated exports of every container, against the generator truth', () => {
    const scenario = generateScenario({ scale: 'small' });
    for (const container of ALL_CONTAINERS) {
      it(`${container}: records, rejected rows and other operations equal the truth`, async function () {
        this.timeout(60_000);
        const file = path.join(dir, `generated-${container}${extensionFor(container)}`);
        const written = await writeExport(scenario, container, file, { includeBroken: true });
        const truth = computeTruth([written], truthOptions(scenario));
        const uri = vscode.Uri.file(file);
        const before = fingerprint(file);

        await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
        const session = await loadedSession(api, uri, 40_000);
        assert.equal(session.load.phase, 'ready', session.load.message);
        assert.equal(session.records.length, truth.totals.records, 'distinct MailItemsAccessed records');
        const [stats] = session.investigation.sources;
        assert.equal(stats.container, container);
        assert.deepEqual(
          stats.rejected.map((r) => r.line),
          truth.rejected.map((r) => r.line),
          'rejected rows, by line',
        );
        assert.equal(stats.otherOperations, truth.totals.otherOperationRows);
        const perMailbox = new Map<string, number>();
        for (const r of session.records)
          perMailbox.set(r.mailboxKey, (perMailbox.get(r.mailboxKey) ?? 0) + 1);
        assert.deepEqual(
          [...perMailbox.entries()].sort(),
          truth.mailboxes.map((m) => [m.key, m.records]).sort(),
          'records per mailbox',
        );
        await webviewPulledRows(api, uri);
        const q = await api.editorRequest(uri, 'query', { filter: noFilter, sort: byTimeAsc });
        assert.equal(q.total, truth.totals.records);
        assertUnchanged(file, before);
      });
    }
  });
});
