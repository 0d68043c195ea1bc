import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Reader } from 'mmdb-lib';
import {
  geoFactsOf,
  openGeoDatabase,
  shippedCountryDatabasePath,
} from '../../../../src/core/enrich/ips/geoDatabase';
import { IpLabeller } from '../../../../src/core/enrich/ips/ipLabeller';
import { endpointsVersion } from '../../../../src/core/enrich/ips/microsoftRanges';
import { createLabeller } from '../../../../src/core/enrich/labels/offlineLabeller';
import { ipLabelText } from '../../../../src/core/enrich/labels/labelText';
import { buildMmdb } from './mmdbWriter';
import { ensureShippedAsnTable } from './shippedAsn';

describe('IP labels', () => {
  const shippedPath = shippedCountryDatabasePath();
  let dir: string;
  before(function () {
    this.timeout(60_000);
    dir = mkdtempSync(path.join(tmpdir(), 'mia-ips-'));
    ensureShippedAsnTable();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the bundled country database', () => {
    assert.ok(shippedPath, 'geo-whois-asn-country.mmdb');
    assert.equal(openGeoDatabase(shippedPath).lookup('8.8.8.8').country, 'US');
  });

  it('Microsoft internal IPv6 (2603:1000::/24) never gets a country, though the database has one', () => {
    // The REST/Graph address the generator plants (spec §2 shape): the raw database says US.
    const ip = '2603:10b6:a03:3a4::9';
    const raw = new Reader<Record<string, unknown>>(readFileSync(shippedPath!)).get(ip);
    assert.equal(raw?.country_code, 'US', 'the database would geolocate it');
    const labels = createLabeller();
    const l = labels.ip(ip);
    assert.equal(l?.kind, 'microsoft-internal');
    assert.equal(l?.country, undefined);
    assert.equal(l?.asn, undefined);
    assert.equal(ipLabelText(l), '2603:10b6:a03:3a4::9 · Microsoft internal');
    // Inside the /24 but also a published Exchange range: internal comes first.
    assert.equal(labels.ip('2603:1006::1')?.kind, 'microsoft-internal');
    // Both edges of the /24, and just outside it.
    assert.equal(labels.ip('2603:1000::')?.kind, 'microsoft-internal');
    assert.equal(labels.ip('2603:10ff:ffff:ffff:ffff:ffff:ffff:ffff')?.kind, 'microsoft-internal');
    assert.notEqual(labels.ip('2603:1100::1')?.kind, 'microsoft-internal');
  });

  it('labels the published Exchange Online / Microsoft 365 ranges, without a country', () => {
    const labels = createLabeller();
    assert.ok(endpointsVersion.version.length > 0);
    for (const ip of ['40.96.0.0', '40.103.255.255', '52.96.12.34', '2620:1ec:4::152', '2a01:111:f400::1']) {
      const l = labels.ip(ip);
      assert.equal(l?.kind, 'microsoft-service', ip);
      assert.equal(l?.service, 'Exchange Online', ip);
      assert.equal(l?.country, undefined, ip);
    }
    assert.equal(labels.ip('13.107.136.9')?.service, 'SharePoint Online and OneDrive for Business');
    // 40.104.0.0/15 is Exchange too; 40.106.0.1 is outside every published range.
    assert.equal(labels.ip('40.105.255.255')?.kind, 'microsoft-service');
    assert.equal(labels.ip('40.106.0.1')?.kind, 'public');
    assert.equal(ipLabelText(labels.ip('40.96.1.1')), '40.96.1.1 · Microsoft 365 (Exchange Online)');
  });

  it('private, loopback, link-local and documentation addresses are never geolocated', () => {
    const labels = createLabeller();
    const cases: [string, RegExp][] = [
      ['10.0.0.1', /RFC 1918/],
      ['172.31.255.255', /RFC 1918/],
      ['192.168.1.1', /RFC 1918/],
      ['127.0.0.1', /loopback/],
      ['::1', /loopback/],
      ['169.254.1.1', /link-local/],
      ['fe80::1', /link-local/],
      ['fd12::1', /unique local/],
      ['192.0.2.147', /documentation/],
      ['2001:db8::1', /documentation/], // the bundled database says JP for this one
    ];
    for (const [ip, what] of cases) {
      const l = labels.ip(ip);
      assert.equal(l?.kind, 'private', ip);
      assert.match(l?.service ?? '', what, ip);
      assert.equal(l?.country, undefined, ip);
    }
    assert.equal(labels.ip('172.32.0.1')?.kind, 'public');
    assert.equal(labels.ip('not-an-ip')?.kind, 'invalid');
    assert.equal(labels.ip(undefined), undefined);
  });

  it('public addresses get the bundled country (stable public addresses)', () => {
    const labels = createLabeller({ shippedAsnTable: false });
    assert.deepEqual(labels.ip('8.8.8.8'), { ip: '8.8.8.8', kind: 'public', country: 'US' });
    assert.equal(labels.ip('193.0.6.139')?.country, 'NL'); // RIPE NCC, Amsterdam
    assert.equal(labels.ip('::ffff:8.8.8.8')?.country, 'US');
    assert.equal(ipLabelText(labels.ip('8.8.8.8')), '8.8.8.8 · US');
  });

  it("reads ASN and country from a user MMDB (GeoLite2 and ipinfo shapes), the user's country first", () => {
    const file = path.join(dir, 'user.mmdb');
    writeFileSync(
      file,
      buildMmdb(
        [
          {
            cidr: '8.8.8.0/24',
            data: { autonomous_system_number: 64500, autonomous_system_organization: 'Example Net' },
          },
          {
            cidr: '81.2.69.0/24',
            data: { country: { iso_code: 'SE' }, registered_country: { iso_code: 'GB' } },
          },
          { cidr: '2a02:1234::/32', data: { asn: 'AS64501', as_name: 'Example Six', country_code: 'fr' } },
          // Documentation space in the user's database: still never geolocated.
          { cidr: '192.0.2.0/24', data: { country_code: 'DE', autonomous_system_number: 1 } },
          // A Microsoft internal address in the user's database: still never geolocated.
          { cidr: '2603:10b6::/32', data: { country_code: 'DE', autonomous_system_number: 8075 } },
        ],
        'GeoLite2-ASN',
      ),
    );
    const labels = createLabeller({ ipDatabase: file });
    assert.deepEqual(labels.warnings, []);
    assert.deepEqual(
      labels.databases.map((d) => d.path),
      [file, shippedPath],
    );
    assert.equal(labels.databases[0].type, 'GeoLite2-ASN');
    // ASN from the user database, country from the bundled one.
    assert.deepEqual(labels.ip('8.8.8.8'), {
      ip: '8.8.8.8',
      kind: 'public',
      asn: 64500,
      asOrganization: 'Example Net',
      country: 'US',
    });
    assert.equal(ipLabelText(labels.ip('8.8.8.8')), '8.8.8.8 · US · AS64500 Example Net');
    // The user's country wins over the bundled one (81.2.69.142 is GB there).
    assert.equal(openGeoDatabase(shippedPath!).lookup('81.2.69.142').country, 'GB');
    assert.equal(labels.ip('81.2.69.142')?.country, 'SE');
    const six = labels.ip('2a02:1234::5');
    assert.deepEqual([six?.asn, six?.asOrganization, six?.country], [64501, 'Example Six', 'FR']);
    assert.equal(labels.ip('192.0.2.5')?.country, undefined);
    assert.equal(labels.ip('2603:10b6::1')?.asn, undefined);
    // Addresses the user database lacks get ASN from the shipped table, country from the bundled DB.
    assert.deepEqual(labels.ip('9.9.9.9'), {
      ip: '9.9.9.9',
      kind: 'public',
      asn: 19281,
      asOrganization: 'Quad9',
      country: 'US',
    });
    // Only the user database: addresses it lacks get nothing.
    const alone = createLabeller({ ipDatabase: file, shippedCountryDatabase: false, shippedAsnTable: false });
    assert.deepEqual(alone.ip('9.9.9.9'), { ip: '9.9.9.9', kind: 'public' });
  });

  it('opens a database at its first lookup, not when opened; release lets it go until the next', () => {
    const file = path.join(dir, 'moving.mmdb');
    const bytes = readFileSync(shippedPath!);
    writeFileSync(file, bytes);
    const db = openGeoDatabase(file);
    assert.equal(db.type, new Reader(bytes).metadata.databaseType, 'the metadata is read when opened');
    // Gone before the first lookup: nothing of it was held, so there are no facts (and no throw).
    rmSync(file);
    assert.deepEqual(db.lookup('8.8.8.8'), {});
    db.release();
    writeFileSync(file, bytes);
    assert.equal(db.lookup('8.8.8.8').country, 'US');
    // Open since that lookup: later lookups read it though its name is gone...
    rmSync(file);
    assert.equal(db.lookup('81.2.69.142').country, 'GB');
    // ...until released: the next lookup opens it again.
    db.release();
    assert.deepEqual(db.lookup('81.2.69.142'), {});
    writeFileSync(file, bytes);
    assert.equal(db.lookup('81.2.69.142').country, 'GB');
  });

  it('the labeller’s release lets its databases go; the labels made stay', () => {
    const file = path.join(dir, 'user-copy.mmdb');
    writeFileSync(file, readFileSync(shippedPath!));
    const labels = createLabeller({
      ipDatabase: file,
      shippedCountryDatabase: false,
      shippedAsnTable: false,
    });
    assert.equal(labels.ip('8.8.8.8')?.country, 'US');
    rmSync(file);
    assert.equal(labels.ip('81.2.69.142')?.country, 'GB', 'held since the first lookup');
    labels.release();
    assert.equal(labels.ip('9.9.9.9')?.country, undefined, 'released: read again, and the file is gone');
    assert.equal(labels.ip('8.8.8.8')?.country, 'US', 'a label made before is kept');
    // The shipped ASN table too: released, then read again by the next new address.
    const shipped = createLabeller();
    assert.equal(shipped.ip('8.8.8.8')?.asn, 15169);
    shipped.release();
    assert.deepEqual(shipped.ip('9.9.9.9'), createLabeller().ip('9.9.9.9'));
  });

  it('a missing or broken user database is reported, and labelling goes on with the bundled one', () => {
    const broken = path.join(dir, 'broken.mmdb');
    writeFileSync(broken, 'not a database');
    for (const file of [broken, path.join(dir, 'missing.mmdb')]) {
      const labels = createLabeller({ ipDatabase: file });
      assert.equal(labels.warnings.length, 1);
      assert.ok(labels.warnings[0].startsWith(file), labels.warnings[0]);
      assert.equal(labels.ip('8.8.8.8')?.country, 'US');
    }
  });

  it('reads every field shape it documents', () => {
    assert.deepEqual(
      geoFactsOf({ traits: { autonomous_system_number: 3, autonomous_system_organization: 'T' } }),
      {
        asn: 3,
        asOrganization: 'T',
      },
    );
    assert.deepEqual(geoFactsOf({ registered_country: { iso_code: 'it' } }), { country: 'IT' });
    assert.deepEqual(geoFactsOf({ asn: 'as15169', country: 'US' }), { asn: 15169, country: 'US' });
    assert.deepEqual(geoFactsOf({ country: 'United States', asn: 'x' }), {});
    assert.deepEqual(geoFactsOf(null), {});
  });

  it('caches: one database lookup per distinct address', () => {
    let calls = 0;
    const labeller = new IpLabeller({
      user: [
        {
          path: 'fake',
          type: 'fake',
          lookup: () => {
            calls++;
            return { country: 'NL' };
          },
          release: () => undefined,
        },
      ],
    });
    for (let i = 0; i < 5; i++) assert.equal(labeller.label('9.9.9.9')?.country, 'NL');
    labeller.label('1.1.1.1');
    assert.equal(calls, 2);
  });
});
