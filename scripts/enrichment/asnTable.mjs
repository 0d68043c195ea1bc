// Converts the ASN ranges of the npm package @ip-location-db/asn (asn-ipv4-num.csv and
// asn-ipv6-num.csv: start,end,asn,organisation; data CC BY 4.0 by RouteViews, DB-IP and NRO, see
// NOTICE) into the compact binary range table the labeller reads (src/core/enrich/ips/asnTable.ts).
// Run at build time by esbuild.mjs; cached by input mtime, so a rebuild does not convert again.
//
// Layout (little-endian, every section 4-byte aligned):
//   0  magic "MIAASN01" (8 bytes)
//   8  u32 n4, u32 n6, u32 nOrgs, u32 nameBytes, u32 sourceBytes, u32 reserved
//  32  v4 starts u32[n4], v4 ends u32[n4], v4 org index u32[n4]
//      v6 starts u32[4·n6] (most significant word first), v6 ends u32[4·n6], v6 org index u32[n6]
//      org asn u32[nOrgs], org name offsets u32[nOrgs + 1] (into the names blob)
//      names (UTF-8, nameBytes), source note (UTF-8, sourceBytes)
// Ranges are sorted, disjoint; adjacent rows of the same ASN and name are merged.
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ASN_TABLE_MAGIC = 'MIAASN01';
const HEADER_BYTES = 32;
const self = fileURLToPath(import.meta.url);

/** Splits one CSV line of the package (fields quoted only when they hold a comma or quote). */
function splitLine(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('unclosed quote');
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

async function* rows(file) {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const f = splitLine(line);
    if (f.length < 3) throw new Error(`${file}:${n}: expected start,end,asn,organisation`);
    yield { line: n, start: f[0], end: f[1], asn: Number(f[2]), org: (f[3] ?? '').trim() };
  }
}

const MASK32 = 0xffffffffn;
function words(text, file, line) {
  if (!/^\d+$/.test(text)) throw new Error(`${file}:${line}: not a number: ${text}`);
  const v = BigInt(text);
  return [
    Number((v >> 96n) & MASK32),
    Number((v >> 64n) & MASK32),
    Number((v >> 32n) & MASK32),
    Number(v & MASK32),
  ];
}

function cmpWords(a, b) {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function plusOne(w) {
  const out = [...w];
  for (let i = 3; i >= 0; i--) {
    out[i] = (out[i] + 1) >>> 0;
    if (out[i] !== 0) break;
  }
  return out;
}

/**
 * Reads the two CSV files and returns the table as bytes. `note` is stored in the table (where the
 * data came from, for the report's method section).
 */
export async function convertAsnCsv({ ipv4, ipv6, note = '' }) {
  const orgs = new Map(); // `${asn}\0${name}` → index
  const orgAsn = [];
  const orgName = [];
  const orgOf = (asn, name) => {
    const key = `${asn}\u0000${name}`;
    let i = orgs.get(key);
    if (i === undefined) {
      i = orgAsn.length;
      orgs.set(key, i);
      orgAsn.push(asn);
      orgName.push(name);
    }
    return i;
  };
  const badAsn = (r, file) => {
    if (!Number.isInteger(r.asn) || r.asn < 0 || r.asn > 0xffffffff)
      throw new Error(`${file}:${r.line}: not an AS number`);
  };

  let overlaps = 0;
  const v4 = { s: [], e: [], o: [] };
  for await (const r of rows(ipv4)) {
    badAsn(r, ipv4);
    let s = Number(r.start);
    const e = Number(r.end);
    if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= 0xffffffff && s <= e))
      throw new Error(`${ipv4}:${r.line}: not an IPv4 range: ${r.start},${r.end}`);
    const last = v4.s.length - 1;
    if (last >= 0 && s < v4.s[last]) throw new Error(`${ipv4}:${r.line}: ranges are not sorted`);
    // The published data has the odd overlap: the earlier row keeps the addresses both name.
    if (last >= 0 && s <= v4.e[last]) {
      overlaps++;
      if (e <= v4.e[last]) continue;
      s = v4.e[last] + 1;
    }
    const o = orgOf(r.asn, r.org);
    if (last >= 0 && v4.o[last] === o && v4.e[last] + 1 === s) v4.e[last] = e;
    else {
      v4.s.push(s);
      v4.e.push(e);
      v4.o.push(o);
    }
  }

  const v6 = { s: [], e: [], o: [] };
  for await (const r of rows(ipv6)) {
    badAsn(r, ipv6);
    let s = words(r.start, ipv6, r.line);
    const e = words(r.end, ipv6, r.line);
    if (cmpWords(s, e) > 0) throw new Error(`${ipv6}:${r.line}: start after end`);
    const last = v6.s.length - 1;
    if (last >= 0 && cmpWords(s, v6.s[last]) < 0) throw new Error(`${ipv6}:${r.line}: ranges are not sorted`);
    if (last >= 0 && cmpWords(s, v6.e[last]) <= 0) {
      overlaps++;
      if (cmpWords(e, v6.e[last]) <= 0) continue;
      s = plusOne(v6.e[last]);
    }
    const o = orgOf(r.asn, r.org);
    if (last >= 0 && v6.o[last] === o && cmpWords(plusOne(v6.e[last]), s) === 0) v6.e[last] = e;
    else {
      v6.s.push(s);
      v6.e.push(e);
      v6.o.push(o);
    }
  }

  const names = orgName.map((n) => Buffer.from(n, 'utf8'));
  const nameBytes = names.reduce((n, b) => n + b.length, 0);
  const source = Buffer.from(note, 'utf8');
  const n4 = v4.s.length;
  const n6 = v6.s.length;
  const nOrgs = orgAsn.length;
  const words32 = 3 * n4 + 9 * n6 + nOrgs + nOrgs + 1;
  const out = Buffer.alloc(HEADER_BYTES + 4 * words32 + nameBytes + source.length);
  out.write(ASN_TABLE_MAGIC, 0, 'latin1');
  [n4, n6, nOrgs, nameBytes, source.length, 0].forEach((v, i) => out.writeUInt32LE(v, 8 + 4 * i));
  let p = HEADER_BYTES;
  const put = (v) => {
    out.writeUInt32LE(v >>> 0, p);
    p += 4;
  };
  v4.s.forEach(put);
  v4.e.forEach(put);
  v4.o.forEach(put);
  for (const w of v6.s) w.forEach(put);
  for (const w of v6.e) w.forEach(put);
  v6.o.forEach(put);
  orgAsn.forEach(put);
  let off = 0;
  put(0);
  for (const b of names) {
    off += b.length;
    put(off);
  }
  for (const b of names) {
    b.copy(out, p);
    p += b.length;
  }
  source.copy(out, p);
  return { bytes: out, ipv4Ranges: n4, ipv6Ranges: n6, organisations: nOrgs, overlaps };
}

