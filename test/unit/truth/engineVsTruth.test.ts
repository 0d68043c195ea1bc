import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { createLabeller } from '../../../src/core/enrich/labels/offlineLabeller';
import { runScope } from '../../../src/core/scope/runScope';
import { writeSampleWorkspace } from '../../support/generator/sampleWorkspace';
import { generateScenario } from '../../support/generator/scenario';
import type { Scenario } from '../../support/generator/scenarioTypes';
import { readTruth, type Truth } from '../../support/generator/truth';
import { writeExportSet, type WrittenExport } from '../../support/generator/writeExport';
import { ALL_CONTAINERS } from '../../support/generator/writers/options';
import { buildCli, runCli } from './builtCli';
import { compareMailboxes, compareReportWithTruth, Disagreements } from './compareWithTruth';
import {
  expectedTimeScoped,
  makeTempDir,
  truthInputs,
  truthWithin,
  writeContainerExport,
} from './truthExports';
import { reportMailbox, reportMessages, reportWindows, truthMessages, truthWindows } from './views';

/**
 * The engine (runScope: containers → normalisation → investigation → analyses → report) against the
 * generator's ground truth, which is computed from the written rows by a separate, plain
 * implementation of the spec. Every comparison is of whole sets: totals, each source's figures and
 * rejected lines, each mailbox's figures, messages (with folders), synced folders and throttle
 * windows, the attacker session's reads, the time-scoped throttle rule, and the shipped CLI.
 */

let small: Scenario | undefined;
const smallScenario = (): Scenario => (small ??= generateScenario({ scale: 'small' }));

/** An export set written to disk: where its files are, the folder the truth names them from, its truth. */
interface WrittenSet {
  exportsDir: string;
  baseDir: string;
  files: WrittenExport[];
  truth: Truth;
  scenario: Scenario;
}

const HOUR = 3_600_000;

type Mailbox = ScopeReport['mailboxes'][number];
const most = <T>(report: ScopeReport, count: (m: Mailbox) => T[]): T[] =>
  count(report.mailboxes.reduce((a, b) => (count(b).length > count(a).length ? b : a)));
const windowed = (report: ScopeReport) =>
  report.mailboxes.find((m) => m.throttledWindows.length > 0)!.throttledWindows;
const rejecting = (report: ScopeReport) => report.sources.find((s) => s.rejected.length > 0)!.rejected;
const later = (utc: string) => new Date(Date.parse(utc) + 1000).toISOString();

/** Single wrong items planted in a correct report: the comparison must notice each. */
const MUTATIONS: [string, (r: ScopeReport) => void][] = [
  ['a message left out', (r) => void most(r, (m) => m.messages).pop()],
  ['a message with a wrong key', (r) => (most(r, (m) => m.messages)[0].key += 'x')],
  ['a message in one folder more', (r) => void most(r, (m) => m.messages)[0].folders.push('\\Elsewhere')],
  ['a synced folder left out', (r) => void most(r, (m) => m.syncedFolders).pop()],
  ['a throttle window ending a second later', (r) => (windowed(r)[0].endUtc = later(windowed(r)[0].endUtc))],
  [
    'a throttle window starting a second later',
    (r) => (windowed(r)[0].startUtc = later(windowed(r)[0].startUtc)),
  ],
  ['a throttle window with another basis', (r) => (windowed(r)[0].basis = ['flag', 'volume'])],
  [
    'a throttle window too many',
    (r) =>
      void windowed(r).push({
        ...windowed(r)[0],
        startUtc: '2030-01-01T00:00:00Z',
        endUtc: '2030-01-02T00:00:00Z',
      }),
  ],
  ['a rejected row on the wrong line', (r) => (rejecting(r)[0].line += 1)],
  ['a rejected row left out', (r) => void rejecting(r).pop()],
  ['a duplicate too many', (r) => (r.totals.duplicates += 1)],
  ['a source record count off by one', (r) => (r.sources[0].records -= 1)],
  ['a mailbox Bind count off by one', (r) => (r.mailboxes[0].bind -= 1)],
  ['a mailbox last access a second later', (r) => (r.mailboxes[0].lastUtc = later(r.mailboxes[0].lastUtc!))],
  ['a mailbox left out', (r) => void r.mailboxes.pop()],
];

