/**
 * Microsoft's own KQL parser and semantic analyser (`@kusto/language-service-next`, the Bridge.NET
 * build of Kusto.Language) for the tests: a query must parse and bind against the real columns of
 * the table it names with no diagnostic at all.
 *
 * The package is not a CommonJS module: `bridge.js` installs the Bridge runtime as the global
 * `Bridge`, then `Kusto.Language.Bridge.js` registers the `Kusto` namespace on the global object.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call,
   @typescript-eslint/no-unsafe-return --
   the Bridge.NET build has typings only for its own global namespace, not as a module. */

let kusto: any;

function load(): any {
  if (kusto) return kusto;
  const req = createRequire(path.join(repoRoot, 'package.json'));
  req('@kusto/language-service-next/bridge.js');
  req('@kusto/language-service-next/Kusto.Language.Bridge.js');
  kusto = (globalThis as any).Kusto.Language;
  return kusto;
}

/**
 * `OfficeActivity` as published in the Azure Monitor table reference
 * (learn.microsoft.com/azure/azure-monitor/reference/tables/officeactivity): every column with its
 * type. `Folders` and `Item` are strings (JSON text), `OperationProperties` and
 * `AppAccessContext` dynamic; there is no `SessionId` column.
 */
export const OFFICE_ACTIVITY_SCHEMA =
  '(AADGroupId:string, AADTarget:string, Activity:string, Actor:string, ActorContextId:string, ActorIpAddress:string, ' +
  'AddOnGuid:string, AddonName:string, AddOnType:string, AffectedItems:string, AppAccessContext:dynamic, ' +
  'AppDistributionMode:string, AppId:string, Application:string, ApplicationId:string, AppPoolName:string, ' +
  'ArtifactsShared:dynamic, Attendees:dynamic, AzureActiveDirectory_EventType:string, AzureADAppId:string, ' +
  '_BilledSize:real, ChannelGuid:string, ChannelName:string, ChannelType:string, ChatName:string, ChatThreadId:string, ' +
  'Client:string, Client_IPAddress:string, ClientAppId:string, ClientInfoString:string, ClientIP:string, ' +
  'ClientMachineName:string, ClientProcessName:string, ClientVersion:string, CommunicationType:string, ' +
  'CrossMailboxOperations:bool, CustomEvent:string, DataCenterSecurityEventType:int, DestFolder:string, ' +
  'DestinationFileExtension:string, DestinationFileName:string, DestinationRelativeUrl:string, DestMailboxId:string, ' +
  'DestMailboxOwnerMasterAccountSid:string, DestMailboxOwnerSid:string, DestMailboxOwnerUPN:string, ' +
  'DeviceInformation:string, EffectiveOrganization:string, ElevationApprovedTime:datetime, ElevationApprover:string, ' +
  'ElevationDuration:int, ElevationRequestId:string, ElevationRole:string, ElevationTime:datetime, Event_Data:string, ' +
  'EventSource:string, ExtendedProperties:string, ExternalAccess:string, ExtraProperties:dynamic, Folder:string, ' +
  'Folders:string, GenericInfo:string, InternalLogonType:int, InterSystemsId:string, IntraSystemId:string, ' +
  '_IsBillable:string, IsJoinedFromLobby:bool, IsManagedDevice:bool, Item:string, ItemName:string, ItemType:string, ' +
  'JoinTime:datetime, LeaveTime:datetime, ListItemUniqueId:string, LoginStatus:int, Logon_Type:string, ' +
  'LogonUserDisplayName:string, LogonUserSid:string, MachineDomainInfo:string, MachineId:string, MailboxGuid:string, ' +
  'MailboxOwnerMasterAccountSid:string, MailboxOwnerSid:string, MailboxOwnerUPN:string, MeetingDetailId:string, ' +
  'Members:dynamic, MessageId:string, ModifiedObjectResolvedName:string, ModifiedProperties:string, Name:string, ' +
  'NewValue:string, OfficeId:string, OfficeObjectId:string, OfficeTenantId:string, OfficeWorkload:string, ' +
  'OldValue:string, Operation:string, OperationProperties:dynamic, OperationScope:string, OrganizationId:string, ' +
  'OrganizationName:string, OriginatingServer:string, Parameters:string, RecordType:string, _ResourceId:string, ' +
  'ResultReasonType:string, ResultStatus:string, SendAsUserMailboxGuid:string, SendAsUserSmtp:string, ' +
  'SendonBehalfOfUserMailboxGuid:string, SendOnBehalfOfUserSmtp:string, SensitivityLabelId:string, SharingType:string, ' +
  'Site_:string, Site_Url:string, Source_Name:string, SourceFileExtension:string, SourceFileName:string, ' +
  'SourceRecordId:string, SourceRelativeUrl:string, SourceSystem:string, SRPolicyId:string, SRPolicyName:string, ' +
  'SRRuleMatchDetails:dynamic, Start_Time:datetime, _SubscriptionId:string, SupportTicketId:string, TabType:string, ' +
  'TargetContextId:string, TargetUserId:string, TargetUserOrGroupName:string, TargetUserOrGroupType:string, ' +
  'TeamGuid:string, TeamName:string, TenantId:string, TimeGenerated:datetime, Type:string, UniqueSharingId:string, ' +
  'UserAgent:string, UserDomain:string, UserId:string, UserKey:string, UserSharedWith:string, UserType:string)';

