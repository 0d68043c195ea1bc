import endpoints from './data/m365Endpoints.json';
import { parseCidr, type IpRange } from './ipAddress';
import { RangeTable, type RangeEntry } from './rangeTable';

/** What a range of the shipped table stands for. */
export interface RangeLabel {
  kind: 'microsoft-internal' | 'microsoft-service' | 'private';
  /** Service area (Microsoft ranges) or what the special range is. */
  service: string;
}

/**
 * Microsoft's internal IPv6 space: REST/Graph records show Exchange's own front ends here
 * (`2603:10b6:…`, spec §2). It says nothing about where the client was, so it is never geolocated.
 */
export const MICROSOFT_INTERNAL_CIDR = '2603:1000::/24';

/** Version and date of the shipped Microsoft 365 endpoint list (as published by Microsoft). */
export const endpointsVersion: { version: string; date: string; source: string } = {
  version: endpoints.version,
  date: endpoints.date,
  source: endpoints.source,
};

/**
 * Special-purpose ranges (RFC 1918, RFC 6598, loopback, link-local, unique-local, documentation,
 * RFC 6890): none of them locates a client on the internet. Documentation ranges are listed so that
 * sample data is never given a country (some open databases assign one to 2001:db8::/32).
 */
const SPECIAL: readonly [string, string][] = [
  ['0.0.0.0/8', 'this network (RFC 1122)'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0/24', 'documentation (RFC 5737)'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation (RFC 5737)'],
  ['203.0.113.0/24', 'documentation (RFC 5737)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved (RFC 1112)'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique local (RFC 4193)'],
  ['fe80::/10', 'link-local'],
  ['2001:db8::/32', 'documentation (RFC 3849)'],
  ['ff00::/8', 'multicast'],
];

function range(cidr: string): IpRange {
  const r = parseCidr(cidr);
  if (!r) throw new Error(`bad CIDR in the shipped tables: ${cidr}`);
  return r;
}

let table: RangeTable<RangeLabel> | undefined;

/**
 * The shipped ranges in the order the labeller applies them: Microsoft internal first, then the
 * published Microsoft 365 ranges (Exchange Online before the other service areas), then the
 * special-purpose ranges. Built once.
 */
export function shippedRanges(): RangeTable<RangeLabel> {
  if (table) return table;
  const entries: RangeEntry<RangeLabel>[] = [];
  const internal: RangeLabel = { kind: 'microsoft-internal', service: 'Microsoft internal' };
  entries.push({ ...range(MICROSOFT_INTERNAL_CIDR), value: internal });
  const labels = new Map<string, RangeLabel>();
  const areas = [...endpoints.endpoints].sort(
    (a, b) => Number(b.serviceArea === 'Exchange') - Number(a.serviceArea === 'Exchange') || a.id - b.id,
  );
  for (const e of areas) {
    const service = e.serviceAreaDisplayName;
    const label = labels.get(service) ?? { kind: 'microsoft-service', service };
    labels.set(service, label);
    for (const cidr of e.ips) entries.push({ ...range(cidr), value: label });
  }
  const special = new Map<string, RangeLabel>();
  for (const [cidr, what] of SPECIAL) {
    const label = special.get(what) ?? { kind: 'private', service: what };
    special.set(what, label);
    entries.push({ ...range(cidr), value: label });
  }
  table = new RangeTable(entries);
  return table;
}