/** The package's files and version, or undefined when it is not installed. */
export function asnPackage(root) {
  const dir = path.join(root, 'node_modules/@ip-location-db/asn');
  const ipv4 = path.join(dir, 'asn-ipv4-num.csv');
  const ipv6 = path.join(dir, 'asn-ipv6-num.csv');
  if (!existsSync(ipv4) || !existsSync(ipv6)) return undefined;
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  return { ipv4, ipv6, version };
}

/**
 * Writes the table to `out` from the installed package unless `out` is newer than both CSV files
 * and this converter (the cache). Returns what was done, for one line of build output.
 */
export async function ensureAsnTable(root, out) {
  const pkg = asnPackage(root);
  if (!pkg)
    return { built: false, message: 'ASN table: @ip-location-db/asn is not installed; IPs get no ASN' };
  const newest = Math.max(...[pkg.ipv4, pkg.ipv6, self].map((f) => statSync(f).mtimeMs));
  if (existsSync(out) && statSync(out).mtimeMs >= newest)
    return { built: false, message: `ASN table: up to date (${statSync(out).size} bytes)` };
  const started = Date.now();
  const note = `@ip-location-db/asn ${pkg.version} (CC BY 4.0: RouteViews, DB-IP, NRO)`;
  const t = await convertAsnCsv({ ...pkg, note });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, t.bytes);
  return {
    built: true,
    message:
      `ASN table: ${t.ipv4Ranges} IPv4 + ${t.ipv6Ranges} IPv6 ranges, ${t.organisations} organisations, ` +
      `${t.overlaps} overlapping rows clipped, ${t.bytes.length} bytes in ${Date.now() - started} ms`,
  };
}

// `node scripts/enrichment/asnTable.mjs <ipv4.csv> <ipv6.csv> <out>` converts the given files
// (tests use it with small synthetic CSVs).
if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const [ipv4, ipv6, out] = process.argv.slice(2);
  if (!out) {
    console.error('usage: asnTable.mjs <asn-ipv4-num.csv> <asn-ipv6-num.csv> <out.bin>');
    process.exit(2);
  }
  try {
    const t = await convertAsnCsv({ ipv4, ipv6, note: 'test data' });
    writeFileSync(out, t.bytes);
    console.log(`${out}: ${t.bytes.length} bytes`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
