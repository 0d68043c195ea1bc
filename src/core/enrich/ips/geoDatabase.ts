import * as fs from 'node:fs';
import * as path from 'node:path';
import { Reader } from 'mmdb-lib';
import { parseMetadata, type Metadata } from 'mmdb-lib/lib/metadata';
import { pagedMmdb } from './pagedMmdb';

/** What an offline database says about one address. */
export interface GeoFacts {
  asn?: number;
  asOrganization?: string;
  country?: string;
}

/** An offline IP database (MMDB), read from its first lookup on. */
export interface GeoDatabase {
  /** The file it was read from. */
  readonly path: string;
  /** `database_type` of the MMDB metadata (`GeoLite2-ASN`, `country`, …). */
  readonly type: string;
  lookup(ip: string): GeoFacts;
  /** Lets the file and what was read of it go (the next lookup opens it again): the caller has labelled what it needed. */
  release(): void;
}

/** An MMDB's metadata lies in its last 128 KiB (the format's rule). */
const METADATA_BYTES = 128 * 1024;
/**
 * A database whose data section (with the metadata after it) is at most this size is searched in
 * place (`pagedMmdb`); a larger one is read whole.
 */
const MAX_PAGED_DATA_BYTES = 1 << 20;

/** File name of the bundled country database (CC BY 4.0 data by NRO; see NOTICE). */
export const SHIPPED_COUNTRY_DB = 'geo-whois-asn-country.mmdb';
const SHIPPED_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function asnOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(value.trim());
    if (m) return Number(m[1]);
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function countryOf(value: unknown): string | undefined {
  const c = text(value);
  return c !== undefined && /^[A-Za-z]{2}$/.test(c) ? c.toUpperCase() : undefined;
}

/**
 * Reads the fields of the record shapes in use: MaxMind GeoLite2/GeoIP2 ASN, Country and City
 * (`autonomous_system_number`, `autonomous_system_organization`, `country.iso_code`,
 * `registered_country.iso_code`, `traits.*`), ip-location-db (`country_code`) and ipinfo
 * (`asn` as `AS15169`, `as_name`, `country` or `country_code` as a code).
 */
export function geoFactsOf(value: unknown): GeoFacts {
  const r = record(value);
  if (!r) return {};
  const traits = record(r.traits);
  const country =
    countryOf(record(r.country)?.iso_code) ??
    countryOf(r.country_code) ??
    countryOf(r.country) ??
    countryOf(record(r.registered_country)?.iso_code);
  const asn = asnOf(r.autonomous_system_number) ?? asnOf(traits?.autonomous_system_number) ?? asnOf(r.asn);
  const asOrganization =
    text(r.autonomous_system_organization) ??
    text(traits?.autonomous_system_organization) ??
    text(r.as_name) ??
    text(r.as_org);
  const out: GeoFacts = {};
  if (asn !== undefined) out.asn = asn;
  if (asOrganization !== undefined) out.asOrganization = asOrganization;
  if (country !== undefined) out.country = country;
  return out;
}

/** The last `n` bytes of `file`, and its size. */
function tailOf(file: string, n: number): { tail: Buffer; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(n, size));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    return { tail, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** A database's lookup: the record of an address, or null. */
interface Finder {
  get(ip: string): unknown;
  release(): void;
}

/**
 * Opens an MMDB file: its metadata now; from the first lookup, its search tree where it lies in the
 * file (`pagedMmdb`: the bundled country database's 7.8 MB tree is never held) or, for a database
 * with a large data section (a city database), its whole bytes. A process that labels no address
 * never reads more than the metadata. Throws an Error naming the file when it cannot be read or is
 * not an MMDB (the caller reports it; labelling goes on without that database). A file that can no
 * longer be read at the first lookup gives no facts.
 */
export function openGeoDatabase(file: string): GeoDatabase {
  let opened: { tail: Buffer; size: number };
  try {
    opened = tailOf(file, METADATA_BYTES);
  } catch (e) {
    throw new Error(`${file}: cannot read the IP database (${(e as Error).message})`);
  }
  let metadata: Metadata;
  try {
    metadata = parseMetadata(opened.tail);
  } catch (e) {
    throw new Error(`${file}: not a MaxMind DB (.mmdb) file (${(e as Error).message})`);
  }
  let finder: Finder | null | undefined;
  const open = (): Finder | null => {
    try {
      const size = fs.statSync(file).size;
      if (size - metadata.searchTreeSize <= MAX_PAGED_DATA_BYTES) return pagedMmdb(file, metadata, size);
      const reader = new Reader<Record<string, unknown>>(fs.readFileSync(file));
      return { get: (ip) => reader.get(ip), release: () => undefined };
    } catch {
      return null;
    }
  };
  return {
    path: file,
    type: metadata.databaseType,
    lookup(ip: string): GeoFacts {
      finder ??= open();
      if (finder === null) return {};
      try {
        return geoFactsOf(finder.get(ip));
      } catch {
        // An address the reader rejects (IPv6 in an IPv4-only database) has no facts.
        return {};
      }
    },
    release(): void {
      finder?.release();
      finder = undefined;
    },
  };
}

/**
 * Where the bundled country database is: next to the bundle (dist/, copied there by esbuild.mjs)
 * or, when running from sources or compiled tests, in node_modules. Undefined if neither exists.
 */
export function shippedCountryDatabasePath(baseDir: string = __dirname): string | undefined {
  const beside = path.join(baseDir, SHIPPED_COUNTRY_DB);
  if (fs.existsSync(beside)) return beside;
  try {
    const pkg = require.resolve(`${SHIPPED_PACKAGE}/package.json`);
    const file = path.join(path.dirname(pkg), SHIPPED_COUNTRY_DB);
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
