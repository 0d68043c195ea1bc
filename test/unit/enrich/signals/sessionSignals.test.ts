import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLabeller, type OfflineLabeller } from '../../../../src/core/enrich/labels/offlineLabeller';
import { computeSignals } from '../../../../src/core/enrich/signals/sessionSignals';
import type { SessionSignal } from '../../../../src/core/enrich/signals/signalTypes';
import { computeSignalFindings } from '../../../../src/core/findings/signalFindings';
import type { MiaRecord } from '../../../../src/core/model';
import { buildRecord } from '../../../support/recordBuilder';
import { buildMmdb } from '../ips/mmdbWriter';

const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 1);
const GRAPH = '00000003-0000-0000-c000-000000000000';
const OUTLOOK_MOBILE = '27922004-5251-4030-b22d-91ecd9a37ea4';
const EVIL = 'b4f2c9e1-7d3a-4e58-9c61-0f8a2d7e5b34';

const of = (signals: SessionSignal[], kind: SessionSignal['kind']) => signals.filter((s) => s.kind === kind);

describe('session signals on hand-built records', () => {
  let dir: string;
  let labels: OfflineLabeller;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-signals-'));
    const file = path.join(dir, 'test.mmdb');
    // Public ranges with made-up facts, in a database built for the test (the bundled one is off).
    writeFileSync(
      file,
      buildMmdb([
        { cidr: '81.2.69.0/24', data: { country: { iso_code: 'GB' }, autonomous_system_number: 64500 } },
        { cidr: '81.2.70.0/24', data: { country: { iso_code: 'GB' }, autonomous_system_number: 64501 } },
        { cidr: '91.198.174.0/24', data: { country: { iso_code: 'NL' }, autonomous_system_number: 64502 } },
      ]),
    );
    labels = createLabeller({ ipDatabase: file, shippedCountryDatabase: false });
    assert.deepEqual(labels.warnings, []);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** An owner's week of ordinary reads from one IP, so the investigation spans days. */
  function background(): MiaRecord[] {
    const out: MiaRecord[] = [];
    for (let d = 0; d < 7; d++)
      out.push(
        buildRecord({
          timeMs: T0 + d * 24 * H,
          actor: 'alice@contoso.com',
          sessionId: 's-owner',
          ip: '81.2.69.10',
          appId: OUTLOOK_MOBILE,
          clientAppId: OUTLOOK_MOBILE,
        }),
      );
    return out;
  }

  it('a session seen from several countries or ASNs, with every located record behind it', () => {
    const records = [
      ...background(),
      buildRecord({
        timeMs: T0 + 2 * H,
        sessionId: 's-stolen',
        ip: '81.2.69.20',
        actor: 'alice@contoso.com',
      }),
      buildRecord({
        timeMs: T0 + 3 * H,
        sessionId: 's-stolen',
        ip: '91.198.174.7',
        actor: 'alice@contoso.com',
      }),
      // Microsoft's own front end in the same session is not a client origin.
      buildRecord({
        timeMs: T0 + 4 * H,
        sessionId: 's-stolen',
        ip: '2603:10b6:a03::1',
        actor: 'alice@contoso.com',
      }),
      // Same country, two ASNs: a signal too.
      buildRecord({ timeMs: T0 + 5 * H, sessionId: 's-asn', ip: '81.2.69.30', actor: 'alice@contoso.com' }),
      buildRecord({ timeMs: T0 + 6 * H, sessionId: 's-asn', ip: '81.2.70.30', actor: 'alice@contoso.com' }),
    ];
    const multi = of(computeSignals(records, labels), 'multiOrigin');
    assert.deepEqual(
      multi.map((s) => s.subject),
      ['s-stolen', 's-asn'],
    );
    const [stolen, asn] = multi;
    assert.deepEqual(stolen.records, [7, 8]);
    assert.match(stolen.message, /countries GB, NL/);
    assert.match(stolen.message, /AS 64500, 64502/);
    assert.deepEqual([stolen.startMs, stolen.endMs], [T0 + 2 * H, T0 + 3 * H]);
    assert.equal(stolen.mailboxKey, 'alice@contoso.com');
    assert.doesNotMatch(asn.message, /countries/);
    assert.match(asn.message, /AS 64500, 64501/);
    // The owner's session (one IP) raises nothing.
    assert.ok(!multi.some((s) => s.subject === 's-owner'));
  });

  it('an IP and an app that appear only in a short window of a long investigation', () => {
    const records = [
      ...background(),
      buildRecord({
        timeMs: T0 + 50 * H,
        ip: '91.198.174.9',
        appId: GRAPH,
        clientAppId: EVIL,
        actor: 'alice@contoso.com',
      }),
      buildRecord({
        timeMs: T0 + 51 * H,
        ip: '91.198.174.9',
        appId: GRAPH,
        clientAppId: EVIL,
        actor: 'alice@contoso.com',
      }),
      // The same Microsoft address at one moment only: Microsoft's, not the client's, so no signal.
      buildRecord({ timeMs: T0 + 60 * H, ip: '40.96.0.1', actor: 'alice@contoso.com' }),
    ];
    const short = of(computeSignals(records, labels), 'shortLived');
    assert.deepEqual(
      short.map((s) => s.subject),
      ['91.198.174.9', EVIL],
    );
    for (const s of short) assert.deepEqual(s.records, [7, 8]);
    assert.match(short[0].title, /^IP 91\.198\.174\.9 · NL · AS64502: only /);
    assert.match(short[1].title, /^app unknown app b4f2c9e1-.* \(flagged\): only /);
    // A window longer than the option: nothing.
    assert.equal(of(computeSignals(records, labels, { shortWindowMs: 30 * 60_000 }), 'shortLived').length, 0);
    // An investigation shorter than the minimum span: everything is short, so nothing is said.
    assert.equal(of(computeSignals(records.slice(7), labels), 'shortLived').length, 0);
  });

  it('access by someone other than the owner, external access and cross-tenant tokens', () => {
    const records = [
      buildRecord({ timeMs: T0, actor: 'Alice@Contoso.com', mailboxGuid: 'g-1' }), // the owner, other case
      buildRecord({ timeMs: T0 + H, actor: 'g-1', mailboxGuid: 'G-1' }), // the owner by GUID
      buildRecord({ timeMs: T0 + 2 * H, actor: 'bob@contoso.com', logonType: 2 }),
      buildRecord({ timeMs: T0 + 3 * H, actor: 'bob@contoso.com', logonType: 2 }),
      buildRecord({ timeMs: T0 + 4 * H, actor: EVIL, userType: 5, logonType: 0 }),
      buildRecord({ timeMs: T0 + 5 * H, actor: 'alice@contoso.com', externalAccess: true }),
      buildRecord({ timeMs: T0 + 6 * H, actor: 'alice@contoso.com', externalAccess: false }),
      buildRecord({
        timeMs: T0 + 7 * H,
        actor: 'alice@contoso.com',
        organizationId: 'AAAA-1',
        tokenTenantId: 'bbbb-2',
      }),
      buildRecord({
        timeMs: T0 + 8 * H,
        actor: 'alice@contoso.com',
        organizationId: 'aaaa-1',
        tokenTenantId: 'AAAA-1',
      }),
      buildRecord({ timeMs: T0 + 9 * H, actor: 'alice@contoso.com', organizationId: 'aaaa-1' }),
    ];
    const signals = computeSignals(records, labels);
    const other = of(signals, 'otherActor');
    assert.deepEqual(
      other.map((s) => [s.subject, s.records]),
      [
        ['bob@contoso.com', [2, 3]],
        [EVIL, [4]],
      ],
    );
    assert.match(other[0].message, /LogonType 2/);
    assert.match(other[1].message, /an application: UserType 5/);
    assert.deepEqual(
      of(signals, 'externalAccess').map((s) => s.records),
      [[5]],
    );
    const cross = of(signals, 'crossTenant');
    assert.deepEqual(
      cross.map((s) => [s.subject, s.records]),
      [['bbbb-2', [7]]],
    );
    assert.match(cross[0].message, /tenant bbbb-2, not the mailbox's organisation AAAA-1/);
  });

  it('flagged apps: unknown and abused ones, not Microsoft clients (Graph → ClientAppId)', () => {
    const records = [
      buildRecord({ appId: GRAPH, clientAppId: OUTLOOK_MOBILE }),
      buildRecord({ appId: GRAPH, clientAppId: EVIL, mailbox: 'alice@contoso.com' }),
      buildRecord({ appId: GRAPH, clientAppId: EVIL, mailbox: 'carol@contoso.com' }),
      buildRecord({ appId: 'e9a7fea1-1cc0-4cd9-a31b-9137ca5deedd' }),
    ];
    const flagged = of(computeSignals(records, labels), 'flaggedApp');
    assert.deepEqual(
      flagged.map((s) => [s.subject, s.records, s.mailboxKey]),
      [
        [EVIL, [1, 2], undefined],
        ['e9a7fea1-1cc0-4cd9-a31b-9137ca5deedd', [3], 'alice@contoso.com'],
      ],
    );
    assert.match(flagged[1].message, /eM Client \(third-party, abused\)/);
  });

  it('become mia.signal findings on the first record, with every record behind them', () => {
    const records = [
      buildRecord({ timeMs: T0 + 3 * H, actor: 'bob@contoso.com' }),
      buildRecord({ timeMs: T0 + 1 * H, actor: 'bob@contoso.com' }),
      buildRecord({ timeMs: T0 + 2 * H, actor: 'bob@contoso.com' }),
    ];
    const [f] = computeSignalFindings({ sources: [], records }, labels, { maxRelated: 1 });
    assert.equal(f.code, 'mia.signal');
    assert.equal(f.kind, 'signal');
    assert.equal(f.signal, 'otherActor');
    assert.equal(f.severity, 'information');
    assert.deepEqual(f.records, [1, 2, 0]);
    assert.equal(f.record, 1);
    assert.deepEqual([f.sourceIndex, f.line], [0, records[1].provenance.line]);
    assert.deepEqual(
      f.related.map((r) => r.record),
      [2],
    );
    assert.match(f.message, /3 records behind this signal/);
  });

  it('export strings stay one line in titles and messages', () => {
    const records = [buildRecord({ actor: 'evil\nactor\u2028x' })];
    const [s] = computeSignals(records, labels);
    assert.doesNotMatch(s.title + s.message, /[\n\u2028]/);
  });
});
