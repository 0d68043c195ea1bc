import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedIp } from './ipAddress';
import { PagedFile } from './pagedFile';

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
  /** Closes the file and drops the pages a lookup read (the next lookup opens it again). */
  release(): void;
}

/** File name of the table beside the bundles (dist/), written by esbuild.mjs. */
export const SHIPPED_ASN_TABLE = 'ip-asn.bin';
const MAGIC = 'MIAASN01';
const HEADER_BYTES = 32;

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

/** -1, 0, 1 comparing the 4 words at `word(4i…)` with `q`. */
function cmp128(word: (i: number) => number, i: number, q: Uint32Array): number {
  const b = 4 * i;
  for (let k = 0; k < 4; k++) {
    const a = word(b + k);
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
 * Opens a table file: checks its header and size at once, and searches the ranges where they lie in
 * the file from the first lookup (`PagedFile`: the 11 MB are never held; the file stays open until
 * `release`). Throws an Error naming the file when it is missing, truncated or not a table (at the
 * first lookup too, if the file changed meanwhile).
 */
export function openAsnTable(file: string): AsnTable {
  const { header, source } = readHeaderAndSource(file);
  const { n4, n6, nOrgs } = header;
  let paged: PagedFile | undefined;
  let search: ((ip: ParsedIp) => AsnFacts | undefined) | undefined;
  return {
    path: file,
    ipv4Ranges: n4,
    ipv6Ranges: n6,
    organisations: nOrgs,
    source,
    lookup(ip: ParsedIp): AsnFacts | undefined {
      if (search === undefined) {
        paged = new PagedFile(file, sizeOf(file));
        search = searchTable(paged, header);
      }
      return search(ip);
    },
    release(): void {
      paged?.release();
      paged = search = undefined;
    },
  };
}

/** The size of `file` now; throws naming it when it cannot be read. */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch (e) {
    throw cannotRead(file, e);
  }
}

/**
 * The table's search (the header must still be `header`): binary search over the ranges where they
 * lie in the file, read through `PagedFile` (a lookup reads a few dozen words of it).
 */
function searchTable(file: PagedFile, header: Header): (ip: ParsedIp) => AsnFacts | undefined {
  let head: Buffer;
  try {
    head = file.read(0, HEADER_BYTES);
  } catch (e) {
    throw cannotRead(file.path, e);
  }
  const { n4, n6, nOrgs, nameBytes } = readHeader(file.path, head, file.size);
  if (n4 !== header.n4 || n6 !== header.n6 || nOrgs !== header.nOrgs || nameBytes !== header.nameBytes)
    throw new Error(`${file.path}: the ASN table changed since it was opened`);
  let p = HEADER_BYTES;
  // Where each column starts, and its i-th word read from there.
  const column = (count: number): ((i: number) => number) => {
    const at = p;
    p += 4 * count;
    return (i) => file.read(at + 4 * i, 4).readUInt32LE(0);
  };
  const v4Start = column(n4);
  const v4End = column(n4);
  const v4Org = column(n4);
  const v6Start = column(4 * n6);
  const v6End = column(4 * n6);
  const v6Org = column(n6);
  const orgAsn = column(nOrgs);
  const nameOff = column(nOrgs + 1);
  const namesAt = p;
  const q = new Uint32Array(4);

  const facts = (org: number): AsnFacts => {
    const from = nameOff(org);
    const name = file
      .read(namesAt + from, nameOff(org + 1) - from)
      .toString('utf8')
      .trim();
    return name === '' ? { asn: orgAsn(org) } : { asn: orgAsn(org), asOrganization: name };
  };

  return (ip) => {
    if (ip.version === 4) {
      const v = Number(ip.value & 0xffffffffn);
      const i = lastAtOrBelow(n4, (m) => v4Start(m) <= v);
      return i >= 0 && v <= v4End(i) ? facts(v4Org(i)) : undefined;
    }
    for (let k = 0; k < 4; k++) q[k] = Number((ip.value >> BigInt(96 - 32 * k)) & 0xffffffffn);
    const i = lastAtOrBelow(n6, (m) => cmp128(v6Start, m, q) <= 0);
    return i >= 0 && cmp128(v6End, i, q) >= 0 ? facts(v6Org(i)) : undefined;
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
