/**
 * IP addresses as numbers in ONE 128-bit space, so IPv4 and IPv6 ranges share a sorted table:
 * IPv4 `a.b.c.d` sits at `::ffff:a.b.c.d` (the IPv4-mapped block), a v4 CIDR `/n` is a v6 `/96+n`.
 */

/** A parsed address: its version and its value in the 128-bit space. */
export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

/** An inclusive range [start, end] of the 128-bit space. */
export interface IpRange {
  start: bigint;
  end: bigint;
}

const V4_MAPPED = 0xffffn << 32n;
const MAX = (1n << 128n) - 1n;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(text: string): bigint | undefined {
  let s = text;
  // A zone index (`fe80::1%eth0`) names an interface, not part of the address.
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: bigint | undefined;
  let tailGroups = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tail = parseV4(s.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0';
    tailGroups = 2;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== undefined && tailGroups === 2) v = (v & ~0xffffffffn) | tail;
  return v;
}

/**
 * Parses an address as the engine normalises it (brackets and port already stripped, `::ffff:`
 * dropped), tolerating those forms too. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
 */
export function parseIp(text: string | undefined): ParsedIp | undefined {
  if (text === undefined) return undefined;
  let s = text.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (s.includes(':')) {
    const v = parseV6(s);
    if (v === undefined) return undefined;
    return v >> 32n === 0xffffn ? { version: 4, value: v } : { version: 6, value: v };
  }
  const v4 = parseV4(s);
  return v4 === undefined ? undefined : { version: 4, value: V4_MAPPED | v4 };
}

/** Parses `a.b.c.d/n` or `x::/n` (a bare address is a /32 or /128) into an inclusive range. */
export function parseCidr(text: string): IpRange | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = addr.includes(':') ? parseV6(addr) : parseV4(addr);
  if (ip === undefined) return undefined;
  const v4 = !addr.includes(':');
  const width = v4 ? 32 : 128;
  const n = bits === undefined ? width : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > width) return undefined;
  const prefix = v4 ? 96 + n : n;
  const hostBits = BigInt(128 - prefix);
  const base = v4 ? V4_MAPPED | ip : ip;
  const mask = hostBits === 128n ? MAX : (1n << hostBits) - 1n;
  const start = base & ~mask & MAX;
  return { start, end: start | mask };
}
