import * as fs from 'node:fs';
import * as path from 'node:path';
import { Reader } from 'mmdb-lib';

/** What an offline database says about one address. */
export interface GeoFacts {
  asn?: number;
  asOrganization?: string;
  country?: string;
}

/** An offline IP database (MMDB), read from memory. */
export interface GeoDatabase {
  /** The file it was read from. */
  readonly path: string;
  /** `database_type` of the MMDB metadata (`GeoLite2-ASN`, `country`, …). */
  readonly type: string;
  lookup(ip: string): GeoFacts;
}

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

/**
 * Opens an MMDB file. Throws an Error naming the file when it cannot be read or is not an MMDB
 * (the caller reports it; labelling goes on without that database).
 */
export function openGeoDatabase(file: string): GeoDatabase {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the IP database (${(e as Error).message})`);
  }
  let reader: Reader<Record<string, unknown>>;
  try {
    reader = new Reader<Record<string, unknown>>(bytes);
  } catch (e) {
    throw new Error(`${file}: not a MaxMind DB (.mmdb) file (${(e as Error).message})`);
  }
  return {
    path: file,
    type: reader.metadata.databaseType,
    lookup(ip: string): GeoFacts {
      try {
        return geoFactsOf(reader.get(ip));
      } catch {
        // An address the reader rejects (IPv6 in an IPv4-only database) has no facts.
        return {};
      }
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
