import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { fixturePath, repoRoot } from '../../support/paths';
import { jsonLines } from '../investigation/fakeReader';
import { miaAudit } from '../normalise/auditBuilders';
import { runMia as mia, type CliRun as Run } from '../../support/runCli';
import { main } from '../../../src/cli/main';
import { stdoutFile } from '../../../src/cli/stdoutFile';
import { writeBenchExports } from '../../support/generator/bench';

describe('cli/main', () => {
  let dir: string;
  let exportA: string;
  let exportB: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-cli-'));
    exportA = path.join(dir, 'a.jsonl');
    exportB = path.join(dir, 'b.jsonl');
    writeFileSync(
      exportA,
      jsonLines([
        miaAudit({
          id: 'r1',
          time: '2024-05-01T08:00:00',
          mailbox: 'victim@contoso.com',
          session: 'owner',
          ip: '192.0.2.10',
          folders: [{ path: '\\Inbox', ids: ['<m1@x>'] }],
        }),
        miaAudit({
          id: 'r2',
          time: '2024-05-01T10:00:00',
          mailbox: 'victim@contoso.com',
          session: 'evil',
          ip: '203.0.113.66',
          client: 'Client=REST;Client=RESTSystem;;',
          appId: 'evil-app',
          folders: [{ path: '\\Inbox', ids: ['<m2@x>'] }],
        }),
        miaAudit({
          id: 'r3',
          time: '2024-05-02T10:00:00',
          mailbox: 'ceo@contoso.com',
          session: 'evil',
          ip: '203.0.113.66',
          folders: [{ path: '\\Inbox', ids: ['<m3@x>'] }],
        }),
      ]),
    );
    writeFileSync(
      exportB,
      jsonLines([miaAudit({ id: 'r2', time: '2024-05-01T10:00:00', session: 'evil' }), '{"Id": "broken']),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const json = (run: Run) => JSON.parse(run.stdout) as ScopeReport;

  it('--help prints the usage and exits 0', async () => {
    const run = await mia('--help');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /mia scope \[options\] <file\|folder>\.\.\./);
    for (const flag of [
      '--format',
      '--out',
      '--mailbox',
      '--session',
      '--ip',
      '--client-app',
      '--from',
      '--to',
      '--throttle-threshold',
      '--throttle-hours',
    ]) {
      assert.ok(run.stdout.includes(flag), flag);
    }
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await mia('--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${pkg.version}\n`);
  });

  for (const [name, argv, message] of [
    ['no command', [], /no command given/],
    ['unknown command', ['scan', 'x'], /unknown command "scan"/],
    ['no input', ['scope'], /no export given/],
    ['unknown option', ['scope', '--colour', 'x'], /Unknown option '--colour'/],
    ['bad format', ['scope', '--format', 'xml', 'x'], /--format must be json, markdown, html or csv/],
    [
      'bad threshold',
      ['scope', '--throttle-threshold', 'ten', 'x'],
      /--throttle-threshold must be a whole number/,
    ],
    [
      'bad hours',
      ['scope', '--throttle-hours', '0', 'x'],
      /--throttle-hours must be a number of hours above 0/,
    ],
  ] as const) {
    it(`usage error (${name}) exits 2 with the reason on stderr`, async () => {
      const run = await mia(...argv);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
    });
  }

  it('a bad --from exits 2 before reading anything', async () => {
    const run = await mia('scope', '--from', 'last week', exportA);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /from "last week" is not an ISO 8601 date/);
  });

  it('a missing or unrecognised input exits 2 naming the file', async () => {
    let run = await mia('scope', path.join(dir, 'nope.csv'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope\.csv: no such file/);
    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'Name,Email\nx,y\n');
    run = await mia('scope', notes);
    assert.equal(run.status, 2);
    assert.ok(run.stderr.includes(`${notes}: not a recognised MailItemsAccessed export`));
  });

  it('a folder with an unrecognised file still exits 0 and names the skipped file on stderr', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'Name,Email\nx,y\n');
    const run = await mia('scope', '--format', 'json', dir);
    assert.equal(run.status, 0);
    assert.match(run.stderr, /skipped .*notes\.txt: not a recognised/);
    const report = json(run);
    assert.equal(report.sources.length, 2);
    assert.equal(report.skipped.length, 1);
  });

  it('rejected rows exit 0 and are in the report', async () => {
    const run = await mia('scope', '--format', 'json', exportA, exportB);
    assert.equal(run.status, 0);
    const report = json(run);
    assert.deepEqual(
      report.sources[1].rejected.map((r) => r.line),
      [2],
    );
    assert.equal(report.sources[1].duplicates, 1);
    assert.equal(report.totals.records, 3);
    assert.match(run.stderr, /b\.jsonl: 1 row\(s\) could not be read/);
  });

  it('markdown is the default format; csv on request', async () => {
    const md = await mia('scope', exportA);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^# MailItemsAccessed scoping report/);
    const csv = await mia('scope', '--format', 'csv', exportA);
    assert.match(csv.stdout, /^kind,mailbox,internetMessageId,/);
    assert.equal(csv.stdout.split('\r\n').filter((l) => l.startsWith('message,')).length, 3);
  });

  it('filters: repeatable --mailbox, --session, --ip, --client-app, --from/--to', async () => {
    const byMailbox = json(
      await mia(
        'scope',
        '--format',
        'json',
        '--mailbox',
        'CEO@contoso.com',
        '--mailbox',
        'victim@contoso.com',
        exportA,
      ),
    );
    assert.deepEqual(byMailbox.filters.mailboxes, ['CEO@contoso.com', 'victim@contoso.com']);
    assert.equal(byMailbox.totals.records, 3);
    const bySession = json(await mia('scope', '--format', 'json', '--session', 'evil', exportA));
    assert.equal(bySession.totals.records, 2);
    const byIp = json(
      await mia('scope', '--format', 'json', '--ip', '203.0.113.66:443', '--ip', '198.51.100.1', exportA),
    );
    assert.deepEqual(byIp.filters.ips, ['203.0.113.66', '198.51.100.1']);
    assert.equal(byIp.totals.records, 2);
    const byApp = json(await mia('scope', '--format', 'json', '--client-app', 'EVIL-APP', exportA));
    assert.deepEqual(
      byApp.mailboxes.flatMap((m) => m.messages.map((x) => x.internetMessageId)),
      ['<m2@x>'],
    );
    const byInfo = json(await mia('scope', '--format', 'json', '--client-info', 'restsystem', exportA));
    assert.equal(byInfo.totals.records, 1);
    const byTime = json(
      await mia(
        'scope',
        '--format',
        'json',
        '--from',
        '2024-05-01T09:00:00',
        '--to',
        '2024-05-02T10:00:00Z',
        exportA,
      ),
    );
    assert.equal(byTime.filters.from, '2024-05-01T09:00:00Z');
    assert.equal(byTime.totals.records, 1, 'to is exclusive');
  });

  it('throttle settings reach the report', async () => {
    const report = json(
      await mia('scope', '--format', 'json', '--throttle-threshold', '1', '--throttle-hours', '48', exportA),
    );
    assert.deepEqual(report.throttle, { threshold: 1, hours: 48 });
    const victim = report.mailboxes.find((m) => m.mailbox === 'victim@contoso.com')!;
    // Two records within 48 h exceed a threshold of 1: a window opens at the second.
    assert.deepEqual(
      victim.throttledWindows.map((w) => [w.startUtc, w.endUtc, w.basis]),
      [['2024-05-01T10:00:00Z', '2024-05-03T10:00:00Z', ['volume']]],
    );
  });

  it('--out writes the report to a file; never over an input', async () => {
    const out = path.join(dir, 'report.json');
    const run = await mia('scope', '--format', 'json', '--out', out, exportA);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as ScopeReport).totals.records, 3);
    const before = readFileSync(exportA);
    const clobber = await mia('scope', '--out', exportA, exportA);
    assert.equal(clobber.status, 2);
    assert.match(clobber.stderr, /is one of the inputs/);
    assert.deepEqual(readFileSync(exportA), before);
    const inFolder = await mia('scope', '--out', exportA, dir);
    assert.equal(inFolder.status, 2);
    assert.deepEqual(readFileSync(exportA), before);
  });

  it('a report to standard output redirected to a file is written to the file itself; never to an input', async () => {
    // The time the report was made, which differs between two runs.
    const masked = (text: string) =>
      text.replace(/"generatedUtc": "[^"]*"/, '').replace(/^Generated [^ ]* /m, 'Generated ');
    for (const format of ['json', 'markdown', 'csv']) {
      const expected = (await mia('scope', '--format', format, exportA, exportB)).stdout;
      const out = path.join(dir, `stdout.${format}`);
      // As `>>` opens it: appended after what the file holds.
      writeFileSync(out, 'before\n');
      const fd = openSync(out, 'a');
      let status: number;
      let written = '';
      try {
        status = await main(['scope', '--format', format, exportA, exportB], {
          stdout: { write: (s: string) => (written += s) },
          stderr: { write: () => true, isTTY: false },
          stdoutFile: stdoutFile(fd),
        });
      } finally {
        closeSync(fd);
      }
      assert.equal(status, 0, format);
      assert.equal(written, '', `${format}: nothing went through the stream`);
      const [before, ...report] = readFileSync(out, 'utf8').split('\n');
      assert.equal(before, 'before', format);
      assert.ok(masked(expected) !== expected || format === 'csv', `${format}: the mask applies`);
      assert.equal(masked(report.join('\n')), masked(expected), format);
    }
    // A descriptor that cannot be written (opened for reading): exit 1, the reason on stderr.
    for (const format of ['json', 'markdown']) {
      const readOnly = openSync(path.join(dir, 'stdout.json'), 'r');
      let reason = '';
      try {
        const failed = await main(['scope', '--format', format, exportA], {
          stdout: { write: () => true },
          stderr: { write: (s: string) => (reason += s), isTTY: false },
          stdoutFile: stdoutFile(readOnly),
        });
        assert.equal(failed, 1, format);
      } finally {
        closeSync(readOnly);
      }
      assert.match(reason, /cannot write the report to standard output: EBADF/, format);
    }
    // Standard output opened on an export: refused, the export unchanged (whatever the format).
    const evidence = readFileSync(exportA);
    for (const format of ['json', 'markdown']) {
      const onInput = openSync(exportA, 'a');
      let stderr = '';
      try {
        const clobber = await main(['scope', '--format', format, dir], {
          stdout: { write: (s: string) => appendFileSync(exportA, s) },
          stderr: { write: (s: string) => (stderr += s), isTTY: false },
          stdoutFile: stdoutFile(onInput),
        });
        assert.equal(clobber, 2, format);
      } finally {
        closeSync(onInput);
      }
      assert.match(stderr, /standard output is one of the inputs/);
      assert.deepEqual(readFileSync(exportA), evidence, format);
    }
  });

  it('a JSON report of an export its workers parse states its SHA-256, hashed while the report was written', async function () {
    this.timeout(120_000);
    // 3,000 records: about 8 MB, read by the parse workers (a small file is hashed as it is read).
    const { csvPath } = await writeBenchExports(path.join(dir, 'big'), 3000);
    const out = path.join(dir, 'big.json');
    const run = await mia('scope', '--format', 'json', '--no-index', '--quiet', '--out', out, csvPath);
    assert.equal(run.status, 0, run.stderr);
    const text = readFileSync(out, 'utf8');
    const report = JSON.parse(text) as ScopeReport;
    assert.equal(report.sources[0].sha256, createHash('sha256').update(readFileSync(csvPath)).digest('hex'));
    assert.doesNotMatch(text, /sha256-pending/);
    assert.equal(report.totals.records, 3000);
  });

  it('small inputs print no progress', async () => {
    const run = await mia('scope', '--format', 'json', fixturePath('samples'));
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });
});