/**
 * `CloudAppEvents` as published in the Defender XDR advanced hunting reference
 * (learn.microsoft.com/defender-xdr/advanced-hunting-cloudappevents-table): `RawEventData` and the
 * other structured columns are dynamic.
 */
export const CLOUD_APP_EVENTS_SCHEMA =
  '(Timestamp:datetime, ActionType:string, Application:string, ApplicationId:int, AppInstanceId:int, ' +
  'AccountObjectId:string, AccountId:string, AccountDisplayName:string, IsAdminOperation:bool, DeviceType:string, ' +
  'OSPlatform:string, IPAddress:string, IsAnonymousProxy:bool, CountryCode:string, City:string, ISP:string, ' +
  'UserAgent:string, ActivityType:string, ActivityObjects:dynamic, ObjectName:string, ObjectType:string, ' +
  'ObjectId:string, ReportId:string, AccountType:string, IsExternalUser:bool, IsImpersonated:bool, IPTags:dynamic, ' +
  'IPCategory:string, UserAgentTags:dynamic, RawEventData:dynamic, AdditionalFields:dynamic, ' +
  'LastSeenForUser:dynamic, UncommonForUser:dynamic, AuditSource:string, SessionData:dynamic, OAuthAppId:string)';

/** One diagnostic, as text: severity, code, message and where. */
export interface KqlDiagnostic {
  severity: string;
  code: string;
  message: string;
  start: number;
  length: number;
}

let globals: any;

function globalState(): any {
  if (globals) return globals;
  const K = load();
  const tables = [
    K.Symbols.TableSymbol.From(OFFICE_ACTIVITY_SCHEMA).WithName('OfficeActivity'),
    K.Symbols.TableSymbol.From(CLOUD_APP_EVENTS_SCHEMA).WithName('CloudAppEvents'),
  ];
  const db = new K.Symbols.DatabaseSymbol.ctor('SecurityWorkspace', tables);
  globals = K.GlobalState.Default.WithDatabase(db);
  return globals;
}

/** Parses and analyses `query` against the two tables; returns every diagnostic (none: valid). */
export function kqlDiagnostics(query: string): KqlDiagnostic[] {
  const code = load().KustoCode.ParseAndAnalyze(query, globalState());
  const list = code.GetDiagnostics();
  const out: KqlDiagnostic[] = [];
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    out.push({
      severity: String(d.Severity),
      code: d.Code,
      message: d.Message,
      start: d.Start,
      length: d.Length,
    });
  }
  return out;
}

/** Diagnostics printed with the query line they point at (for assertion messages). */
export function describeDiagnostics(query: string, diagnostics: readonly KqlDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const lineStart = query.lastIndexOf('\n', d.start - 1) + 1;
      const lineEnd = query.indexOf('\n', d.start);
      const line = query.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      const lineNo = query.slice(0, d.start).split('\n').length;
      return `${d.severity} ${d.code} at line ${lineNo}: ${d.message}\n    ${line}`;
    })
    .join('\n');
}

/** The value of a KQL string literal as Kusto.Language reads it. */
export function kqlLiteralValue(literal: string): string {
  return load().KustoFacts.GetStringLiteralValue(literal);
}

/** The values of every string literal token in `query`, in order, as the parser reads them. */
export function kqlStringLiterals(query: string): string[] {
  const K = load();
  const code = K.KustoCode.Parse(query);
  const out: string[] = [];
  const tokens = code.Syntax.GetDescendants(K.Syntax.LiteralExpression);
  for (let i = 0; i < tokens.Count; i++) {
    const lit = tokens.getItem(i);
    if (lit.Kind === K.Syntax.SyntaxKind.StringLiteralExpression) out.push(String(lit.LiteralValue));
  }
  return out;
}
