/**
 * Plain-text renderings of the enrichment for the human reports (Markdown, HTML, CSV, XLSX), so
 * every format words apps, IPs and message metadata the same way. App and IP labels are worded by
 * src/core/enrich/labels/labelText.ts (`appLabelDetail`, `ipLabelDetail`), shared with the views.
 * The results are NOT escaped: each writer escapes them as it escapes any export string.
 */
import type { AppLabel, IpLabel } from '../enrich/enrichTypes';
import { appLabelDetail, ipLabelDetail } from '../enrich/labels/labelText';
import type { MailboxJson, MessageJson, ScopeReport } from './reportTypes';

/** Looks up the report's labels by IP and app id. */
export class ReportLabels {
  private readonly ips: Map<string, IpLabel>;
  private readonly apps: Map<string, AppLabel>;

  constructor(report: ScopeReport) {
    this.ips = new Map(report.labels.ips.map((l) => [l.ip, l]));
    this.apps = new Map(report.labels.apps.map((l) => [l.appId, l]));
  }

  /** `1.2.3.4 (AS64500 Example, NL)`, or the IP alone without a label. */
  ip(ip: string): string {
    const label = this.ips.get(ip);
    return label ? `${ip} (${ipLabelDetail(label)})` : ip;
  }

  /** The label of an app id, as text; the id alone without a label. */
  app(appId: string): string {
    const label = this.apps.get(appId);
    return label ? appLabelDetail(label) : appId;
  }
}

/**
 * The apps that read a message, one per context that did (the labelled app: ClientAppId behind
 * Microsoft Graph), distinct and sorted; ids alone where no label exists.
 */
export function messageApps(m: MailboxJson, msg: MessageJson): string[] {
  const names = new Set<string>();
  for (const use of msg.contexts) {
    const c = m.contexts[use.context];
    if (!c) continue;
    if (c.appLabel) names.add(appLabelDetail(c.appLabel));
    else {
      const id = c.clientAppId ?? c.appId;
      if (id !== null) names.add(id);
    }
  }
  return [...names].sort();
}

/** The message's date for people: sent, else received (from the metadata); null when unknown. */
export function messageDate(msg: Pick<MessageJson, 'sentUtc' | 'receivedUtc'>): string | null {
  return msg.sentUtc ?? msg.receivedUtc;
}

/** `yes`, `no` or null. */
export function yesNo(value: boolean | null): string | null {
  return value === null ? null : value ? 'yes' : 'no';
}

/** Words for an unknown period's kind. */
export const UNKNOWN_KIND_TEXT: Record<'throttled' | 'not-covered' | 'no-records', string> = {
  throttled: 'throttled: Bind access not audited',
  'not-covered': 'no source covers this period',
  'no-records': 'no record of this mailbox (may not have been audited)',
};
