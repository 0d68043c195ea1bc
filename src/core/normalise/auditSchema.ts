import * as z from 'zod/mini';

// zod/mini (not the classic `zod`): the same checks and issues, tree-shaken to what is used. The
// classic API with its forty locales was 750 kB of every bundle, a parse worker's included: each
// worker compiled and ran it at its start and held it for the whole load (about 6 MB per worker).

/**
 * What the engine relies on in a MailItemsAccessed AuditData (after `canonicalAudit`). Lenient:
 * unknown keys pass through, optional fields may be absent; a field that is present must have a
 * usable type, otherwise the row is rejected naming that field.
 */

const text = z.string();
/** Numbers arrive as JSON numbers or numeric text depending on the container. */
const numeric = z.union([z.number(), z.string().check(z.regex(/^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/))]);
/**
 * Ids are text, codes are numbers; either may arrive as the other (a container that turned a
 * numeric-looking id into a number, a code written as text) and is still readable.
 */
const textOrNumber = z.union([z.string(), z.number()]);

const folderItem = z.looseObject({
  InternetMessageId: z.optional(text),
  SizeInBytes: z.optional(numeric),
  Subject: z.optional(text),
});

const folder = z.looseObject({
  Id: z.optional(textOrNumber),
  Path: z.optional(text),
  Name: z.optional(text),
  FolderItems: z.optional(z.array(folderItem)),
});

const operationProperty = z.looseObject({
  Name: text,
  Value: z.optional(z.unknown()),
});

export const miaAuditSchema = z.looseObject({
  Id: z.string().check(z.minLength(1)),
  CreationTime: z.union([text, z.looseObject({ value: text })]),
  Operation: text,
  RecordType: z.optional(textOrNumber),
  MailboxOwnerUPN: z.optional(text),
  MailboxGuid: z.optional(text),
  UserId: z.optional(text),
  // Display-only enums: Sentinel and Graph may write names (`Owner`, `Regular`) instead of numbers.
  LogonType: z.optional(textOrNumber),
  UserType: z.optional(textOrNumber),
  OperationProperties: z.optional(z.array(operationProperty)),
  SessionId: z.optional(text),
  AppAccessContext: z.optional(z.looseObject({ AADSessionId: z.optional(text) })),
  ClientIPAddress: z.optional(text),
  ClientIP: z.optional(text),
  ClientInfoString: z.optional(text),
  AppId: z.optional(text),
  ClientAppId: z.optional(text),
  OperationCount: z.optional(numeric),
  ExternalAccess: z.optional(z.union([z.boolean(), z.string()])),
  OrganizationId: z.optional(text),
  TokenTenantId: z.optional(text),
  OriginatingServer: z.optional(text),
  Folders: z.optional(z.array(folder)),
  Item: z.optional(
    z.looseObject({
      InternetMessageId: z.optional(text),
      SizeInBytes: z.optional(numeric),
      Subject: z.optional(text),
      ParentFolder: z.optional(folder),
    }),
  ),
});

