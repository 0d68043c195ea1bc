/**
 * Normalised forms used for matching (spec §2). Display always keeps the export's original text.
 */

/** InternetMessageId for matching: trimmed, one pair of `<>` stripped, lower-case. */
export function messageIdKey(id: string): string {
  let s = id.trim();
  if (s.length >= 2 && s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  return s.toLowerCase();
}

/** Folder path for matching: trimmed, one leading `\` stripped, lower-case (`Inbox` equals `\Inbox`). */
export function folderKey(path: string): string {
  let s = path.trim();
  if (s.startsWith('\\')) s = s.slice(1);
  return s.toLowerCase();
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV4_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * Client IP for matching and display: brackets and port stripped (`[2001:db8::1]:443` ->
 * `2001:db8::1`, `1.2.3.4:5678` -> `1.2.3.4`), an IPv4-mapped `::ffff:` prefix dropped, IPv6
 * lower-cased. Returns undefined for an empty value. Nothing else is rewritten (no zero compression).
 */
export function normaliseIp(raw: string): string | undefined {
  let s = raw.trim();
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end > 0) s = s.slice(1, end).trim();
  }
  if (s.length > 7 && s.slice(0, 7).toLowerCase() === '::ffff:') {
    const rest = s.slice(7);
    if (IPV4.test(rest) || IPV4_PORT.test(rest)) s = rest;
  }
  const port = IPV4_PORT.exec(s);
  if (port) s = port[1];
  if (s.includes(':')) s = s.toLowerCase();
  return s === '' ? undefined : s;
}

/**
 * `normaliseIp` of the commonest client address, `a.b.c.d:port` exactly (no spaces, no brackets),
 * read without regular expressions; undefined for anything else (the caller then asks
 * `normaliseIp`). Its port makes nearly every such value new, so a memo of `normaliseIp` would only
 * hash and store each one to no avail.
 */
export function ipv4WithPortHost(text: string): string | undefined {
  const n = text.length;
  let i = 0;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (text.charCodeAt(i) !== 0x2e) return undefined;
      i++;
    }
    const start = i;
    while (i < n && i - start < 4 && isDigit(text.charCodeAt(i))) i++;
    if (i === start || i - start > 3) return undefined;
  }
  if (text.charCodeAt(i) !== 0x3a) return undefined;
  const colon = i++;
  const port = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i !== n || i === port || i - port > 5) return undefined;
  return text.slice(0, colon);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
