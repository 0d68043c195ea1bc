import type { MiaRecord } from '../model';
import { normaliseIp } from '../normalise/matchKeys';

/**
 * What a scoping report is restricted to. Kinds combine with AND, values of one kind with OR; an
 * absent or empty list does not restrict.
 */
export interface ScopeFilters {
  /** Mailboxes: MailboxOwnerUPN or MailboxGuid, compared case-insensitively. */
  mailboxes?: readonly string[];
  /** Time window [fromMs, toMs), epoch ms; either bound may be open. */
  fromMs?: number;
  toMs?: number;
  /** Session ids (`SessionId` / `AADSessionId`), compared case-insensitively. */
  sessions?: readonly string[];
  /** Client IPs, normalised like the records' before comparing. */
  ips?: readonly string[];
  /** Application ids matched against `AppId` or `ClientAppId`, case-insensitively. */
  clientApps?: readonly string[];
  /** Substrings of `ClientInfoString`, case-insensitive. */
  clientInfo?: readonly string[];
}

function folded(values: readonly string[] | undefined): Set<string> | undefined {
  const out = new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
  return out.size > 0 ? out : undefined;
}

/** IPs of a filter in the form the records hold them. */
export function normaliseIps(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((v) => normaliseIp(v)).filter((v): v is string => v !== undefined);
}

/** True when the filter restricts by context (session, IP, app or client), not only mailbox and time. */
export function hasContextFilter(f: ScopeFilters): boolean {
  return [f.sessions, f.ips, f.clientApps, f.clientInfo].some(
    (v) => v !== undefined && v.some((x) => x.trim() !== ''),
  );
}

/** Matches a mailbox (by its key and GUIDs) against the mailbox filter; true when there is none. */
export function mailboxMatcher(f: ScopeFilters): (mailboxKey: string, guids: Iterable<string>) => boolean {
  const wanted = folded(f.mailboxes);
  if (!wanted) return () => true;
  return (key, guids) => {
    if (wanted.has(key)) return true;
    for (const g of guids) if (wanted.has(g.toLowerCase())) return true;
    return false;
  };
}

const keepAll = (): boolean => true;

/** A predicate for the records inside the filters (the same function each time when nothing is filtered). */
export function recordFilter(f: ScopeFilters): (r: MiaRecord) => boolean {
  const mailboxes = folded(f.mailboxes);
  const sessions = folded(f.sessions);
  const ipList = normaliseIps(f.ips);
  const ips = ipList.length > 0 ? new Set(ipList) : undefined;
  const apps = folded(f.clientApps);
  const clients = folded(f.clientInfo);
  const clientList = clients ? [...clients] : [];
  const { fromMs, toMs } = f;
  if (!mailboxes && !sessions && !ips && !apps && !clients && fromMs === undefined && toMs === undefined)
    return keepAll;
  return (r) => {
    if (fromMs !== undefined && r.timeMs < fromMs) return false;
    if (toMs !== undefined && r.timeMs >= toMs) return false;
    if (
      mailboxes &&
      !mailboxes.has(r.mailboxKey) &&
      !(r.mailboxGuid && mailboxes.has(r.mailboxGuid.toLowerCase()))
    ) {
      return false;
    }
    if (sessions && !(r.sessionId !== undefined && sessions.has(r.sessionId.toLowerCase()))) return false;
    if (ips && !(r.ip !== undefined && ips.has(r.ip))) return false;
    if (
      apps &&
      !(r.appId !== undefined && apps.has(r.appId.toLowerCase())) &&
      !(r.clientAppId !== undefined && apps.has(r.clientAppId.toLowerCase()))
    ) {
      return false;
    }
    if (clients) {
      const info = r.clientInfo?.toLowerCase();
      if (info === undefined || !clientList.some((c) => info.includes(c))) return false;
    }
    return true;
  };
}

/**
 * The records `keep` passes, in order: `records` itself when it passes them all (so analyses
 * memoised on that list are reused), else a filtered copy.
 */
export function selectRecords(
  records: readonly MiaRecord[],
  keep: (r: MiaRecord) => boolean,
): readonly MiaRecord[] {
  if (keep === keepAll) return records;
  let p = 0;
  while (p < records.length && keep(records[p])) p++;
  if (p === records.length) return records;
  const out = records.slice(0, p);
  for (p++; p < records.length; p++) if (keep(records[p])) out.push(records[p]);
  return out;
}
