import { NAMES, TOP_COUNT } from './auditKeys';

export type Scalar = string | number | boolean | null;
export type Obj = Record<string, unknown>;

/*
 * Builders of the picked objects: value `v[k]` under known name k when bit k of `m` is set, in the
 * order of the names (the key order of a picked object is not observed: fields are read by name).
 * Written out so that each store is a named one; `checkBuilders` proves them in step with the names.
 */
type Build = (v: unknown[], m: number) => Obj;

const buildTop: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.CreationTime = v[1];
  if (m & 0x4) o.Operation = v[2];
  if (m & 0x8) o.RecordType = v[3];
  if (m & 0x10) o.MailboxOwnerUPN = v[4];
  if (m & 0x20) o.MailboxGuid = v[5];
  if (m & 0x40) o.UserId = v[6];
  if (m & 0x80) o.LogonType = v[7];
  if (m & 0x100) o.UserType = v[8];
  if (m & 0x200) o.OperationProperties = v[9];
  if (m & 0x400) o.SessionId = v[10];
  if (m & 0x800) o.AppAccessContext = v[11];
  if (m & 0x1000) o.ClientIPAddress = v[12];
  if (m & 0x2000) o.ClientIP = v[13];
  if (m & 0x4000) o.ClientInfoString = v[14];
  if (m & 0x8000) o.AppId = v[15];
  if (m & 0x10000) o.ClientAppId = v[16];
  if (m & 0x20000) o.OperationCount = v[17];
  if (m & 0x40000) o.ExternalAccess = v[18];
  if (m & 0x80000) o.OrganizationId = v[19];
  if (m & 0x100000) o.TokenTenantId = v[20];
  if (m & 0x200000) o.OriginatingServer = v[21];
  if (m & 0x400000) o.Folders = v[22];
  if (m & 0x800000) o.Item = v[23];
  return o;
};
const buildProperty: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Name = v[0];
  if (m & 0x2) o.Value = v[1];
  return o;
};
const buildAppContext: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.AADSessionId = v[0];
  return o;
};
const buildFolder: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.Path = v[1];
  if (m & 0x4) o.Name = v[2];
  if (m & 0x8) o.FolderItems = v[3];
  return o;
};
const buildItem: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.InternetMessageId = v[1];
  if (m & 0x4) o.SizeInBytes = v[2];
  if (m & 0x8) o.Subject = v[3];
  if (m & 0x10) o.ParentFolder = v[4];
  return o;
};
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
