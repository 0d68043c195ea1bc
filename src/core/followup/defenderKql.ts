import type { FollowUpScope } from './followUpScope';
import { buildKql, type KqlSource } from './kqlQuery';

/**
 * Defender XDR advanced hunting `CloudAppEvents`: `RawEventData` is the full AuditData (a dynamic
 * bag), so every field is read from it by name. Time filters on `Timestamp` (indexed); the
 * record's own `CreationTime` is what the rows show.
 */
const CLOUD_APP_EVENTS: KqlSource = {
  table: 'CloudAppEvents',
  timeColumn: 'Timestamp',
  operation: 'ActionType == "MailItemsAccessed"',
  fields: [
    'RecordId = tostring(RawEventData.Id), CreationTime = todatetime(RawEventData.CreationTime)',
    'MailboxOwnerUPN = tostring(RawEventData.MailboxOwnerUPN), MailboxGuid = tostring(RawEventData.MailboxGuid)',
    'UserId = tostring(RawEventData.UserId), LogonType = tostring(RawEventData.LogonType)',
    'SessionIdRaw = tostring(RawEventData.SessionId), AadSessionId = tostring(RawEventData.AppAccessContext.AADSessionId)',
    'ClientIpRaw = iff(isnotempty(trim(@"\\s+", tostring(RawEventData.ClientIPAddress))), tostring(RawEventData.ClientIPAddress), tostring(RawEventData.ClientIP))',
    'ClientInfoString = tostring(RawEventData.ClientInfoString), AppId = tostring(RawEventData.AppId), ClientAppId = tostring(RawEventData.ClientAppId)',
    'MiaOperationProperties = RawEventData.OperationProperties, MiaFolders = RawEventData.Folders, MiaItem = RawEventData.Item',
  ],
};

/** The Defender XDR `CloudAppEvents` KQL for the scope. */
export function defenderKql(scope: FollowUpScope): string {
  return buildKql('Microsoft Defender XDR advanced hunting (CloudAppEvents)', CLOUD_APP_EVENTS, scope);
}
