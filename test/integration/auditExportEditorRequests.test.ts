import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType, settingKeys, settingsSection } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type { FilterState, GridRow, SortState } from '../../src/protocol/messages';
import { writeSampleWorkspace, type SampleWorkspace } from '../support/generator/sampleWorkspace';
import { computeTruth, type Truth } from '../support/generator/truth';
import { parseAuditTime } from '../support/generator/time';
import { truthOptions, type WrittenExport } from '../support/generator/writeExport';
import {
  assertUnchanged,
  byTimeAsc,
  closeAllEditors,
  fingerprint,
  loadedSession,
  miaApi,
  noFilter,
  webviewPulledRows,
} from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/** Folder paths a raw record names: `Folders[].Path`, or the Sync shape's `Item.ParentFolder.Path`. */
function rawFolderPaths(raw: Record<string, unknown>): string[] {
  if (Array.isArray(raw.Folders)) return (raw.Folders as { Path: string }[]).map((f) => f.Path);
  const parent = (raw.Item as { ParentFolder?: { Path?: string } } | undefined)?.ParentFolder?.Path;
  return parent ? [parent] : [];
}

describe('the investigator editor answers the webview’s requests (host side)', () => {
  let api: MiaApi;
  let dir: string;
  let ws: SampleWorkspace;
  let written: WrittenExport;
  let truth: Truth;
  let uri: vscode.Uri;
  let session: InvestigationSession;
  let original: ReturnType<typeof fingerprint>;

  const request: MiaApi['editorRequest'] = (u, name, params) => api.editorRequest(u, name, params);

  async function allRows(sort: SortState, filter: FilterState = noFilter): Promise<GridRow[]> {
    const q = await request(uri, 'query', { filter, sort });
    const rows: GridRow[] = [];
    for (let start = 0; start < q.matched; start += 500) {
      const page = await request(uri, 'rows', { start, count: 500 });
      assert.equal(page.start, start);
      rows.push(...page.rows);
    }
    assert.equal(rows.length, q.matched);
    return rows;
  }

  before(async function () {
    this.timeout(60_000);
    api = await miaApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-editor-requests-'));
    ws = await writeSampleWorkspace(dir);
    // The second Purview export: broken rows, other operations, a throttled mailbox, the attacker.
    written = ws.files.find((f) => f.name.endsWith('purview-audit-2025-03-09_2025-03-17.csv'))!;
    assert.ok(written, 'the sample workspace has the second Purview export');
    truth = computeTruth([written], truthOptions(ws.scenario));
    // The throttle model of the scenario (its threshold may be below the default).
    const config = vscode.workspace.getConfiguration(settingsSection);
    await config.update(
      settingKeys.throttleThreshold,
      truth.throttle.threshold,
      vscode.ConfigurationTarget.Global,
    );
    await config.update(
      settingKeys.throttleWindowHours,
      truth.throttle.hours,
      vscode.ConfigurationTarget.Global,
    );
    uri = vscode.Uri.file(written.path);
    original = fingerprint(written.path);
    await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
    session = await loadedSession(api, uri);
    await webviewPulledRows(api, uri);
  });

  after(async () => {
    await closeAllEditors();
    const config = vscode.workspace.getConfiguration(settingsSection);
    await config.update(settingKeys.throttleThreshold, undefined, vscode.ConfigurationTarget.Global);
    await config.update(settingKeys.throttleWindowHours, undefined, vscode.ConfigurationTarget.Global);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('query counts every distinct record; rows page through them in time order, both ways', async () => {
    assert.equal(session.records.length, truth.totals.records);
    const asc = await allRows(byTimeAsc);
    assert.equal(new Set(asc.map((r) => r.record)).size, truth.totals.records, 'each record once');
    for (let i = 1; i < asc.length; i++)
      assert.ok(asc[i - 1].timeMs <= asc[i].timeMs, `row ${i} in time order`);
    const first = Math.min(...truth.mailboxes.map((m) => parseAuditTime(m.firstUtc)));
    const last = Math.max(...truth.mailboxes.map((m) => parseAuditTime(m.lastUtc)));
    assert.equal(asc[0].timeMs, first, 'the first row is the earliest record');
    assert.equal(asc.at(-1)!.timeMs, last);
    const desc = await allRows({ column: 'time', descending: true });
    assert.equal(desc[0].timeMs, last, 'descending: the latest first');
    const byMailbox = await allRows({ column: 'mailbox', descending: false });
    for (let i = 1; i < byMailbox.length; i++)
      assert.ok(byMailbox[i - 1].cells.mailbox.toLowerCase() <= byMailbox[i].cells.mailbox.toLowerCase());
    const page = await request(uri, 'rows', { start: truth.totals.records - 3, count: 50 });
    assert.equal(page.rows.length, 3, 'a page past the end is cut short');
  });

  it('facet counts and filters agree with the truth per mailbox and per access type', async () => {
    const q = await request(uri, 'query', { filter: noFilter, sort: byTimeAsc });
    const mailboxFacet = q.facets.find((f) => f.facet === 'mailbox')!;
    assert.deepEqual(
      mailboxFacet.values.map((v) => [v.value.toLowerCase(), v.count]).sort(),
      truth.mailboxes.map((m) => [m.key, m.records]).sort(),
    );
    const access = Object.fromEntries(
      q.facets.find((f) => f.facet === 'access')!.values.map((v) => [v.value, v.count]),
    );
    assert.deepEqual([access.Bind ?? 0, access.Sync ?? 0], [truth.totals.bind, truth.totals.sync]);

    const victim = truth.mailboxes.reduce((a, b) => (b.records > a.records ? b : a));
    const display = mailboxFacet.values.find((v) => v.value.toLowerCase() === victim.key)!.value;
    const one = await request(uri, 'query', {
      filter: { text: '', facets: { mailbox: [display] } },
      sort: byTimeAsc,
    });
    assert.equal(one.matched, victim.records);
    const rows = await request(uri, 'rows', { start: 0, count: 100 });
    assert.ok(rows.rows.every((r) => r.cells.mailbox === display));
    const syncs = await request(uri, 'query', {
      filter: { text: '', facets: { access: ['Sync'] } },
      sort: byTimeAsc,
    });
    assert.equal(syncs.matched, truth.totals.sync);

    // Free text: the attacker's session id matches exactly the attacker's records in this file.
    const attacker = truth.attacker!;
    assert.ok(attacker.recordIds.length > 0, 'the attacker read mail in this export');
    const text = await request(uri, 'query', {
      filter: { text: attacker.sessionId, facets: {} },
      sort: byTimeAsc,
    });
    assert.equal(text.matched, attacker.recordIds.length);
    const ids = (await request(uri, 'rows', { start: 0, count: text.matched })).rows.map(
      (r) => session.record(r.record)!.id,
    );
    assert.deepEqual(ids.sort(), [...attacker.recordIds].sort());
  });

  it('detail re-reads the raw AuditData from disk, with the record’s Id, fields, folders and provenance', async () => {
    const rows = await allRows(byTimeAsc);
    const lineOfId = new Map<string, number>();
    written.rows.forEach((row, i) => {
      const id = String(row.audit.Id);
      if (!row.broken && !lineOfId.has(id)) lineOfId.set(id, written.lines[i]);
    });
    for (const row of [rows[0], rows[Math.floor(rows.length / 2)], rows.at(-1)!]) {
      const d = await request(uri, 'detail', { record: row.record });
      const raw = JSON.parse(d.rawJson) as Record<string, unknown>;
      assert.equal(raw.Id, d.id);
      assert.equal(raw.Operation, 'MailItemsAccessed');
      assert.ok(d.rawJson.includes('\n  "'), 'pretty-printed');
      assert.equal(d.record, row.record);
      assert.equal(d.timeMs, row.timeMs);
      assert.equal(d.provenance.path, written.path);
      assert.equal(d.provenance.line, lineOfId.get(d.id), 'the line the generator wrote the row at');
      assert.equal(d.fields.find((f) => f.name === 'Mailbox')?.value, row.cells.mailbox);
      assert.deepEqual(
        d.folders.map((f) => f.path),
        rawFolderPaths(raw),
        'the folders of the raw record',
      );
    }
  });

  it('rejected rows reach the view with file, line and reason; other operations are listed too', async () => {
    const rejected = await request(uri, 'skipped', { kind: 'rejected', limit: 1000 });
    assert.equal(rejected.total, truth.rejected.length);
    assert.ok(rejected.total > 0, 'the export has broken rows');
    assert.deepEqual(
      rejected.rows.map((r) => r.line),
      truth.rejected.map((r) => r.line),
    );
    assert.ok(rejected.rows.every((r) => r.source === written.path && r.reason.length > 5));
    const firstOnly = await request(uri, 'skipped', { kind: 'rejected', limit: 1 });
    assert.deepEqual([firstOnly.rows.length, firstOnly.total], [1, truth.rejected.length]);

    const others = await request(uri, 'skipped', { kind: 'otherOperations', limit: 100_000 });
    assert.equal(others.total, truth.totals.otherOperationRows);
    assert.ok(others.total > 0, 'the export has other operations');
    const operationAt = new Map<number, string>();
    written.rows.forEach((row, i) => {
      if (!row.broken && row.audit.Operation !== 'MailItemsAccessed')
        operationAt.set(written.lines[i], String(row.audit.Operation));
    });
    assert.deepEqual(
      others.rows.map((r) => r.line),
      [...operationAt.keys()],
    );
    for (const r of others.rows) assert.equal(r.reason, `Other operation: ${operationAt.get(r.line)}`);
  });

  it('timeline counts the filtered records per hour and shades the throttle windows of the whole mailbox', async () => {
    await request(uri, 'query', { filter: noFilter, sort: byTimeAsc });
    const t = await request(uri, 'timeline', {});
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(sum(t.bind), truth.totals.bind);
    assert.equal(sum(t.sync), truth.totals.sync);
    const expected = truth.mailboxes
      .flatMap((m) =>
        m.throttleWindows.map((w) => [
          m.key,
          parseAuditTime(w.startUtc),
          parseAuditTime(w.endUtc),
          [...w.basis].sort().join('+'),
        ]),
      )
      .sort();
    assert.ok(expected.length > 0, 'the export has throttle windows');
    assert.deepEqual(
      t.throttled
        .map((w) => [w.mailbox.toLowerCase(), w.startMs, w.endMs, [...w.basis].sort().join('+')])
        .sort(),
      expected,
    );
    // Filtered to Sync only: the windows stay those of the whole mailbox (not of the Syncs).
    const throttled = truth.mailboxes.find((m) => m.throttleWindows.length > 0)!;
    const display = session.records.find((r) => r.mailboxKey === throttled.key)!.mailbox;
    await request(uri, 'query', {
      filter: { text: '', facets: { mailbox: [display], access: ['Sync'] } },
      sort: byTimeAsc,
    });
    const filtered = await request(uri, 'timeline', {});
    assert.equal(sum(filtered.bind), 0);
    assert.equal(sum(filtered.sync), throttled.sync);
    assert.deepEqual(
      filtered.throttled.map((w) => [w.startMs, w.endMs]),
      throttled.throttleWindows.map((w) => [parseAuditTime(w.startUtc), parseAuditTime(w.endUtc)]),
    );
  });

  it('errors travel as replies', async () => {
    await assert.rejects(request(uri, 'detail', { record: 10_000_000 }), /not in this investigation/);
    await assert.rejects(request(uri, 'rows', { start: -1, count: 5 }), /start must be/);
    await assert.rejects(request(uri, 'skipped', { kind: 'bogus' as 'rejected', limit: 5 }), /unknown kind/);
    await assert.rejects(
      api.editorRequest(uri, 'nonsense' as 'rows', { start: 0, count: 1 }),
      /unknown request/,
    );
  });

  it('openRaw, revealSource and copyRaw act on the record', async () => {
    const rows = await allRows(byTimeAsc);
    const row = rows[Math.floor(rows.length / 3)];
    const record = session.record(row.record)!;

    await request(uri, 'openRaw', { record: row.record });
    const raw = await waitFor('the raw record editor', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc && doc.getText().includes(record.id) && doc.uri.scheme !== 'file' ? doc : undefined;
    });
    assert.ok(raw.getText().includes('"Operation": "MailItemsAccessed"'));

    await request(uri, 'revealSource', { record: row.record });
    const source = await waitFor('the source file at the record’s line', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === written.path ? e : undefined;
    });
    assert.equal(source.selection.active.line, record.provenance.line - 1);
    assert.ok(source.document.lineAt(record.provenance.line - 1).text.includes(record.id));

    await vscode.env.clipboard.writeText('');
    await request(uri, 'copyRaw', { record: row.record });
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { Id: string };
    assert.equal(copied.Id, record.id);
    assertUnchanged(written.path, original);
  });

  it('a filter set on the session (tree, commands) reaches the webview, which re-queries with it', async () => {
    const filter: FilterState = { text: '', facets: { access: ['Sync'] } };
    const asked = api.editorWebviewRequests(uri).length;
    session.setFilter(filter);
    await waitFor('the webview to query with the filter', () =>
      api
        .editorWebviewRequests(uri)
        .slice(asked)
        .some(
          (r) =>
            r.name === 'query' &&
            JSON.stringify((r.params as { filter: FilterState }).filter.facets) ===
              JSON.stringify(filter.facets),
        )
        ? true
        : undefined,
    );
    const page = await request(uri, 'rows', { start: 0, count: 200 });
    assert.ok(page.rows.length > 0 && page.rows.every((r) => r.cells.access === 'Sync'));
  });

  it('a grid query’s filter becomes the session’s filter (the tree follows it)', async () => {
    const filter: FilterState = { text: 'ViaProxy', facets: {} };
    await request(uri, 'query', { filter, sort: byTimeAsc });
    assert.equal(session.filter.text, 'ViaProxy');
  });

  it('reveal asks the webview to select the record: it queries with it and shows its detail', async () => {
    session.setFilter(noFilter);
    const target = session.records[Math.floor(session.records.length / 2)];
    const index = session.records.indexOf(target);
    const asked = api.editorWebviewRequests(uri).length;
    session.reveal(index);
    await waitFor('the webview to ask for the revealed record’s detail', () =>
      api
        .editorWebviewRequests(uri)
        .slice(asked)
        .some((r) => r.name === 'detail' && (r.params as { record: number }).record === index)
        ? true
        : undefined,
    );
    assert.ok(
      api
        .editorWebviewRequests(uri)
        .slice(asked)
        .some((r) => r.name === 'query' && (r.params as { reveal?: number }).reveal === index),
    );
  });
});
