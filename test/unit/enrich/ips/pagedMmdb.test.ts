import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Reader } from 'mmdb-lib';
import { openAsnTable, shippedAsnTablePath } from '../../../../src/core/enrich/ips/asnTable';
import { openGeoDatabase, shippedCountryDatabasePath } from '../../../../src/core/enrich/ips/geoDatabase';
import { parseIp } from '../../../../src/core/enrich/ips/ipAddress';
import { PagedFile } from '../../../../src/core/enrich/ips/pagedFile';
import { pagedMmdb } from '../../../../src/core/enrich/ips/pagedMmdb';
import { prng } from '../../../support/seededChoice';
import { buildMmdb, type MmdbNetwork } from './mmdbWriter';
import { ensureShippedAsnTable } from './shippedAsn';

/** Random IPv4 and IPv6 addresses (IPv6 mostly in allocated space: 2000::/4). */
function addresses(n: number, seed: number): string[] {
  const next = prng(seed);
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 2
      ? ['2', ...Array.from({ length: 7 }, () => next(0x10000).toString(16))]
          .join(':')
          .replace(/^2:/, '2a0' + next(10) + ':')
      : Array.from({ length: 4 }, () => next(256)).join('.'),
  );
}

/** Bytes read through `fs.readSync` (and files read whole) while `run` runs. */
function counted(run: () => void): { bytes: number; wholeFiles: string[] } {
  const seen = { bytes: 0, wholeFiles: [] as string[] };
  // The module object itself (not a namespace copy): the code under test reads its functions from it.
  const mutable = createRequire(__filename)('node:fs') as {
    -readonly [K in keyof typeof fs]: (typeof fs)[K];
  };
  const { readSync, readFileSync } = mutable;
  mutable.readSync = (fd: number, buffer: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    const n = (readSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
    seen.bytes += n;
    return n;
  };
  mutable.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    seen.wholeFiles.push(String(file));
    return (readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  try {
    run();
  } finally {
    mutable.readSync = readSync;
    mutable.readFileSync = readFileSync;
  }
  return seen;
}

describe('IP databases searched in place (paged reads)', function () {
  // Each test reads a shipped database from disk (~40 ms): a generous bound, so that a stall of this
  // shared machine (page cache dropped, the file read again) is not taken for a failure.
  this.timeout(20_000);
  let dir: string;
  before(function () {
    this.timeout(60_000);
    dir = fs.mkdtempSync(path.join(tmpdir(), 'mia-paged-'));
    ensureShippedAsnTable();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a paged file gives the bytes at any offset and length, across pages and at the end', () => {
    const bytes = Buffer.from(Array.from({ length: 3 * 4096 + 123 }, (_, i) => (i * 7 + (i >> 8)) & 255));
    const file = path.join(dir, 'bytes.bin');
    fs.writeFileSync(file, bytes);
    const paged = new PagedFile(file, bytes.length);
    const next = prng(3);
    for (let k = 0; k < 500; k++) {
      const offset = next(bytes.length + 10);
      const length = next(k % 10 === 0 ? 9000 : 40);
      assert.deepEqual(
        paged.read(offset, length),
        bytes.subarray(offset, offset + length),
        `${offset}+${length}`,
      );
    }
    paged.release();
    assert.deepEqual(paged.read(4090, 12), bytes.subarray(4090, 4102), 'read again after release');
    paged.release();
  });

  it('the bundled country database: every answer is mmdb-lib’s, reading a few pages, never the whole file', () => {
    const file = shippedCountryDatabasePath();
    assert.ok(file);
    const whole = new Reader<Record<string, unknown>>(fs.readFileSync(file));
    const list = ['8.8.8.8', '81.2.69.142', '1.1.1.1', '::1', '2001:4860:4860::8888', ...addresses(600, 1)];
    let paged: ReturnType<typeof pagedMmdb> | undefined;
    const io = counted(() => {
      paged = pagedMmdb(file, whole.metadata, fs.statSync(file).size);
      for (const a of list) assert.deepEqual(paged.get(a), whole.get(a), a);
      // The database the labeller opens reads it so too.
      const db = openGeoDatabase(file);
      assert.equal(db.lookup('81.2.69.142').country, 'GB');
      db.release();
    });
    const known = list.filter((a) => whole.get(a) !== null).length;
    assert.ok(known > 150, `${known} addresses have a country`);
    assert.deepEqual(io.wholeFiles, []);
    const size = fs.statSync(file).size;
    // 600 addresses read at most the 1 MiB the page cache keeps plus the pages dropped again.
    assert.ok(io.bytes < size / 2, `${io.bytes} bytes read of ${size}`);
    paged!.release();
  });

  for (const recordSize of [24, 28, 32] as const) {
    it(`a user database with ${recordSize}-bit records: the same answers as mmdb-lib’s reader`, () => {
      const networks: MmdbNetwork[] = [
        {
          cidr: '8.8.8.0/24',
          data: { autonomous_system_number: 64500, autonomous_system_organization: 'Net' },
        },
        { cidr: '81.2.0.0/16', data: { country: { iso_code: 'GB' } } },
        { cidr: '81.2.69.0/24', data: { country: { iso_code: 'SE' } } },
        { cidr: '2a02:1234::/32', data: { asn: 'AS64501', country_code: 'fr' } },
        { cidr: '10.0.0.0/8', data: { country_code: 'DE' } },
      ];
      const bytes = buildMmdb(networks, 'GeoLite2-ASN', recordSize);
      const file = path.join(dir, `user-${recordSize}.mmdb`);
      fs.writeFileSync(file, bytes);
      const whole = new Reader<Record<string, unknown>>(bytes);
      assert.equal(whole.metadata.recordSize, recordSize);
      const paged = pagedMmdb(file, whole.metadata, bytes.length);
      const list = [
        '8.8.8.1',
        '8.8.9.1',
        '81.2.1.1',
        '81.2.69.142',
        '2a02:1234::5',
        '2a02:1235::5',
        '10.9.9.9',
      ];
      for (const a of [...list, ...addresses(200, recordSize)])
        assert.deepEqual(paged.get(a), whole.get(a), a);
      assert.deepEqual(paged.get('81.2.69.142'), { country: { iso_code: 'SE' } });
      assert.equal(paged.get('8.8.9.1'), null);
      paged.release();
      // Through the database the labeller opens: the same facts.
      assert.deepEqual(openGeoDatabase(file).lookup('81.2.69.142'), { country: 'SE' });
    });
  }

  it('the shipped ASN table is searched in place: a lookup reads a few pages, never the whole file', () => {
    const file = shippedAsnTablePath();
    assert.ok(file);
    const table = openAsnTable(file);
    const list = addresses(300, 7).map((a) => parseIp(a)!);
    const found: unknown[] = [];
    const io = counted(() => {
      for (const ip of list) found.push(table.lookup(ip));
    });
    assert.ok(found.filter((f) => f !== undefined).length > 100, 'most public addresses have an ASN');
    assert.deepEqual(io.wholeFiles, []);
    const size = fs.statSync(file).size;
    // A binary search over the table's pages: about a dozen pages a lookup, the first levels kept.
    const perLookup = io.bytes / list.length;
    assert.ok(perLookup <= 16 * 4096, `${perLookup} bytes read a lookup`);
    assert.ok(io.bytes < size / 2, `${io.bytes} bytes read of ${size}`);
    table.release();
  });
});
