import type { AppLabel, Enrichment, IpLabel, MessageMetadataIndex } from '../enrich/enrichTypes';
import { compareText } from '../analysis/order';
import type { MailboxJson, MetadataSourceJson, ScopeReport } from './reportTypes';
import { utc } from './toJson';

/** The metadata files as the report lists them (in the index's order: origins point at them). */
export function metadataSourcesJson(metadata: MessageMetadataIndex | undefined): MetadataSourceJson[] {
  return (metadata?.sources ?? []).map((s) => ({
    path: s.path,
    sha256: s.sha256,
    format: s.format,
    encoding: s.encoding,
    sizeBytes: s.sizeBytes,
    rows: s.rows,
    messages: s.messages,
    rejected: s.rejected.length,
    rejectedRows: s.rejected.map((r) => ({ line: r.line, reason: r.reason })),
  }));
}

/**
 * Joins the metadata to every message (a subject in the audit record wins; the others come from the
 * metadata) and returns the accessed ids no metadata source names, distinct by normalised id and
 * sorted by it; null without metadata.
 */
function joinMetadata(mailboxes: readonly MailboxJson[], metadata: MessageMetadataIndex): string[] {
  const paths = metadata.sources.map((s) => s.path);
  const unmatched = new Map<string, string>();
  for (const m of mailboxes) {
    for (const msg of m.messages) {
      const md = metadata.get(msg.key);
      if (md === undefined) {
        if (!unmatched.has(msg.key)) unmatched.set(msg.key, msg.internetMessageId);
        continue;
      }
      if (msg.subject === null && md.subject !== undefined) {
        msg.subject = md.subject;
        msg.subjectFrom = 'metadata';
      }
      msg.sender = md.sender ?? null;
      msg.recipients = [...(md.recipients ?? [])];
      msg.sentUtc = md.sentMs === undefined ? null : utc(md.sentMs);
      msg.receivedUtc = md.receivedMs === undefined ? null : utc(md.receivedMs);
      msg.hasAttachments = md.hasAttachments ?? null;
      msg.metadataOrigins = [...md.origins]
        .sort((a, b) => a.sourceIndex - b.sourceIndex || a.line - b.line)
        .map((o) => ({ source: paths[o.sourceIndex] ?? '', sourceIndex: o.sourceIndex, line: o.line }));
    }
  }
  return [...unmatched.keys()].sort(compareText).map((k) => unmatched.get(k)!);
}

/** Labels every context's app and IP; returns the distinct labels, sorted by app id and IP. */
function labelContexts(
  mailboxes: readonly MailboxJson[],
  labels: NonNullable<Enrichment['labels']>,
): ScopeReport['labels'] {
  const apps = new Map<string, AppLabel | undefined>();
  const ips = new Map<string, IpLabel | undefined>();
  const appsSeen = new Map<string, AppLabel>();
  const ipsSeen = new Map<string, IpLabel>();
  for (const m of mailboxes) {
    for (const c of m.contexts) {
      const appKey = `${c.appId ?? ''}\n${c.clientAppId ?? ''}`;
      if (!apps.has(appKey)) apps.set(appKey, labels.app(c.appId ?? undefined, c.clientAppId ?? undefined));
      const app = apps.get(appKey);
      c.appLabel = app === undefined ? null : { ...app };
      if (app !== undefined) appsSeen.set(app.appId, app);
      if (c.ip !== null) {
        if (!ips.has(c.ip)) ips.set(c.ip, labels.ip(c.ip));
        const ip = ips.get(c.ip);
        c.ipLabel = ip === undefined ? null : { ...ip };
        if (ip !== undefined) ipsSeen.set(ip.ip, ip);
      }
    }
  }
  return {
    apps: [...appsSeen.keys()].sort(compareText).map((k) => ({ ...appsSeen.get(k)! })),
    ips: [...ipsSeen.keys()].sort(compareText).map((k) => ({ ...ipsSeen.get(k)! })),
  };
}

/**
 * Adds the enrichment (issue 7) to a built report, in place: metadata per message, labels per
 * context, the metadata sources and the unmatched ids. Without enrichment the added fields keep
 * their empty values (null, [], no labels).
 */
export function enrichReport(report: ScopeReport, enrichment: Enrichment): void {
  report.metadataSources = metadataSourcesJson(enrichment.metadata);
  report.unmatchedMessageIds =
    enrichment.metadata === undefined ? null : joinMetadata(report.mailboxes, enrichment.metadata);
  report.labels =
    enrichment.labels === undefined
      ? { apps: [], ips: [] }
      : labelContexts(report.mailboxes, enrichment.labels);
}
