import type { MessageMetadata, MessageMetadataIndex } from '../enrich/enrichTypes';
import { compareText } from '../analysis/order';
import { folderKey } from '../normalise/matchKeys';
import { deferredMessages, messageCount, reportMessageCount } from './messageRows';
import type {
  ClassificationJson,
  MailboxJson,
  PotentiallyReadFolderJson,
  ScopeReport,
  UnknownPeriodJson,
} from './reportTypes';

/** Root names some exports put before a folder path (`Top of Information Store\Inbox`). */
const ROOTS = new Set(['top of information store', 'ipm_subtree']);

/**
 * A metadata item's folder as a folder key: `/` read as `\`, and a leading mailbox address or
 * store root dropped, so `user@contoso.com\Inbox` and `/Inbox` both give `inbox`.
 */
function metadataFolderKey(item: MessageMetadata): string | undefined {
  if (item.folderPath === undefined || item.folderPath.trim() === '') return undefined;
  const segments = folderKey(item.folderPath.replace(/\//g, '\\'))
    .split('\\')
    .filter((s) => s !== '');
  const location = item.location?.trim().toLowerCase();
  while (
    segments.length > 1 &&
    (segments[0].includes('@') || segments[0] === location || ROOTS.has(segments[0]))
  )
    segments.shift();
  return segments.join('\\');
}

/**
 * Messages the metadata places in each mailbox's folder, by `mailboxKey\nfolderKey`; undefined when
 * no metadata item names both a location and a folder (nothing can be said of a folder's content).
 */
function knownFolderItems(
  metadata: MessageMetadataIndex | undefined,
  mailboxKeys: readonly string[],
): Map<string, Set<string>> | undefined {
  if (metadata?.values === undefined) return undefined;
  const byFolder = new Map<string, Set<string>>();
  let placed = false;
  for (const item of metadata.values()) {
    const folder = metadataFolderKey(item);
    const location = item.location?.trim().toLowerCase();
    if (folder === undefined || location === undefined || location === '') continue;
    placed = true;
    // A location is an address (`user@contoso.com`) or a name with one (`User <user@contoso.com>`).
    for (const mailbox of mailboxKeys) {
      if (!location.includes(mailbox)) continue;
      const k = `${mailbox}\n${folder}`;
      let set = byFolder.get(k);
      if (!set) byFolder.set(k, (set = new Set()));
      set.add(item.key);
    }
  }
  return placed ? byFolder : undefined;
}

function potentiallyRead(
  mailboxes: readonly MailboxJson[],
  metadata: MessageMetadataIndex | undefined,
): ClassificationJson['potentiallyRead'] {
  const known = knownFolderItems(
    metadata,
    mailboxes.filter((m) => m.syncedFolders.length > 0).map((m) => m.mailboxKey),
  );
  const items: PotentiallyReadFolderJson[] = [];
  for (const m of mailboxes) {
    // Only metadata that places messages in folders needs the mailbox's message keys.
    const bound = known === undefined ? undefined : new Set(m.messages.map((msg) => msg.key));
    for (const f of m.syncedFolders) {
      const keys = known?.get(`${m.mailboxKey}\n${f.key}`);
      const count = known === undefined ? null : (keys?.size ?? 0);
      let confirmed: number | null = null;
      if (count !== null) {
        confirmed = 0;
        for (const k of keys ?? []) if (bound?.has(k)) confirmed++;
      }
      items.push({
        mailbox: m.mailbox,
        mailboxKey: m.mailboxKey,
        folder: f.path,
        folderKey: f.key,
        firstSyncUtc: f.firstSyncUtc,
        lastSyncUtc: f.lastSyncUtc,
        syncs: f.count,
        knownMessages: count,
        knownMessagesConfirmed: confirmed,
        firstRecord: f.firstRecord,
      });
    }
  }
  return {
    folders: items.length,
    knownMessages: known === undefined ? null : items.reduce((n, i) => n + (i.knownMessages ?? 0), 0),
    items,
  };
}

function ms(utc: string | null): number | undefined {
  return utc === null ? undefined : Date.parse(utc);
}

function unknown(report: ScopeReport): ClassificationJson['unknown'] {
  const from = ms(report.filters.from);
  const to = ms(report.filters.to);
  const gaps = report.coverage.gaps.filter(
    (g) =>
      (from === undefined || Date.parse(g.endUtc) > from) &&
      (to === undefined || Date.parse(g.startUtc) < to),
  );
  const items: UnknownPeriodJson[] = [];
  for (const m of report.mailboxes) {
    const own: UnknownPeriodJson[] = [];
    if (!m.inInvestigation) {
      own.push({
        mailbox: m.mailbox,
        kind: 'no-records',
        startUtc: null,
        endUtc: null,
        basis: [],
        extendsBeyondExports: false,
        record: null,
      });
    }
    for (const w of m.throttledWindows) {
      own.push({
        mailbox: m.mailbox,
        kind: 'throttled',
        startUtc: w.startUtc,
        endUtc: w.endUtc,
        basis: [...w.basis],
        extendsBeyondExports: w.extendsBeyondExports,
        record: w.openedBy,
      });
    }
    for (const g of gaps) {
      own.push({
        mailbox: m.mailbox,
        kind: 'not-covered',
        startUtc: g.startUtc,
        endUtc: g.endUtc,
        basis: [],
        extendsBeyondExports: false,
        record: null,
      });
    }
    own.sort(
      (a, b) =>
        (ms(a.startUtc) ?? -Infinity) - (ms(b.startUtc) ?? -Infinity) ||
        (ms(a.endUtc) ?? -Infinity) - (ms(b.endUtc) ?? -Infinity) ||
        compareText(a.kind, b.kind),
    );
    items.push(...own);
  }
  return { periods: items.length, items };
}

/**
 * The report's findings sorted by certainty: confirmed read (messages listed by a Bind record),
 * potentially read (folders downloaded by a Sync: every item in them; with metadata that places
 * items in mailbox folders, how many messages are known there), and unknown (throttled windows,
 * periods no source covers, mailboxes named without records). Mailboxes keep the report's order.
 */
export function classify(
  report: ScopeReport,
  metadata: MessageMetadataIndex | undefined,
): ClassificationJson {
  return {
    confirmedRead: {
      messages: reportMessageCount(report.mailboxes),
      mailboxes: report.mailboxes
        .filter((m) => messageCount(m) > 0)
        .map((m) => {
          const rows = deferredMessages(m);
          if (rows) return { mailbox: m.mailbox, messages: rows.size, ...rows.span() };
          // Each text parsed once (not once per comparison): a mailbox may list 100,000 messages.
          let first: string | null = null;
          let last: string | null = null;
          let firstMs = NaN;
          let lastMs = NaN;
          for (const msg of m.messages) {
            if (msg.firstAccessUtc !== first) {
              const t = Date.parse(msg.firstAccessUtc);
              if (first === null || t < firstMs) {
                first = msg.firstAccessUtc;
                firstMs = t;
              }
            }
            if (msg.lastAccessUtc !== last) {
              const t = Date.parse(msg.lastAccessUtc);
              if (last === null || t > lastMs) {
                last = msg.lastAccessUtc;
                lastMs = t;
              }
            }
          }
          return { mailbox: m.mailbox, messages: m.messages.length, firstUtc: first, lastUtc: last };
        }),
    },
    potentiallyRead: potentiallyRead(report.mailboxes, metadata),
    unknown: unknown(report),
  };
}
