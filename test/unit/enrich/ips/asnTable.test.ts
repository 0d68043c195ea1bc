import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openAsnTable, shippedAsnTablePath } from '../../../../src/core/enrich/ips/asnTable';
import { parseIp } from '../../../../src/core/enrich/ips/ipAddress';
import { createLabeller } from '../../../../src/core/enrich/labels/offlineLabeller';
import { fixturePath, repoRoot } from '../../../support/paths';
import { ensureShippedAsnTable } from './shippedAsn';

const converter = path.join(repoRoot, 'scripts', 'enrichment', 'asnTable.mjs');

function convert(ipv4: string, ipv6: string, out: string): void {
  execFileSync(process.execPath, [converter, ipv4, ipv6, out], { stdio: 'pipe' });
}

describe('ASN table (@ip-location-db/asn converted at build time)', () => {
  let dir: string;
  let table: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-asn-'));
    table = path.join(dir, 'asn.bin');
    convert(
      fixturePath('enrichment', 'asn-ipv4-num.csv'),
      fixturePath('enrichment', 'asn-ipv6-num.csv'),
      table,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const at = (ip: string) => {
    const p = parseIp(ip);
    assert.ok(p, ip);
    return openAsnTable(table).lookup(p);
  };

  it('converts the CSV ranges and finds them by binary search, edges and gaps included', () => {
    const t = openAsnTable(table);
    // The two adjacent rows of AS64500 are merged into one range.
    assert.deepEqual([t.ipv4Ranges, t.ipv6Ranges, t.organisations], [4, 3, 7]);
    assert.deepEqual(at('1.0.0.0'), { asn: 64500, asOrganization: 'Example, Inc.' });
    assert.deepEqual(at('1.0.1.255'), { asn: 64500, asOrganization: 'Example, Inc.' });
    assert.equal(at('1.0.2.0'), undefined, 'a gap between ranges');
    assert.equal(at('0.255.255.255'), undefined, 'before the first range');
    assert.deepEqual(at('1.0.4.0'), { asn: 64501, asOrganization: 'Second Net' });
    // The overlapping row is clipped: the earlier row keeps 1.0.7.200.
    assert.equal(at('1.0.7.200')?.asn, 64501);
    assert.deepEqual(at('1.0.8.0'), { asn: 64502, asOrganization: 'Clipped Row' });
    assert.equal(at('1.0.8.37'), undefined);
    // The last IPv4 address, and an empty organisation name.
    assert.deepEqual(at('255.255.255.255'), { asn: 64503 });
    assert.deepEqual(at('::ffff:1.0.0.7'), { asn: 64500, asOrganization: 'Example, Inc.' });
  });

  it('IPv6 ranges compare all 128 bits', () => {
    assert.deepEqual(at('2001:db8::'), { asn: 64510, asOrganization: 'Six "Quoted" Net' });
    assert.equal(at('2001:db8:0:ffff:ffff:ffff:ffff:ffff')?.asn, 64510);
    assert.equal(at('2001:db8:1::')?.asn, 64511);
    assert.equal(at('2001:db8:1:ffff:ffff:ffff:ffff:ffff')?.asn, 64511);
    assert.equal(at('2001:db8:2::'), undefined);
    assert.equal(at('2001:db7:ffff:ffff:ffff:ffff:ffff:ffff'), undefined);
    assert.equal(at('ffff:ffff:ffff:ffff::1')?.asn, 64512);
    assert.equal(at('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.asn, 64512);
    assert.equal(at('ffff:ffff:ffff:fffe:ffff:ffff:ffff:ffff'), undefined);
  });

  it('refuses a damaged table and bad input, naming the file and line', () => {
    const bytes = readFileSync(table);
    const cut = path.join(dir, 'cut.bin');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    assert.throws(
      () => openAsnTable(cut),
      (e: Error) => e.message.startsWith(cut) && /truncated/.test(e.message),
    );
    const other = path.join(dir, 'other.bin');
    writeFileSync(other, Buffer.alloc(64));
    assert.throws(() => openAsnTable(other), /not an ASN table/);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, '16777216,16777471,64500,A\n1,2,x,B\n');
    assert.throws(
      () => convert(bad, fixturePath('enrichment', 'asn-ipv6-num.csv'), path.join(dir, 'x.bin')),
      (e: Error & { stderr?: Buffer }) => /bad\.csv:2: not an AS number/.test(String(e.stderr)),
    );
  });

  it('opens the ranges at the first lookup, once: a table damaged before it is refused then, naming the file', () => {
    const bytes = readFileSync(table);
    const later = path.join(dir, 'later.bin');
    writeFileSync(later, bytes);
    const damaged = openAsnTable(later);
    writeFileSync(later, bytes.subarray(0, bytes.length - 3));
    assert.throws(
      () => damaged.lookup(parseIp('1.0.0.1')!),
      (e: Error) => e.message.startsWith(later) && /truncated/.test(e.message),
    );
    writeFileSync(later, bytes);
    const read = openAsnTable(later);
    const first = read.lookup(parseIp('1.0.0.1')!);
    assert.equal(first?.asn, 64500);
    rmSync(later);
    assert.deepEqual(read.lookup(parseIp('1.0.0.1')!), first, 'the file stays open once read');
    assert.equal(read.lookup(parseIp('2001:db8:1::5')!)?.asn, 64511);
    // Released: the next lookup reads the file again (gone now: refused, naming it).
    read.release();
    assert.throws(
      () => read.lookup(parseIp('1.0.0.1')!),
      (e: Error) => e.message.startsWith(later),
    );
    writeFileSync(later, bytes);
    assert.deepEqual(read.lookup(parseIp('1.0.0.1')!), first);
  });

  describe('the shipped table', () => {
    before(function () {
      this.timeout(60_000);
      ensureShippedAsnTable();
    });

    it('is found and opens fast: its header and source only', () => {
      const file = shippedAsnTablePath();
      assert.ok(file);
      const started = process.hrtime.bigint();
      const t = openAsnTable(file);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(t.ipv4Ranges > 100_000 && t.ipv6Ranges > 10_000, `${t.ipv4Ranges} / ${t.ipv6Ranges}`);
      assert.match(t.source, /@ip-location-db\/asn .*CC BY 4\.0/);
      // Measured about 45 ms on the shared machine; the bound leaves room for a busy one.
      assert.ok(ms < 1000, `loaded in ${ms} ms`);
    });

    it('labels public addresses with ASN, organisation and country; a user MMDB still wins (ipLabeller tests)', () => {
      const labels = createLabeller();
      assert.deepEqual(labels.warnings, []);
      assert.deepEqual(labels.ip('8.8.8.8'), {
        ip: '8.8.8.8',
        kind: 'public',
        asn: 15169,
        asOrganization: 'Google LLC',
        country: 'US',
      });
      assert.equal(labels.ip('2001:4860::8888')?.asn, 15169);
      // Without the table (as before the build step), no ASN.
      assert.equal(createLabeller({ shippedAsnTable: false }).ip('8.8.8.8')?.asn, undefined);
    });

    it('AS8075 addresses are a Microsoft network, not an Exchange Online service range', () => {
      const labels = createLabeller();
      const azure = labels.ip('20.33.0.1');
      assert.equal(azure?.kind, 'public');
      assert.equal(azure?.asn, 8075);
      assert.equal(azure?.owner, 'microsoft');
      assert.equal(azure?.service, undefined);
      assert.equal(labels.ip('8.8.8.8')?.owner, undefined);
      // A published Exchange range stays a service range, without ASN or country.
      assert.deepEqual(labels.ip('40.96.1.1'), {
        ip: '40.96.1.1',
        kind: 'microsoft-service',
        service: 'Exchange Online',
      });
    });

    it('never gives Microsoft internal, private or documentation addresses an ASN', () => {
      const labels = createLabeller();
      // The table itself has 2603:1000::/24 in AS8075: the labeller must not use it.
      assert.equal(openAsnTable(shippedAsnTablePath()!).lookup(parseIp('2603:1000::1')!)?.asn, 8075);
      for (const ip of [
        '2603:1000::1',
        '2603:10b6:a03:3a4::9',
        '10.1.2.3',
        '192.0.2.5',
        '2001:db8::1',
        '::1',
      ]) {
        const l = labels.ip(ip);
        assert.equal(l?.asn, undefined, ip);
        assert.equal(l?.asOrganization, undefined, ip);
        assert.equal(l?.country, undefined, ip);
        assert.equal(l?.owner, undefined, ip);
      }
    });
  });
});