describe('engine vs truth', function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof makeTempDir>;
  before(() => {
    tmp = makeTempDir('engine');
  });
  after(() => tmp.remove());

  describe('each container the generator writes, alone, with the broken rows it can carry', () => {
    for (const container of ALL_CONTAINERS) {
      it(container, async () => {
        const dir = path.join(tmp.dir, container);
        fs.mkdirSync(dir);
        const { file, truth } = await writeContainerExport(smallScenario(), container, dir);
        // The export really holds what is compared: every record, and broken rows to reject.
        assert.equal(
          truth.totals.records,
          smallScenario().records.filter((r) => r.Operation === 'MailItemsAccessed').length,
        );
        assert.ok(truth.totals.rejected >= 3, `${container}: broken rows planted`);
        const report = await runScope({ inputs: [file.path] });
        compareReportWithTruth(report, truth, dir, container);
      });
    }
  });

  const sets: { label: string; write: (dir: string) => Promise<WrittenSet> }[] = [
    {
      label: 'the sample workspace (truth.json read back from disk)',
      write: async (dir) => {
        const ws = await writeSampleWorkspace(dir);
        return {
          exportsDir: ws.exportsDir,
          baseDir: ws.dir,
          files: ws.files,
          truth: await readTruth(ws.truthPath),
          scenario: ws.scenario,
        };
      },
    },
    {
      label: 'the default split export set of another seed',
      write: async (dir) => {
        const scenario = generateScenario({ seed: 7, scale: 'small' });
        const set = await writeExportSet(scenario, dir);
        fs.rmSync(set.truthPath); // only exports in the folder the engine reads
        return { exportsDir: dir, baseDir: dir, files: set.files, truth: set.truth, scenario };
      },
    },
  ];

  for (const { label, write } of sets) {
    describe(label, () => {
      let set: WrittenSet;
      let report: ScopeReport;
      before(async () => {
        const dir = path.join(tmp.dir, label.replace(/\W+/g, '-'));
        fs.mkdirSync(dir);
        set = await write(dir);
        report = await runScope({ inputs: [set.exportsDir] });
      });

      it('gives the truth: totals, every source with its rejected lines, every mailbox (split, overlapping files de-duplicated)', () => {
        // The set is what the test claims: several overlapping files, duplicates across files.
        assert.ok(set.files.length >= 5);
        const firstSeen = new Map<string, number>();
        let acrossFiles = 0;
        set.files.forEach((f, i) =>
          f.rows.forEach((r) => {
            if (r.broken || r.audit.Operation !== 'MailItemsAccessed') return;
            const id = String(r.audit.Id);
            const at = firstSeen.get(id);
            if (at === undefined) firstSeen.set(id, i);
            else if (at !== i) acrossFiles++;
          }),
        );
        assert.ok(acrossFiles > 0, 'some records are repeated in another file');
        compareReportWithTruth(report, set.truth, set.baseDir, label);
      });

      it('the comparison itself notices any single wrong item', () => {
        for (const [what, mutate] of MUTATIONS) {
          const wrong = structuredClone(report);
          mutate(wrong);
          assert.throws(
            () => compareReportWithTruth(wrong, set.truth, set.baseDir, what),
            /disagreement\(s\) with the truth/,
            `the comparison misses: ${what}`,
          );
        }
      });

      it("scoped to the attacker's session: exactly its messages (with folders) and synced folders, per mailbox", async () => {
        const attacker = set.truth.attacker;
        assert.ok(attacker && attacker.mailboxes.length > 0, 'the truth has the attacker session');
        const report = await runScope({ inputs: [set.exportsDir], sessions: [attacker.sessionId] });
        const d = new Disagreements(`${label}, attacker session`);
        d.same('records in the session', report.totals.records, attacker.recordIds.length);
        const full = new Map(set.truth.mailboxes.map((m) => [m.key, m]));
        d.same(
          'mailboxes',
          report.mailboxes.map((m) => m.mailboxKey).sort(),
          attacker.mailboxes.map((m) => m.key).sort(),
        );
        for (const m of attacker.mailboxes) {
          const got = report.mailboxes.find((r) => r.mailboxKey === m.key);
          if (!got) continue;
          d.sameSet(`${m.key} messages`, reportMessages(got), truthMessages(m.messages), (x) => x.id);
          d.same(
            `${m.key} synced folders`,
            got.syncedFolders.map((f) => f.key).sort(),
            [...m.syncedFolders].sort(),
          );
          // No time window: every throttle window of the mailbox is reported, as computed on all its records.
          const mailbox = full.get(m.key);
          d.same(`${m.key} throttle windows`, reportWindows(got), mailbox ? truthWindows(mailbox) : []);
          for (const msg of got.messages)
            d.same(`${m.key} ${msg.key} sessions`, msg.sessions, [attacker.sessionId]);
        }
        d.check();
        // The session read messages and synced folders: the comparison above is not vacuous.
        assert.ok(attacker.mailboxes.some((m) => m.messages.length > 0 && m.syncedFolders.length > 0));
      });

      it('scoped to a time window: figures of the records inside it; throttle windows of the whole mailbox that meet it', async () => {
        const volume = set.scenario.planted.throttledVolume;
        // From the middle of the volume burst: the records inside alone never reach the threshold.
        const fromMs = volume.burstStartMs + 4 * HOUR;
        const toMs = fromMs + 12 * HOUR;
        const inputs = truthInputs(set.files);
        const within = truthWithin(inputs, set.scenario, fromMs, toMs);
        const expected = expectedTimeScoped(set.truth, within, fromMs, toMs);

        // The rule is really exercised: a window opened before the scope is kept, one outside it is
        // dropped, and windows computed on the scoped records alone would differ.
        const expectedWindows = expected.flatMap((m) => m.windows);
        const allWindows = set.truth.mailboxes.flatMap(truthWindows);
        assert.ok(
          expectedWindows.some((w) => w.startMs < fromMs),
          'a window opened before the scope',
        );
        assert.ok(allWindows.length > expectedWindows.length, 'a window outside the scope');
        const scopedOnly = new Map(within.mailboxes.map((m) => [m.key, truthWindows(m)]));
        assert.ok(
          expected.some(
            (m) =>
              m.windows.length > 0 &&
              JSON.stringify(scopedOnly.get(m.key) ?? []) !== JSON.stringify(m.windows),
          ),
          'windows computed on the scoped records alone would differ',
        );

        const report: ScopeReport = await runScope({
          inputs: [set.exportsDir],
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
        });
        const d = new Disagreements(
          `${label}, ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()}`,
        );
        d.same(
          'records in the window',
          report.totals.records,
          within.mailboxes.reduce((n, m) => n + m.records, 0),
        );
        compareMailboxes(d, report.mailboxes.map(reportMailbox), expected);
        d.check();
      });
    });
  }

  describe('the built CLI (the dist/cli.js bundle)', () => {
    let cli: string;
    let set: WrittenSet;
    before(async () => {
      const dir = path.join(tmp.dir, 'cli');
      fs.mkdirSync(path.join(dir, 'bundle'), { recursive: true });
      cli = await buildCli(path.join(dir, 'bundle'));
      const ws = await writeSampleWorkspace(path.join(dir, 'workspace'));
      set = {
        exportsDir: ws.exportsDir,
        baseDir: ws.dir,
        files: ws.files,
        truth: ws.truth,
        scenario: ws.scenario,
      };
    });

    const withoutTime = (report: ScopeReport): Omit<ScopeReport, 'generatedUtc'> => {
      const { generatedUtc, ...rest } = report;
      assert.match(generatedUtc, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
      return rest;
    };

    it('`mia scope --format json` prints the same report as runScope (all but generatedUtc), and it agrees with the truth', async () => {
      const result = await runCli(cli, ['scope', '--format', 'json', '--quiet', set.exportsDir]);
      assert.equal(result.code, 0, result.stderr);
      const printed = JSON.parse(result.stdout) as ScopeReport;
      // The CLI always labels apps and IPs with the shipped tables.
      const direct = await runScope({ inputs: [set.exportsDir], enrichment: { labels: createLabeller() } });
      assert.ok(printed.labels.apps.length > 0, 'the CLI labels apps');
      assert.deepEqual(withoutTime(printed), withoutTime(direct));
      compareReportWithTruth(printed, set.truth, set.baseDir, 'CLI');
    });

    it('passes the session and time filters through unchanged', async () => {
      const session = set.truth.attacker?.sessionId ?? '';
      const from = '2025-03-11T00:00:00Z';
      const to = '2025-03-13T00:00:00Z';
      const args = ['scope', '--format', 'json', '--quiet', '--session', session, '--from', from, '--to', to];
      const result = await runCli(cli, [...args, set.exportsDir]);
      assert.equal(result.code, 0, result.stderr);
      const printed = JSON.parse(result.stdout) as ScopeReport;
      const direct = await runScope({
        inputs: [set.exportsDir],
        sessions: [session],
        from,
        to,
        enrichment: { labels: createLabeller() },
      });
      assert.deepEqual(withoutTime(printed), withoutTime(direct));
      assert.ok(printed.totals.records > 0 && printed.totals.records < direct.totals.recordsLoaded);
    });
  });
});
