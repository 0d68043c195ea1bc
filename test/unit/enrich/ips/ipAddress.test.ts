import * as assert from 'node:assert/strict';
import { parseCidr, parseIp } from '../../../../src/core/enrich/ips/ipAddress';
import { RangeTable } from '../../../../src/core/enrich/ips/rangeTable';
import { prng } from '../../../support/seededChoice';

const v4 = (s: string): bigint => parseIp(s)!.value;
const v6 = (s: string): bigint => parseIp(s)!.value;

describe('IP addresses and CIDR ranges', () => {
  it('parses IPv4 and IPv6 into one 128-bit space (IPv4 at ::ffff:0:0/96)', () => {
    assert.deepEqual(parseIp('1.2.3.4'), { version: 4, value: (0xffffn << 32n) | 0x01020304n });
    assert.deepEqual(parseIp('::ffff:1.2.3.4'), parseIp('1.2.3.4'));
    assert.deepEqual(parseIp('[2001:db8::1]:443'), { version: 6, value: (0x20010db8n << 96n) | 1n });
    assert.deepEqual(parseIp('1.2.3.4:5678'), parseIp('1.2.3.4'));
    assert.equal(parseIp('2001:DB8::1')!.value, parseIp('2001:db8:0:0:0:0:0:1')!.value);
    assert.equal(parseIp('::')!.value, 0n);
    assert.equal(parseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!.value, (1n << 128n) - 1n);
    assert.equal(parseIp('fe80::1%eth0')!.value, parseIp('fe80::1')!.value);
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.256',
      '1.2.3.4.5',
      '2001:db8::1::2',
      '12345::',
      'g::1',
      'not an ip',
      '1:2:3:4:5:6:7:8:9',
    ])
      assert.equal(parseIp(bad), undefined, bad);
  });

  it('CIDR edges: first and last address are inside, their neighbours outside (IPv4 and IPv6)', () => {
    const r = parseCidr('40.96.0.0/13')!;
    assert.equal(r.start, v4('40.96.0.0'));
    assert.equal(r.end, v4('40.103.255.255'));
    assert.ok(v4('40.95.255.255') < r.start && v4('40.104.0.0') > r.end);
    const host = parseCidr('131.253.33.215/32')!;
    assert.equal(host.start, host.end);
    assert.deepEqual(parseCidr('131.253.33.215'), host);
    const all4 = parseCidr('0.0.0.0/0')!;
    assert.deepEqual([all4.start, all4.end], [v4('0.0.0.0'), v4('255.255.255.255')]);
    // Host bits set in the written network are masked off.
    assert.deepEqual(parseCidr('10.1.2.3/8'), parseCidr('10.0.0.0/8'));
    const r6 = parseCidr('2603:1000::/24')!;
    assert.equal(r6.start, v6('2603:1000::'));
    assert.equal(r6.end, v6('2603:10ff:ffff:ffff:ffff:ffff:ffff:ffff'));
    assert.ok(v6('2603:fff:ffff:ffff:ffff:ffff:ffff:ffff') < r6.start && v6('2603:1100::') > r6.end);
    const h6 = parseCidr('2620:1ec:4::152/128')!;
    assert.equal(h6.start, h6.end);
    assert.deepEqual(parseCidr('::/0'), { start: 0n, end: (1n << 128n) - 1n });
    for (const bad of ['1.2.3.0/33', '2001:db8::/129', '1.2.3.0/-1', '1.2.3.0/a', '1.2.3.0/8/9', 'x/8'])
      assert.equal(parseCidr(bad), undefined, bad);
  });

  it('the range table finds the range of a point by binary search; earlier ranges win where they overlap', () => {
    const entry = (cidr: string, value: string) => ({ ...parseCidr(cidr)!, value });
    const table = new RangeTable([
      entry('2603:1000::/24', 'internal'),
      entry('2603:1006::/40', 'exchange'), // inside the /24: stays internal
      entry('40.96.0.0/13', 'exchange'),
      entry('10.0.0.0/8', 'private'),
      entry('10.1.0.0/16', 'other'), // nested, later: private wins
      entry('10.0.0.0/8', 'duplicate'),
    ]);
    assert.equal(table.lookup(v6('2603:1006::1')), 'internal');
    assert.equal(table.lookup(v6('2603:10ff:ffff:ffff:ffff:ffff:ffff:ffff')), 'internal');
    assert.equal(table.lookup(v6('2603:1100::')), undefined);
    assert.equal(table.lookup(v4('40.96.0.0')), 'exchange');
    assert.equal(table.lookup(v4('40.103.255.255')), 'exchange');
    assert.equal(table.lookup(v4('40.104.0.0')), undefined);
    assert.equal(table.lookup(v4('40.95.255.255')), undefined);
    assert.equal(table.lookup(v4('10.1.2.3')), 'private');
    assert.equal(table.lookup(v4('9.255.255.255')), undefined);
    assert.equal(table.lookup(0n), undefined);
    assert.equal(table.lookup((1n << 128n) - 1n), undefined);
    // Adjacent segments of one value are merged: 10/8 is one segment despite the nested /16.
    assert.equal(table.size, 3);
  });

  it('the range table agrees with a linear scan on random points', () => {
    const cidrs = [
      '1.0.0.0/8',
      '1.2.0.0/16',
      '1.2.3.0/24',
      '8.8.8.8/32',
      '2001:db8::/32',
      '2001:db8:1::/48',
      '::/8',
    ];
    const ranges = cidrs.map((c, i) => ({ ...parseCidr(c)!, value: i }));
    const table = new RangeTable(ranges);
    const next = prng(7);
    const points: bigint[] = [];
    for (const r of ranges) points.push(r.start, r.end, r.start - 1n, r.end + 1n);
    for (let i = 0; i < 500; i++) points.push((0xffffn << 32n) | BigInt(next(2 ** 28)));
    for (const p of points) {
      const expected = ranges.find((r) => r.start <= p && p <= r.end)?.value;
      assert.equal(table.lookup(p), expected, p.toString(16));
    }
  });
});
