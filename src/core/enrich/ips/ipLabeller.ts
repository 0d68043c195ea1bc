import type { IpLabel } from '../enrichTypes';
import type { GeoDatabase, GeoFacts } from './geoDatabase';
import { parseIp } from './ipAddress';
import { shippedRanges } from './microsoftRanges';

/**
 * Labels IP addresses offline, in this order: Microsoft internal (`2603:1000::/24`), the published
 * Microsoft 365 ranges, special-purpose ranges (private, loopback, link-local, documentation) —
 * none of these is ever geolocated — then ASN and country from the databases, the user's first
 * (it may carry ASN and a better country), the shipped country database second. Cached per address.
 */
export class IpLabeller {
  private readonly cache = new Map<string, IpLabel>();

  constructor(private readonly databases: readonly GeoDatabase[] = []) {}

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
    for (const db of this.databases) {
      const f = db.lookup(query);
      if (facts.asn === undefined && f.asn !== undefined) {
        facts.asn = f.asn;
        if (f.asOrganization !== undefined) facts.asOrganization = f.asOrganization;
      }
      if (facts.country === undefined && f.country !== undefined) facts.country = f.country;
    }
    return { ip, kind: 'public', ...facts };
  }
}
