/**
 * Plain-text renderings of the enrichment for the human reports (Markdown, HTML, CSV, XLSX), so
 * every format words apps, IPs and message metadata the same way. The results are NOT escaped:
 * each writer escapes them as it escapes any export string.
 */
import type { AppLabel, IpLabel } from '../enrich/enrichTypes';
import type { MailboxJson, MessageJson, ScopeReport } from './reportTypes';

/** An app label as text: its name (or id), with who publishes it and whether it is flagged. */
export function appLabelText(label: AppLabel): string {
  const who =
    label.publisher === 'microsoft'
      ? 'Microsoft'
      : label.publisher === 'third-party'
        ? 'third-party'
        : 'unknown app';
  const parts = [who];
  if (label.kind === 'abused') parts.push('known to be abused');
  else if (label.kind === 'mail-client') parts.push('mail client');
  if (label.flagged) parts.push('flagged');
  return `${label.name ?? label.appId} (${parts.join(', ')})`;
}

/** What an IP is, in a few words: `Microsoft internal`, `AS8075 Microsoft, US`, `private`… */
export function ipLabelText(label: IpLabel): string {
  switch (label.kind) {
    case 'microsoft-internal':
      return 'Microsoft internal';
    case 'microsoft-service':
      return label.service ? `Microsoft service: ${label.service}` : 'Microsoft service';
    case 'private':
      return 'private address';
    case 'invalid':
      return 'not an IP address';
    case 'public': {
      const as =
        label.asn === undefined
          ? ''
          : `AS${label.asn}${label.asOrganization ? ` ${label.asOrganization}` : ''}`;
      const parts = [as, label.country ?? ''].filter((p) => p !== '');
      return parts.length > 0 ? parts.join(', ') : 'public address';
    }
  }
}

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
    return label ? `${ip} (${ipLabelText(label)})` : ip;
  }

  /** The label of an app id, as text; the id alone without a label. */
  app(appId: string): string {
    const label = this.apps.get(appId);
    return label ? appLabelText(label) : appId;
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
    if (c.appLabel) names.add(appLabelText(c.appLabel));
    else {
      const id = c.clientAppId ?? c.appId;
      if (id !== null) names.add(id);
    }
  }
  return [...names].sort();
}

/** The message's date for people: sent, else received (from the metadata); null when unknown. */
export function messageDate(msg: MessageJson): string | null {
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
