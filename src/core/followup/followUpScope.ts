import { formatUtc } from '../normalise/time';
import { folderKey, messageIdKey, normaliseIp } from '../normalise/matchKeys';
import type { ScopeReport } from '../report/reportTypes';
import { resolveScopeOptions, type ScopeOptions } from '../scope/scopeOptions';

/** A message the investigation found read (Bind), in the mailbox that holds it. */
export interface FollowUpMessage {
  mailbox: string;
  /** As the export wrote it (with or without `<>`). */
  internetMessageId: string;
  /** Normalised (spec §2): trimmed, one pair of `<>` stripped, lower-case. */
  key: string;
}

/** A folder the investigation found synced (all its items assumed read). */
export interface FollowUpFolder {
  mailbox: string;
  path: string;
  /** Normalised: trimmed, one leading `\` stripped, lower-case. */
  key: string;
}

/**
 * What a follow-up query asks for: the scope of the investigation (mailboxes, window [from, to),
 * contexts) and what it already found. Every string in here may come from an export and is
 * untrusted: the generators escape each value for the language they write.
 */
export interface FollowUpScope {
  /** Mailboxes: UPNs or MailboxGuids, as given. Empty: every mailbox. */
  mailboxes: string[];
  /** Inclusive start, ISO 8601 UTC (`formatUtc`). */
  fromUtc?: string;
  /** Exclusive end, ISO 8601 UTC. */
  toUtc?: string;
  sessions: string[];
  /** Normalised as the engine normalises record IPs. */
  ips: string[];
  /** AppId / ClientAppId values. */
  clientApps: string[];
  /** Substrings of ClientInfoString. */
  clientInfo: string[];
  /** Accounts seen reading the mailboxes (UserId), besides the owners: delegates, admins, apps. */
  actors: string[];
  messages: FollowUpMessage[];
  syncedFolders: FollowUpFolder[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a mailbox given by its MailboxGuid rather than its UPN. */
export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

function distinct(values: Iterable<string>, fold = true): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    const k = fold ? v.toLowerCase() : v;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

/**
 * The follow-up scope of scoping options alone (no findings): the same checks and normalisation
 * as `mia scope` (times parsed as there, IPs normalised). Throws ScopeOptionError.
 */
export function followUpScopeFromOptions(options: ScopeOptions): FollowUpScope {
  const { filters } = resolveScopeOptions(options);
  return {
    mailboxes: distinct(filters.mailboxes ?? []),
    fromUtc: filters.fromMs === undefined ? undefined : formatUtc(filters.fromMs),
    toUtc: filters.toMs === undefined ? undefined : formatUtc(filters.toMs),
    sessions: distinct(filters.sessions ?? []),
    ips: distinct((filters.ips ?? []).map((ip) => normaliseIp(ip) ?? '')),
    clientApps: distinct(filters.clientApps ?? []),
    clientInfo: distinct(filters.clientInfo ?? []),
    actors: [],
    messages: [],
    syncedFolders: [],
  };
}

/** One second after an ISO time (the window's end is exclusive; the last record must be inside). */
function after(iso: string): string {
  return formatUtc(Date.parse(iso) + 1000);
}

/**
 * The follow-up scope of a scoping report: its filters, and what it found (messages read, folders
 * synced, the accounts that read). With no mailbox filter the report's mailboxes are named; with
 * no time filter the window is the one the records in scope span, so a query never runs unbounded.
 */
export function followUpScopeFromReport(report: ScopeReport): FollowUpScope {
  const f = report.filters;
  const inScope = report.mailboxes.filter((m) => m.inInvestigation);
  const firsts = inScope
    .map((m) => m.firstUtc)
    .filter((t): t is string => t !== null)
    .sort();
  const lasts = inScope
    .map((m) => m.lastUtc)
    .filter((t): t is string => t !== null)
    .sort();
  const messages: FollowUpMessage[] = [];
  const syncedFolders: FollowUpFolder[] = [];
  const actors: string[] = [];
  for (const m of inScope) {
    for (const msg of m.messages) {
      messages.push({
        mailbox: m.mailbox,
        internetMessageId: msg.internetMessageId,
        key: messageIdKey(msg.internetMessageId),
      });
    }
    for (const folder of m.syncedFolders) {
      syncedFolders.push({ mailbox: m.mailbox, path: folder.path, key: folderKey(folder.path) });
    }
    for (const c of m.contexts) if (c.actor !== null) actors.push(c.actor);
  }
  const mailboxes = distinct(f.mailboxes.length > 0 ? f.mailboxes : inScope.map((m) => m.mailbox));
  const owners = new Set(mailboxes.map((m) => m.toLowerCase()));
  return {
    mailboxes,
    fromUtc: f.from ?? firsts[0],
    toUtc: f.to ?? (lasts.length > 0 ? after(lasts[lasts.length - 1]) : undefined),
    sessions: distinct(f.sessions),
    ips: distinct(f.ips),
    clientApps: distinct(f.clientApps),
    clientInfo: distinct(f.clientInfo),
    actors: distinct(actors).filter((a) => !owners.has(a.toLowerCase())),
    messages,
    syncedFolders,
  };
}
