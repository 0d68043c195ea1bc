import { isGuid, type FollowUpScope } from './followUpScope';

/** The Graph endpoint the body is posted to. */
export const GRAPH_AUDIT_QUERY_URL = 'https://graph.microsoft.com/v1.0/security/auditLog/queries';

/**
 * Record types of MailItemsAccessed (`auditLogRecordType`): 50 `exchangeItemAggregated` usually,
 * 2 `exchangeItem` for some Sync records (spec §2).
 */
export const MAIL_ITEMS_ACCESSED_RECORD_TYPES = ['exchangeItemAggregated', 'exchangeItem'] as const;

/** The body of `POST /security/auditLog/queries` (microsoft.graph.security.auditLogQuery). */
export interface AuditLogQueryBody {
  '@odata.type': '#microsoft.graph.security.auditLogQuery';
  displayName: string;
  filterStartDateTime?: string;
  filterEndDateTime?: string;
  recordTypeFilters: string[];
  operationFilters: string[];
  userPrincipalNameFilters?: string[];
  ipAddressFilters?: string[];
  keywordFilter?: string;
}

/**
 * The audit log query for the scope. `userPrincipalNameFilters` matches the account that
 * performed the access, so the owners and the other accounts seen reading are named. A session
 * has no filter of its own: one session goes to `keywordFilter` (free text over the record);
 * several are left to the investigator when the result is opened.
 */
export function graphAuditQueryBody(scope: FollowUpScope): AuditLogQueryBody {
  const upns = scope.mailboxes.filter((m) => !isGuid(m));
  const users = [
    ...upns,
    ...scope.actors.filter((a) => !upns.some((u) => u.toLowerCase() === a.toLowerCase())),
  ];
  const window = `${scope.fromUtc ?? 'start'} to ${scope.toUtc ?? 'now'}`;
  const body: AuditLogQueryBody = {
    '@odata.type': '#microsoft.graph.security.auditLogQuery',
    displayName: `MIA follow-up: MailItemsAccessed ${window}`,
    recordTypeFilters: [...MAIL_ITEMS_ACCESSED_RECORD_TYPES],
    operationFilters: ['MailItemsAccessed'],
  };
  if (scope.fromUtc !== undefined) body.filterStartDateTime = scope.fromUtc;
  if (scope.toUtc !== undefined) body.filterEndDateTime = scope.toUtc;
  if (users.length > 0) body.userPrincipalNameFilters = users;
  if (scope.ips.length > 0) body.ipAddressFilters = [...scope.ips];
  if (scope.sessions.length === 1) body.keywordFilter = scope.sessions[0];
  return body;
}

/** The body as the JSON text to post. */
export function graphAuditQuery(scope: FollowUpScope): string {
  return `${JSON.stringify(graphAuditQueryBody(scope), null, 2)}\n`;
}
