import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { THROTTLE_SENTENCE } from '../../src/core/findings/findings';
import { formatUtc } from '../../src/core/normalise/time';
import type { MiaApi } from '../../src/extension/api';
import { diagnosticSource, extensionId, settingKeys, settingsSection } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import { generateScenario } from '../support/generator/scenario';
import { writeExportSet, type WrittenExportSet } from '../support/generator/writeExport';
import { expectedSyncLines, expectedWindows, volumeOpenings } from '../support/investigateTruth';
import { waitFor } from './waitFor';

function miaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function setMaxPerKind(value: number | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration(settingsSection)
    .update(settingKeys.diagnosticsMaxPerKind, value, vscode.ConfigurationTarget.Global);
}

/**
 * Diagnostics of a generated investigation (flagged and unflagged throttled mailboxes, an attacker
 * session, Syncs in both shapes, broken rows), against the lines the generator wrote and its truth.
 */
describe('diagnostics (source MailItemsAccessed) on a generated export set', function () {
  this.timeout(120_000);
  let api: MiaApi;
  let dir: string;
  let set: WrittenExportSet;
  let uris: vscode.Uri[];
  let session: InvestigationSession;

  before(async () => {
    api = await vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-diagnostics-'));
    set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
    uris = set.files.map((f) => vscode.Uri.file(f.path));
    await setMaxPerKind(100_000);
    session = api.store.open(uris);
    await session.whenIdle();
    await waitFor('diagnostics', () => (uris.some((u) => miaDiagnostics(u).length > 0) ? true : undefined));
  });

  after(async () => {
    if (session) api.store.close(session);
    await setMaxPerKind(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mia.throttled: one Warning per window on the record that opened it, with start, end, basis and the sentence', () => {
    const expected = expectedWindows(set.files, set.truth);
    assert.ok(
      expected.some((w) => w.basis.includes('flag')) && expected.some((w) => w.basis.includes('volume')),
    );
    const got = uris.flatMap((u, file) =>
      miaDiagnostics(u)
        .filter((d) => codeOf(d) === 'mia.throttled')
        .map((d) => ({ d, file })),
    );
    assert.equal(got.length, expected.length);
    for (const w of expected) {
      const span = `${formatUtc(w.startMs)} to ${formatUtc(w.endMs)}`;
      const hit = got.find(({ d }) => d.message.includes(span));
      assert.ok(hit, `a diagnostic for ${w.mailboxKey} ${span}`);
      const { d, file } = hit;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(
        w.candidates.has(`${file}:${d.range.start.line + 1}`),
        `opener line ${file}:${d.range.start.line + 1}`,
      );
      assert.equal(d.range.start.character, 0);
      assert.equal(d.range.end.line, d.range.start.line);
      assert.ok(d.message.includes(`basis ${w.basis.join(' and ')}`), d.message);
      assert.ok(d.message.includes(THROTTLE_SENTENCE), d.message);
      assert.ok(d.message.toLowerCase().includes(w.mailboxKey), d.message);
    }
  });

  it('relatedInformation of a merged flag window points at the other flagged records merged into it', () => {
    const flagged = set.truth.mailboxes.find((m) => m.throttleWindows.some((w) => w.basis.includes('flag')))!;
    const first = flagged.throttleWindows[0];
    const d = uris
      .flatMap((u) => miaDiagnostics(u))
      .find(
        (x) => codeOf(x) === 'mia.throttled' && x.message.includes(formatUtc(Date.parse(first.startUtc))),
      )!;
    const startMs = Date.parse(first.startUtc);
    const endMs = Date.parse(first.endUtc);
    // Flagged records of that mailbox inside the window, other than the opener: where they were first read.
    const flaggedInside = new Set<string>();
    const seen = new Set<string>();
    set.files.forEach((f, file) =>
      f.rows.forEach((row, i) => {
        const a = row.audit;
        if (row.broken || a.Operation !== 'MailItemsAccessed' || seen.has(String(a.Id))) return;
        seen.add(String(a.Id));
        const t = Date.parse(`${String(a.CreationTime)}Z`);
        const props = a.OperationProperties as { Name: string; Value: string }[];
        const isFlag = props.some((p) => p.Name === 'IsThrottled' && p.Value === 'True');
        if (isFlag && String(a.MailboxOwnerUPN).toLowerCase() === flagged.key && t > startMs && t < endMs)
          flaggedInside.add(`${uris[file].toString()}:${f.lines[i]}`);
      }),
    );
    assert.ok(flaggedInside.size > 0, 'the scenario merges several flags into the first window');
    const related = (d.relatedInformation ?? []).map(
      (r) => `${r.location.uri.toString()}:${r.location.range.start.line + 1}`,
    );
    assert.deepEqual(related.sort(), [...flaggedInside].sort());
    for (const r of d.relatedInformation ?? [])
      assert.match(r.message, /IsThrottled = True at .* merged into this window/);
  });

  it('relatedInformation of a volume window points at its other volume openings (up to 20 after the opener, and the last)', () => {
    const { threshold, hours } = set.truth.throttle;
    const mailbox = set.truth.mailboxes.find((m) =>
      m.throttleWindows.some((w) => w.basis.join() === 'volume'),
    )!;
    assert.ok(mailbox, 'the scenario has a window opened by volume alone');
    const window = mailbox.throttleWindows.find((w) => w.basis.join() === 'volume')!;
    const startMs = Date.parse(window.startUtc);
    const endMs = Date.parse(window.endUtc);
    const openings = volumeOpenings(set.files, mailbox.key, threshold, hours).filter(
      (o) => o.timeMs >= startMs && o.timeMs < endMs,
    );
    assert.equal(openings[0].timeMs, startMs, 'the first opening starts the window');
    assert.equal(openings.at(-1)!.timeMs + hours * 3_600_000, endMs, 'the last opening sets its end');
    assert.ok(openings.length > 2, `the burst opens several windows (${openings.length})`);
    const d = uris
      .flatMap((u) => miaDiagnostics(u))
      .find(
        (x) =>
          codeOf(x) === 'mia.throttled' && x.message.includes(`${formatUtc(startMs)} to ${formatUtc(endMs)}`),
      );
    assert.ok(d, 'the diagnostic of the window');
    // Every opening after the opener, at most 20, then the last one when it was not among them.
    const listed = openings.slice(1, 21);
    const capped = openings.length > 21;
    const expected = capped ? [...listed, openings.at(-1)!] : listed;
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, expected.length);
    related.forEach((r, i) => {
      const file = uris.findIndex((u) => u.toString() === r.location.uri.toString());
      const place = `${file}:${r.location.range.start.line + 1}`;
      assert.ok(
        expected[i].candidates.has(place),
        `opening ${i + 1} at ${formatUtc(expected[i].timeMs)}: ${place}`,
      );
      assert.ok(r.message.includes(formatUtc(expected[i].timeMs)), r.message);
    });
    for (const r of capped ? related.slice(0, -1) : related)
      assert.match(r.message, /^also opened \(volume\) at .+, merged into this window$/);
    if (capped)
      assert.equal(
        related.at(-1)!.message,
        `last of ${openings.length} volume openings, at ${formatUtc(openings.at(-1)!.timeMs)} (sets the window end), merged into this window`,
      );
  });

  it('mia.sync: one Information per Sync record at its line, naming the folder "must be assumed read"', () => {
    const expected = expectedSyncLines(set.files);
    const got = uris.map((u) =>
      miaDiagnostics(u)
        .filter((d) => codeOf(d) === 'mia.sync')
        .map((d) => d.range.start.line + 1)
        .sort((a, b) => a - b),
    );
    assert.deepEqual(got, expected);
    for (const d of uris.flatMap((u) => miaDiagnostics(u)).filter((x) => codeOf(x) === 'mia.sync')) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      assert.match(
        d.message,
        /^Sync: mailbox .+, folder .+, session .+, IP .+, client .+: all items in .+ must be assumed read\.$/,
      );
    }
  });

  it('mia.rejected: one Error per broken row at its line, with the reason', () => {
    const got = uris
      .flatMap((u, file) =>
        miaDiagnostics(u)
          .filter((d) => codeOf(d) === 'mia.rejected')
          .map((d) => {
            assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
            assert.match(d.message, /^Row could not be read and was skipped: \S/);
            return `${path.basename(set.files[file].path)}:${d.range.start.line + 1}`;
          }),
      )
      .sort();
    assert.deepEqual(got, set.truth.rejected.map((r) => `${path.basename(r.file)}:${r.line}`).sort());
  });

  it('mia.coverage: a Warning for every mailbox whose records never carry the throttle flag', () => {
    const got = uris
      .flatMap((u) => miaDiagnostics(u))
      .filter((d) => codeOf(d) === 'mia.coverage' && /volume rule only/.test(d.message));
    const expected = set.truth.mailboxes.filter((m) => !m.carriesThrottleFlag);
    assert.ok(expected.length > 0);
    assert.equal(got.length, expected.length);
    for (const m of expected)
      assert.ok(
        got.some((d) => d.message.toLowerCase().includes(m.key)),
        m.key,
      );
    for (const d of got) assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('caps each code per file at mia.diagnostics.maxPerKind with one summary saying how many more', async () => {
    const full = uris.map((u) => miaDiagnostics(u));
    const max = 3;
    await setMaxPerKind(max);
    await waitFor('capped diagnostics', () =>
      uris.every((u) => miaDiagnostics(u).filter((d) => codeOf(d) === 'mia.sync').length <= max + 1)
        ? true
        : undefined,
    );
    let summaries = 0;
    uris.forEach((u, i) => {
      const now = miaDiagnostics(u);
      for (const code of ['mia.throttled', 'mia.sync', 'mia.rejected', 'mia.coverage']) {
        const before = full[i].filter((d) => codeOf(d) === code);
        const after = now.filter((d) => codeOf(d) === code);
        if (before.length <= max) {
          assert.equal(after.length, before.length, `${code} in file ${i}`);
          continue;
        }
        summaries++;
        assert.equal(after.length, max + 1, `${code} in file ${i}: ${max} plus one summary`);
        const summary = after.filter((d) => / more .* are not listed here/.test(d.message));
        assert.equal(summary.length, 1);
        assert.ok(summary[0].message.startsWith(`${before.length - max} more `), summary[0].message);
        assert.match(summary[0].message, /mia\.diagnostics\.maxPerKind is 3/);
      }
    });
    assert.ok(summaries > 0, 'the scenario has more than 3 findings of some code in some file');
    await setMaxPerKind(100_000);
    await waitFor('uncapped again', () =>
      uris.every((u, i) => miaDiagnostics(u).length === full[i].length) ? true : undefined,
    );
  });

  it('clears the diagnostics when the investigation closes', async () => {
    assert.ok(uris.some((u) => miaDiagnostics(u).length > 0));
    api.store.close(session);
    await waitFor('cleared', () => (uris.every((u) => miaDiagnostics(u).length === 0) ? true : undefined));
  });
});
