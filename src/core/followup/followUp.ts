import { defenderKql } from './defenderKql';
import type { FollowUpScope } from './followUpScope';
import { graphAuditQuery } from './graphAuditQuery';
import { graphMessages } from './graphMessages';
import { powershellAudit } from './powershellAudit';
import { sentinelKql } from './sentinelKql';

/** The kinds of follow-up query (also the values of `mia followup --kind`). */
export const FOLLOW_UP_KINDS = [
  'sentinel',
  'defender',
  'powershell',
  'graph-audit',
  'graph-messages',
] as const;

export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** How each kind is described and which editor language shows it. */
export const FOLLOW_UP_INFO: Record<FollowUpKind, { label: string; detail: string; language: string }> = {
  sentinel: {
    label: 'Microsoft Sentinel KQL (OfficeActivity)',
    detail: 'Log Analytics query over the OfficeActivity table',
    language: 'kql',
  },
  defender: {
    label: 'Defender XDR advanced hunting KQL (CloudAppEvents)',
    detail: 'advanced hunting query over CloudAppEvents (RawEventData)',
    language: 'kql',
  },
  powershell: {
    label: 'Search-UnifiedAuditLog PowerShell (complete re-collection)',
    detail:
      'ReturnLargeSet paging, HighCompleteness, de-duplication, splits at 50,000; writes CSV and JSON Lines',
    language: 'powershell',
  },
  'graph-audit': {
    label: 'Microsoft Graph audit log query (POST /security/auditLog/queries)',
    detail: 'request body (JSON)',
    language: 'json',
  },
  'graph-messages': {
    label: 'Microsoft Graph message lookups by internetMessageId',
    detail: 'GET per message and $batch bodies of up to 20 (.http)',
    language: 'http',
  },
};

/** True for a follow-up kind. */
export function isFollowUpKind(value: unknown): value is FollowUpKind {
  return typeof value === 'string' && (FOLLOW_UP_KINDS as readonly string[]).includes(value);
}

/** The ready-to-run text of one kind of follow-up query for the scope. */
export function followUpText(kind: FollowUpKind, scope: FollowUpScope): string {
  switch (kind) {
    case 'sentinel':
      return sentinelKql(scope);
    case 'defender':
      return defenderKql(scope);
    case 'powershell':
      return powershellAudit(scope);
    case 'graph-audit':
      return graphAuditQuery(scope);
    case 'graph-messages':
      return graphMessages(scope);
  }
}
