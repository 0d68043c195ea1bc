import type { FollowUpScope } from './followUpScope';
import { buildKql, type KqlSource } from './kqlQuery';

/**
 * Microsoft Sentinel / Log Analytics `OfficeActivity`: the connector renames the AuditData fields
 * (`OfficeId`, `Client_IPAddress`, `Logon_Type`), keeps `Folders` and `Item` as JSON strings and
 * `OperationProperties` / `AppAccessContext` as dynamic. `SessionId` is not a column of the
 * published schema: it is read with `column_ifexists` so a workspace that has it uses it.
 */
const OFFICE_ACTIVITY: KqlSource = {
  table: 'OfficeActivity',
  timeColumn: 'TimeGenerated',
  operation: 'Operation == "MailItemsAccessed"',
  fields: [
    'RecordId = OfficeId, CreationTime = TimeGenerated, LogonType = Logon_Type',
    'SessionIdRaw = tostring(column_ifexists("SessionId", "")), AadSessionId = tostring(todynamic(AppAccessContext).AADSessionId)',
    // ClientIPAddress (the connector's Client_IPAddress) first, ClientIP as the fallback (spec §2).
    'ClientIpRaw = iff(isnotempty(trim(@"\\s+", Client_IPAddress)), Client_IPAddress, ClientIP)',
    'MiaOperationProperties = todynamic(OperationProperties), MiaFolders = todynamic(Folders), MiaItem = todynamic(Item)',
  ],
};

/** The Sentinel `OfficeActivity` KQL for the scope. */
export function sentinelKql(scope: FollowUpScope): string {
  return buildKql('Microsoft Sentinel (OfficeActivity)', OFFICE_ACTIVITY, scope);
}
