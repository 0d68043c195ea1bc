import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedIp } from './ipAddress';

/** What the ASN table says about one address. */
export interface AsnFacts {
  asn: number;
  /** Organisation name as published (may be empty in the data: then undefined). */
  asOrganization?: string;
}

/** The ASN range table built from @ip-location-db/asn (scripts/enrichment/asnTable.mjs). */
export interface AsnTable {
  readonly path: string;
  readonly ipv4Ranges: number;
  readonly ipv6Ranges: number;
  readonly organisations: number;
  /** Where the data came from (package and version), as stored in the table. */
  readonly source: string;
  lookup(ip: ParsedIp): AsnFacts | undefined;
  /** Lets the ranges read by a lookup go (the next lookup reads them again). */
  release(): void;
}

/** File name of the table beside the bundles (dist/), written by esbuild.mjs. */
export const SHIPPED_ASN_TABLE = 'ip-asn.bin';
const MAGIC = 'MIAASN01';
const HEADER_BYTES = 32;

function words(bytes: Buffer, offset: number, count: number): Uint32Array {
  // A view, not a copy: the file is read once and searched in place (no object per range).
  return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, count);
}

/** Last index i with key(i) <= point, or -1. */
function lastAtOrBelow(n: number, atOrBelow: (i: number) => boolean): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrBelow(mid)) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/** -1, 0, 1 comparing the 4 words at `table[4i…]` with `q`. */
function cmp128(table: Uint32Array, i: number, q: Uint32Array): number {
  const b = 4 * i;
  for (let k = 0; k < 4; k++) {
    const a = table[b + k];
    if (a !== q[k]) return a < q[k] ? -1 : 1;
  }
  return 0;
}

interface Header {
  n4: number;
  n6: number;
  nOrgs: number;
  nameBytes: number;
  sourceBytes: number;
}

/** The counts in a table's header; throws naming the file when it is not a table of `size` bytes. */
function readHeader(file: string, head: Buffer, size: number): Header {
  if (size < HEADER_BYTES || head.toString('latin1', 0, 8) !== MAGIC)
    throw new Error(`${file}: not an ASN table (expected the ${MAGIC} header)`);
  const [n4, n6, nOrgs, nameBytes, sourceBytes] = [0, 1, 2, 3, 4].map((i) => head.readUInt32LE(8 + 4 * i));
  const wordCount = 3 * n4 + 9 * n6 + 2 * nOrgs + 1;
  if (size !== HEADER_BYTES + 4 * wordCount + nameBytes + sourceBytes)
    throw new Error(`${file}: the ASN table is truncated or damaged`);
  return { n4, n6, nOrgs, nameBytes, sourceBytes };
}

function cannotRead(file: string, e: unknown): Error {
  return new Error(`${file}: cannot read the ASN table (${(e as Error).message})`);
}

/** The header and the source text, read without the ranges (tens of bytes of an 11 MB file). */
function readHeaderAndSource(file: string): { header: Header; source: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(HEADER_BYTES);
    fs.readSync(fd, head, 0, Math.min(HEADER_BYTES, size), 0);
    const header = readHeader(file, head, size);
    const source = Buffer.alloc(header.sourceBytes);
    fs.readSync(fd, source, 0, source.length, size - source.length);
    return { header, source: source.toString('utf8') };
  } catch (e) {
    if (fd === undefined) throw cannotRead(file, e);
    throw e instanceof Error && e.message.startsWith(file) ? e : cannotRead(file, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Opens a table file: checks its header and size at once, and reads the ranges in one go at the
 * first lookup (a load labels no address before its report: the 11 MB stay out of the process's
 * start and of the load's peak), then searches them by binary search over typed-array views.
 * Throws an Error naming the file when it is missing, truncated or not a table (at the first lookup
 * too, if the file changed meanwhile).
 */
export function openAsnTable(file: string): AsnTable {
  const { header, source } = readHeaderAndSource(file);
  const { n4, n6, nOrgs } = header;
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1)
    throw new Error('the ASN table is little-endian; this machine is not');
  let search: ((ip: ParsedIp) => AsnFacts | undefined) | undefined;
  return {
    path: file,
    ipv4Ranges: n4,
    ipv6Ranges: n6,
    organisations: nOrgs,
    source,
    lookup(ip: ParsedIp): AsnFacts | undefined {
      search ??= searchTable(file, header);
      return search(ip);
    },
    release(): void {
      search = undefined;
    },
  };
}

/** Reads the whole table and returns its search (the header must still be `header`). */
function searchTable(file: string, header: Header): (ip: ParsedIp) => AsnFacts | undefined {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw cannotRead(file, e);
  }
  // Typed-array views need 4-byte alignment; a pooled small Buffer may not have it.
  const bytes = raw.byteOffset % 4 === 0 ? raw : Buffer.from(raw);
  const { n4, n6, nOrgs, nameBytes } = readHeader(file, bytes, bytes.length);
  if (n4 !== header.n4 || n6 !== header.n6 || nOrgs !== header.nOrgs || nameBytes !== header.nameBytes)
    throw new Error(`${file}: the ASN table changed since it was opened`);
  let p = HEADER_BYTES;
  const take = (count: number): Uint32Array => {
    const v = words(bytes, p, count);
    p += 4 * count;
    return v;
  };
  const v4Start = take(n4);
  const v4End = take(n4);
  const v4Org = take(n4);
  const v6Start = take(4 * n6);
  const v6End = take(4 * n6);
  const v6Org = take(n6);
  const orgAsn = take(nOrgs);
  const nameOff = take(nOrgs + 1);
  const namesAt = p;
  const q = new Uint32Array(4);

  const facts = (org: number): AsnFacts => {
    const name = bytes.toString('utf8', namesAt + nameOff[org], namesAt + nameOff[org + 1]).trim();
    return name === '' ? { asn: orgAsn[org] } : { asn: orgAsn[org], asOrganization: name };
  };

  return (ip) => {
    if (ip.version === 4) {
      const v = Number(ip.value & 0xffffffffn);
      const i = lastAtOrBelow(n4, (m) => v4Start[m] <= v);
      return i >= 0 && v <= v4End[i] ? facts(v4Org[i]) : undefined;
    }
    for (let k = 0; k < 4; k++) q[k] = Number((ip.value >> BigInt(96 - 32 * k)) & 0xffffffffn);
    const i = lastAtOrBelow(n6, (m) => cmp128(v6Start, m, q) <= 0);
    return i >= 0 && cmp128(v6End, i, q) >= 0 ? facts(v6Org[i]) : undefined;
  };
}

/**
 * Where the shipped ASN table is: beside the bundle (dist/, written by esbuild.mjs) or, from
 * compiled tests and sources, in the build cache `.cache/enrichment/` of the repository. Undefined
 * when neither exists (the build has not run).
 */
export function shippedAsnTablePath(baseDir: string = __dirname): string | undefined {
  const beside = path.join(baseDir, SHIPPED_ASN_TABLE);
  if (fs.existsSync(beside)) return beside;
  // out/src/core/enrich/ips → repository root.
  for (const up of ['../../../../..', '../../../..']) {
    const cached = path.resolve(baseDir, up, '.cache/enrichment', SHIPPED_ASN_TABLE);
    if (fs.existsSync(cached)) return cached;
  }
  return undefined;
}
