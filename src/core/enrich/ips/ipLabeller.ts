import type { IpLabel } from '../enrichTypes';
import type { AsnTable } from './asnTable';
import type { GeoDatabase, GeoFacts } from './geoDatabase';
import { parseIp } from './ipAddress';
import { shippedRanges } from './microsoftRanges';

/** Microsoft's own autonomous system: its addresses are a Microsoft network (Azure included). */
export const MICROSOFT_ASN = 8075;

/** Where the labeller's ASN and country facts come from, in order of precedence. */
export interface IpFactSources {
  /** The user's MMDB files (setting / `--ip-database`): first wherever they have data. */
  user?: readonly GeoDatabase[];
  /** The shipped ASN range table (@ip-location-db/asn). */
  asn?: AsnTable;
  /** The shipped country database. */
  country?: readonly GeoDatabase[];
}

/**
 * Labels IP addresses offline, in this order: Microsoft internal (`2603:1000::/24`), the published
 * Microsoft 365 ranges, special-purpose ranges (private, loopback, link-local, documentation) —
 * none of these is ever geolocated nor given an ASN — then ASN and country: the user's databases
 * first wherever they have a value, then the shipped ASN table (ASN and organisation) and the
 * shipped country database. An address in AS8075 is marked `owner: 'microsoft'` (a Microsoft
 * network, but not an Exchange Online service range). Cached per address.
 */
export class IpLabeller {
  private readonly cache = new Map<string, IpLabel>();

  constructor(private readonly sources: IpFactSources = {}) {}

  label(ip: string | undefined): IpLabel | undefined {
    if (ip === undefined || ip.trim() === '') return undefined;
    const hit = this.cache.get(ip);
    if (hit) return hit;
    const made = this.make(ip);
    this.cache.set(ip, made);
    return made;
  }

  private make(ip: string): IpLabel {
    const parsed = parseIp(ip);
    if (!parsed) return { ip, kind: 'invalid' };
    const range = shippedRanges().lookup(parsed.value);
    if (range) return { ip, kind: range.kind, service: range.service };
    const facts: GeoFacts = {};
    // MMDB readers want dotted IPv4, not an IPv4-mapped IPv6 form.
    const v4 = Number(parsed.value & 0xffffffffn);
    const query = parsed.version === 4 ? [24, 16, 8, 0].map((s) => (v4 >>> s) & 255).join('.') : ip;
    const take = (f: GeoFacts): void => {
      if (facts.asn === undefined && f.asn !== undefined) {
        facts.asn = f.asn;
        if (f.asOrganization !== undefined) facts.asOrganization = f.asOrganization;
      }
      if (facts.country === undefined && f.country !== undefined) facts.country = f.country;
    };
    for (const db of this.sources.user ?? []) take(db.lookup(query));
    if (facts.asn === undefined && this.sources.asn) {
      const a = this.sources.asn.lookup(parsed);
      if (a) take(a);
    }
    for (const db of this.sources.country ?? []) take(db.lookup(query));
    const label: IpLabel = { ip, kind: 'public', ...facts };
    if (facts.asn === MICROSOFT_ASN) label.owner = 'microsoft';
    return label;
  }
}