export type MiaAudit = z.infer<typeof miaAuditSchema>;

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || 'AuditData';
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Turns the first zod issue into a sentence a person understands, naming the field. */
export function explainIssue(error: z.core.$ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'AuditData is not valid';
  // A union reports one issue for the field; the field's own value says what was wrong.
  const path = issue.path;
  const name = fieldName(path);
  const value = at(input, path);
  if (value === undefined) return `field ${name} is missing`;
  if (issue.code === 'too_small' && typeof value === 'string') return `field ${name} is empty`;
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[String(issue.expected)] ?? String(issue.expected);
    return `field ${name} should be ${expected}, but is ${describe(value)}`;
  }
  if (issue.code === 'invalid_format' && typeof value === 'string') {
    // The only pattern in the schema is the one for numbers written as text.
    return `field ${name} should be a number, but is the text "${value.slice(0, 40)}"`;
  }
  if (issue.code === 'invalid_union') {
    return `field ${name} has an unusable value (${describe(value)}${typeof value === 'string' ? ` "${value.slice(0, 40)}"` : ''})`;
  }
  return `field ${name}: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------
// The fast path. Validating 300,000 records with zod allocated a copy of every object and cost a
// fifth of the read; nearly every record is valid. `fastMiaAudit` checks exactly what
// `miaAuditSchema` checks, by hand and without copying, and answers only "valid" (the same object,
// typed) or "ask zod": a record it does not accept goes through `miaAuditSchema.safeParse`, which
// decides and, on failure, names the field (so reasons are zod's, unchanged).

const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function optText(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}
function optNumeric(v: unknown): boolean {
  return v === undefined || typeof v === 'number' || (typeof v === 'string' && NUMERIC_TEXT.test(v));
}
function optNumberOrText(v: unknown): boolean {
  return v === undefined || typeof v === 'number' || typeof v === 'string';
}
function finite(v: unknown): boolean {
  // zod's z.number() rejects NaN and ±Infinity (JSON never yields them, a caller's object might).
  return typeof v !== 'number' || Number.isFinite(v);
}
function optEnum(v: unknown): boolean {
  return optNumberOrText(v) && finite(v);
}
function optFolderItem(v: unknown): boolean {
  return (
    isPlainObject(v) &&
    optText(v.InternetMessageId) &&
    optNumeric(v.SizeInBytes) &&
    finite(v.SizeInBytes) &&
    optText(v.Subject)
  );
}
function optFolder(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isPlainObject(v)) return false;
  if (!(optNumberOrText(v.Id) && finite(v.Id) && optText(v.Path) && optText(v.Name))) return false;
  const items = v.FolderItems;
  if (items === undefined) return true;
  if (!Array.isArray(items)) return false;
  for (const item of items) if (!optFolderItem(item)) return false;
  return true;
}

/**
 * `canon` itself, typed, when `miaAuditSchema` would accept it as it is; undefined when zod must
 * decide (invalid, or a shape this check does not vouch for).
 */
export function fastMiaAudit(canon: Record<string, unknown>): MiaAudit | undefined {
  const a = canon;
  if (typeof a.Id !== 'string' || a.Id.length < 1) return undefined;
  const t = a.CreationTime;
  if (typeof t !== 'string' && !(isPlainObject(t) && typeof t.value === 'string')) return undefined;
  if (typeof a.Operation !== 'string') return undefined;
  // Field by field rather than over lists of them: this runs once per record, and the lists were
  // two arrays made per record.
  if (!(optEnum(a.RecordType) && optEnum(a.LogonType) && optEnum(a.UserType))) return undefined;
  if (!(
    optText(a.MailboxOwnerUPN) &&
    optText(a.MailboxGuid) &&
    optText(a.UserId) &&
    optText(a.SessionId) &&
    optText(a.ClientIPAddress) &&
    optText(a.ClientIP) &&
    optText(a.ClientInfoString) &&
    optText(a.AppId) &&
    optText(a.ClientAppId) &&
    optText(a.OrganizationId) &&
    optText(a.TokenTenantId) &&
    optText(a.OriginatingServer)
  ))
    return undefined;
  if (!optNumeric(a.OperationCount) || !finite(a.OperationCount)) return undefined;
  const ext = a.ExternalAccess;
  if (ext !== undefined && typeof ext !== 'boolean' && typeof ext !== 'string') return undefined;
  const props = a.OperationProperties;
  if (props !== undefined) {
    if (!Array.isArray(props)) return undefined;
    for (const p of props) if (!isPlainObject(p) || typeof p.Name !== 'string') return undefined;
  }
  const ctx = a.AppAccessContext;
  if (ctx !== undefined && !(isPlainObject(ctx) && optText(ctx.AADSessionId))) return undefined;
  const folders = a.Folders;
  if (folders !== undefined) {
    if (!Array.isArray(folders)) return undefined;
    for (const f of folders) if (f === undefined || !optFolder(f)) return undefined;
  }
  const item = a.Item;
  if (item !== undefined) {
    if (!isPlainObject(item)) return undefined;
    if (!(optText(item.InternetMessageId) && optNumeric(item.SizeInBytes) && finite(item.SizeInBytes)))
      return undefined;
    if (!optText(item.Subject) || !optFolder(item.ParentFolder)) return undefined;
  }
  return a as MiaAudit;
}
