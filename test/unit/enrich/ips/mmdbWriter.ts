/**
 * A minimal MaxMind DB (MMDB v2) writer for tests: an IPv6 tree with 24-bit (or 28, 32) records, a data section
 * of maps, strings and unsigned integers, and the metadata map. Enough to build a tiny "user"
 * database in a test and read it back with mmdb-lib (no writer package is installed). IPv4
 * networks sit at `::a.b.c.d/96+n`, where MMDB readers look IPv4 up in an IPv6 tree.
 */
import { parseCidr } from '../../../../src/core/enrich/ips/ipAddress';

type Value = string | number | boolean | Value[] | { [key: string]: Value };

/** One network of the database and the record it points to. */
export interface MmdbNetwork {
  /** `a.b.c.d/n` or `x::/n`. */
  cidr: string;
  data: { [key: string]: Value };
}

function control(type: number, size: number): number[] {
  const head: number[] = [];
  let sizeBits: number;
  const ext: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 285) {
    sizeBits = 29;
    ext.push(size - 29);
  } else {
    sizeBits = 30;
    const s = size - 285;
    ext.push((s >> 8) & 255, s & 255);
  }
  if (type <= 7) head.push((type << 5) | sizeBits);
  else head.push(sizeBits, type - 7);
  return [...head, ...ext];
}

function uintBytes(n: bigint): number[] {
  const out: number[] = [];
  while (n > 0n) {
    out.unshift(Number(n & 255n));
    n >>= 8n;
  }
  return out;
}

function encode(value: Value): number[] {
  if (typeof value === 'string') {
    const bytes = [...Buffer.from(value, 'utf8')];
    return [...control(2, bytes.length), ...bytes];
  }
  if (typeof value === 'boolean') return control(14, value ? 1 : 0);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new Error(`only unsigned integers: ${value}`);
    const bytes = uintBytes(BigInt(value));
    if (value <= 0xffff) return [...control(5, bytes.length), ...bytes];
    if (value <= 0xffffffff) return [...control(6, bytes.length), ...bytes];
    return [...control(9, bytes.length), ...bytes];
  }
  if (Array.isArray(value)) return [...control(11, value.length), ...value.flatMap(encode)];
  const entries = Object.entries(value);
  return [...control(7, entries.length), ...entries.flatMap(([k, v]) => [...encode(k), ...encode(v)])];
}

type Child = { node: number } | { data: number } | undefined;

/** Builds the bytes of an MMDB holding `networks` (later, more specific networks win inside earlier ones). */
export function buildMmdb(
  networks: readonly MmdbNetwork[],
  databaseType = 'MIA-Test',
  recordSize: 24 | 28 | 32 = 24,
): Buffer {
  const data: number[] = [];
  const offsets: number[] = [];
  for (const n of networks) {
    offsets.push(data.length);
    data.push(...encode(n.data));
  }
  const nodes: [Child, Child][] = [[undefined, undefined]];
  networks.forEach((n, i) => {
    const range = parseCidr(n.cidr);
    if (!range) throw new Error(`bad CIDR ${n.cidr}`);
    const v4 = !n.cidr.includes(':');
    // IPv4 sits at ::/96 in an IPv6 MMDB (not at ::ffff:0:0/96, where parseCidr puts it).
    const start = v4 ? range.start & 0xffffffffn : range.start;
    let bits = 0;
    for (let size = range.end - range.start + 1n; size > 1n; size >>= 1n) bits++;
    const prefix = 128 - bits;
    let node = 0;
    for (let depth = 0; depth < prefix; depth++) {
      const bit = Number((start >> BigInt(127 - depth)) & 1n);
      if (depth === prefix - 1) {
        nodes[node][bit] = { data: offsets[i] };
        break;
      }
      const child = nodes[node][bit];
      if (child && 'node' in child) {
        node = child.node;
        continue;
      }
      // Empty, or a less specific network's data: split it into a node inheriting that data.
      nodes.push([child, child]);
      nodes[node][bit] = { node: nodes.length - 1 };
      node = nodes.length - 1;
    }
  });
  const count = nodes.length;
  const record = (c: Child): number => (c === undefined ? count : 'node' in c ? c.node : count + 16 + c.data);
  const tree: number[] = [];
  const low3 = (v: number): number[] => [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  for (const [l, r] of nodes.map(([a, b]) => [record(a), record(b)])) {
    if (recordSize === 24) tree.push(...low3(l), ...low3(r));
    // 28 bits: each record's top four bits share the middle byte (left's high nibble first).
    else if (recordSize === 28)
      tree.push(...low3(l), (((l >>> 24) & 15) << 4) | ((r >>> 24) & 15), ...low3(r));
    else tree.push((l >>> 24) & 255, ...low3(l), (r >>> 24) & 255, ...low3(r));
  }
  const metadata = encode({
    node_count: count,
    record_size: recordSize,
    ip_version: 6,
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_700_000_000,
    description: { en: 'test database built by test/unit/enrich/ips/mmdbWriter.ts' },
  });
  const marker = [0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'ascii')];
  return Buffer.from([...tree, ...Array<number>(16).fill(0), ...data, ...marker, ...metadata]);
}
