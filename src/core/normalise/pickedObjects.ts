import { NAMES, TOP_COUNT } from './auditKeys';

export type Scalar = string | number | boolean | null;
export type Obj = Record<string, unknown>;

/*
 * Builders of the picked objects: value `v[k]` under known name k when bit k of `m` is set, in the
 * order of the names (the key order of a picked object is not observed: fields are read by name).
 * Every name is present, undefined when the text lacks it: records differ in the fields they carry,
 * and objects built from their subsets had a shape each, which made the builder's stores and the
 * normaliser's reads megamorphic (a 300,000-record export: 4-6 % less CPU with one shape per kind).
 * Object literals, so each store is a named one; `checkBuilders` proves them in step with the names.
 */
type Build = (v: unknown[], m: number) => Obj;

const buildTop: Build = (v, m) => ({
  Id: m & 0x1 ? v[0] : undefined,
  CreationTime: m & 0x2 ? v[1] : undefined,
  Operation: m & 0x4 ? v[2] : undefined,
  RecordType: m & 0x8 ? v[3] : undefined,
  MailboxOwnerUPN: m & 0x10 ? v[4] : undefined,
  MailboxGuid: m & 0x20 ? v[5] : undefined,
  UserId: m & 0x40 ? v[6] : undefined,
  LogonType: m & 0x80 ? v[7] : undefined,
  UserType: m & 0x100 ? v[8] : undefined,
  OperationProperties: m & 0x200 ? v[9] : undefined,
  SessionId: m & 0x400 ? v[10] : undefined,
  AppAccessContext: m & 0x800 ? v[11] : undefined,
  ClientIPAddress: m & 0x1000 ? v[12] : undefined,
  ClientIP: m & 0x2000 ? v[13] : undefined,
  ClientInfoString: m & 0x4000 ? v[14] : undefined,
  AppId: m & 0x8000 ? v[15] : undefined,
  ClientAppId: m & 0x10000 ? v[16] : undefined,
  OperationCount: m & 0x20000 ? v[17] : undefined,
  ExternalAccess: m & 0x40000 ? v[18] : undefined,
  OrganizationId: m & 0x80000 ? v[19] : undefined,
  TokenTenantId: m & 0x100000 ? v[20] : undefined,
  OriginatingServer: m & 0x200000 ? v[21] : undefined,
  Folders: m & 0x400000 ? v[22] : undefined,
  Item: m & 0x800000 ? v[23] : undefined,
});
const buildProperty: Build = (v, m) => ({
  Name: m & 0x1 ? v[0] : undefined,
  Value: m & 0x2 ? v[1] : undefined,
});
const buildAppContext: Build = (v, m) => ({
  AADSessionId: m & 0x1 ? v[0] : undefined,
});
const buildFolder: Build = (v, m) => ({
  Id: m & 0x1 ? v[0] : undefined,
  Path: m & 0x2 ? v[1] : undefined,
  Name: m & 0x4 ? v[2] : undefined,
  FolderItems: m & 0x8 ? v[3] : undefined,
});
const buildItem: Build = (v, m) => ({
  Id: m & 0x1 ? v[0] : undefined,
  InternetMessageId: m & 0x2 ? v[1] : undefined,
  SizeInBytes: m & 0x4 ? v[2] : undefined,
  Subject: m & 0x8 ? v[3] : undefined,
  ParentFolder: m & 0x10 ? v[4] : undefined,
});
/** By `Kind`. */
export const BUILD: readonly Build[] = [
  buildTop,
  buildProperty,
  buildAppContext,
  buildFolder,
  buildFolder,
  buildItem,
  buildItem,
];

/** Throws at load when a builder and its names disagree (a name added to one list and not the other). */
export function checkBuilders(): void {
  BUILD.forEach((build, kind) => {
    // Wrapper keys (beyond the AuditData fields) are never stored.
    const names = kind === 0 ? NAMES[kind].names.slice(0, TOP_COUNT) : NAMES[kind].names; // 0: Kind.Top
    const built = build([...names], 2 ** names.length - 1);
    const keys = Object.keys(built);
    if (keys.length !== names.length || keys.some((key, i) => key !== names[i] || built[key] !== key))
      throw new Error(
        `internal: the builder of picked objects of kind ${kind} is out of step with its names`,
      );
  });
}
