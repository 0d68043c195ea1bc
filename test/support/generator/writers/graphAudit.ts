/**
 * Microsoft Graph audit log query results (`security/auditLog/queries/{id}/records`): camelCase
 * envelope with `auditData` as an object, as a JSON array, a `{ value: [...] }` page, or a CSV.
 */
import { auditJson } from '../json';
import type { AuditRecord } from '../records';
import { Rng, hashSeed } from '../prng';
import { isoZ } from '../time';
import { recordTypeCamel } from '../vocabulary';
import {
  assertSupported,
  csvField,
  csvJsonField,
  eolOf,
  formatTime,
  text,
  userTypeName,
  type Piece,
  type Renderer,
} from './common';

export const GRAPH_CSV_COLUMNS = [
  'id',
  'createdDateTime',
  'auditLogRecordType',
  'operation',
  'organizationId',
  'userType',
  'userId',
  'service',
  'objectId',
  'userPrincipalName',
  'clientIp',
  'administrativeUnits',
  'auditData',
];

/** The Graph auditLogRecord for one AuditData (fields absent from the AuditData stay absent). */
export function graphRecord(audit: AuditRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': '#microsoft.graph.security.auditLogRecord' };
  if (typeof audit.Id === 'string') out.id = audit.Id;
  const created = formatTime(audit, isoZ);
  if (created) out.createdDateTime = created;
  out.auditLogRecordType =
    typeof audit.RecordType === 'number' ? recordTypeCamel(audit.RecordType) : 'unknownFutureValue';
  out.operation = text(audit, 'Operation');
  out.organizationId = text(audit, 'OrganizationId');
  out.userType = userTypeName(audit).replace(/^./, (c) => c.toLowerCase());
  out.userId = text(audit, 'UserKey');
  out.service = text(audit, 'Workload');
  out.objectId = text(audit, 'MailboxGuid');
  out.userPrincipalName = text(audit, 'UserId');
  out.clientIp = text(audit, 'ClientIPAddress') || text(audit, 'ClientIP');
  out.administrativeUnits = Array.isArray(audit.AssociatedAdminUnits) ? audit.AssociatedAdminUnits : [];
  out.auditData = { '@odata.type': '#microsoft.graph.security.defaultAuditData', ...audit };
  return out;
}

export const renderGraphJson: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  const page = options.graphShape === 'value-page';
  if (page) {
    const query = new Rng(hashSeed('graph-query')).guid();
    yield {
      text: `{"@odata.context":"https://graph.microsoft.com/beta/$metadata#security/auditLog/queries('${query}')/records","value":[`,
    };
  } else {
    yield { text: '[' + eol };
  }
  let first = true;
  for (const { audit, broken } of rows) {
    assertSupported('graph-audit-json', broken, []);
    if (!first) yield { text: page ? ',' : ',' + eol };
    first = false;
    yield { text: auditJson(graphRecord(audit)), row: true };
  }
  yield { text: page ? ']}' + eol : (first ? '' : eol) + ']' + eol };
};

export const renderGraphCsv: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  yield { text: GRAPH_CSV_COLUMNS.join(',') + eol };
  for (const { audit, broken } of rows) {
    assertSupported('graph-audit-csv', broken, ['truncated-json', 'broken-quoting']);
    const g = graphRecord(audit);
    const fields = GRAPH_CSV_COLUMNS.map((c) => {
      if (c === 'auditData') return csvJsonField(auditJson(g.auditData), broken, false);
      const v = g[c];
      return csvField(v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v), false);
    });
    yield { text: fields.join(',') + eol, row: true };
  }
};
