/**
 * The one place that words app and IP labels as plain text, for the views (tree, grid, detail,
 * findings) and for the human reports (Markdown, HTML, CSV, XLSX). Two lengths, with distinct names:
 * - the short forms `appLabelText` / `ipLabelSuffix` / `ipLabelText` for one line in a view:
 *   `Outlook Mobile (Microsoft)`, `203.0.113.7 · US · AS64500 Example`;
 * - the report forms `appLabelDetail` / `ipLabelDetail`, which also say what kind of app it is and
 *   read inside parentheses after the address: `Outlook Mobile (Microsoft, mail client)`,
 *   `AS64500 Example, US`.
 * The results are NOT escaped: each writer escapes them as it escapes any export string.
 */
import type { AppLabel, IpLabel } from '../enrichTypes';

/** Who publishes an app, in words. */
function publisherText(label: AppLabel): string {
  return label.publisher === 'microsoft'
    ? 'Microsoft'
    : label.publisher === 'third-party'
      ? 'third-party'
      : 'unknown app';
}

/** `AS64500 Example Net`, `AS64500`, or undefined without an ASN. */
function asText(label: IpLabel): string | undefined {
  if (label.asn === undefined) return undefined;
  return label.asOrganization ? `AS${label.asn} ${label.asOrganization}` : `AS${label.asn}`;
}

/** Said of an address in Microsoft's own network (AS8075) that is not a Microsoft 365 service range. */
export const MICROSOFT_NETWORK_TEXT = 'Microsoft network';

/**
 * One line of plain text for an app label, as the tree, grid, detail and findings show it:
 * `Outlook Mobile (Microsoft)`, `eM Client (third-party, abused)`,
 * `unknown app 1b2c… (flagged)`.
 */
export function appLabelText(label: AppLabel | undefined): string | undefined {
  if (!label) return undefined;
  if (label.publisher === 'unknown') return `unknown app ${label.appId} (flagged)`;
  const extra = label.kind === 'abused' ? ', abused' : '';
  return `${label.name ?? label.appId} (${publisherText(label)}${extra})`;
}

/**
 * An app label as the reports word it: name (or id), who publishes it, what kind of app it is and
 * whether it is flagged: `Outlook Mobile (Microsoft, mail client)`,
 * `eM Client (third-party, known to be abused, flagged)`.
 */
export function appLabelDetail(label: AppLabel): string {
  const parts = [publisherText(label)];
  if (label.kind === 'abused') parts.push('known to be abused');
  else if (label.kind === 'mail-client') parts.push('mail client');
  if (label.flagged) parts.push('flagged');
  return `${label.name ?? label.appId} (${parts.join(', ')})`;
}

/**
 * The short form of an IP label without the address: `US · AS64500 Example`,
 * `US · AS8075 Microsoft Corporation · Microsoft network`, `Microsoft internal`.
 */
export function ipLabelSuffix(label: IpLabel | undefined): string | undefined {
  if (!label) return undefined;
  switch (label.kind) {
    case 'microsoft-internal':
      return 'Microsoft internal';
    case 'microsoft-service':
      return `Microsoft 365 (${label.service ?? 'service'})`;
    case 'private':
      return label.service ?? 'private';
    case 'invalid':
      return 'not an IP address';
    case 'public': {
      const parts = [
        label.country,
        asText(label),
        label.owner === 'microsoft' ? MICROSOFT_NETWORK_TEXT : undefined,
      ];
      const known = parts.filter((p): p is string => p !== undefined);
      return known.length > 0 ? known.join(' · ') : undefined;
    }
  }
}

/** The address with its label: `203.0.113.7 · US · AS64500`, `2603:10b6::1 · Microsoft internal`. */
export function ipLabelText(label: IpLabel | undefined): string | undefined {
  if (!label) return undefined;
  const suffix = ipLabelSuffix(label);
  return suffix === undefined ? label.ip : `${label.ip} · ${suffix}`;
}

/**
 * What an IP is, as the reports word it after the address: `Microsoft internal`,
 * `Microsoft service: Exchange Online`, `AS64500 Example, US`,
 * `AS8075 Microsoft Corporation (Microsoft network), US`, `private address`, `public address`.
 */
export function ipLabelDetail(label: IpLabel): string {
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
      const as = asText(label);
      const owned = label.owner === 'microsoft' ? ` (${MICROSOFT_NETWORK_TEXT})` : '';
      const parts = [as === undefined ? undefined : as + owned, label.country];
      const known = parts.filter((p): p is string => p !== undefined && p !== '');
      return known.length > 0 ? known.join(', ') : 'public address';
    }
  }
}
