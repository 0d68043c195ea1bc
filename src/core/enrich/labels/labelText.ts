import type { AppLabel, IpLabel } from '../enrichTypes';

/**
 * One line of plain text for an app label, as the tree, grid, detail and reports show it:
 * `Outlook Mobile (Microsoft)`, `eM Client (third-party, abused)`,
 * `unknown app 1b2c… (flagged)`.
 */
export function appLabelText(label: AppLabel | undefined): string | undefined {
  if (!label) return undefined;
  if (label.publisher === 'unknown') return `unknown app ${label.appId} (flagged)`;
  const who = label.publisher === 'microsoft' ? 'Microsoft' : 'third-party';
  const extra = label.kind === 'abused' ? ', abused' : '';
  return `${label.name ?? label.appId} (${who}${extra})`;
}

/** The short form of an IP label without the address: `US · AS64500 Example`, `Microsoft internal`. */
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
      const parts: string[] = [];
      if (label.country) parts.push(label.country);
      if (label.asn !== undefined)
        parts.push(label.asOrganization ? `AS${label.asn} ${label.asOrganization}` : `AS${label.asn}`);
      return parts.length > 0 ? parts.join(' · ') : undefined;
    }
  }
}

/** The address with its label: `203.0.113.7 · US · AS64500`, `2603:10b6::1 · Microsoft internal`. */
export function ipLabelText(label: IpLabel | undefined): string | undefined {
  if (!label) return undefined;
  const suffix = ipLabelSuffix(label);
  return suffix === undefined ? label.ip : `${label.ip} · ${suffix}`;
}
