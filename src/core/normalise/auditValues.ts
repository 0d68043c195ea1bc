import type { AccessType } from '../model';
import type { MiaAudit } from './auditSchema';
import { folderKey, ipv4WithPortHost, normaliseIp } from './matchKeys';
import { mapMemo, recentMemo } from './textMemo';

/*
 * The value rules of normalisation (spec §2), shared by `normaliseCanonical` (which builds a record)
 * and the workers' batch writer (which writes the same values straight into a batch, see
 * worker/auditRows.ts): one place for each rule, so the two cannot drift apart.
 */

export function trimmed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

export function toNumber(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

/** An enum written as a number, numeric text or its name (any case); undefined when unknown. */
export function enumValue(
  value: string | number | undefined,
  names: Readonly<Record<string, number>>,
): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (value === undefined) return undefined;
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const name = t.toLowerCase().replace(/[^a-z]/g, '');
  return Object.hasOwn(names, name) ? names[name] : undefined;
}

/*
 * Normalisations of values that repeat from record to record, remembered (see textMemo.ts): the
 * same few operations, property names and access types in every record, and some hundreds of
 * mailboxes, folder paths and client IPs.
 */
export const isMiaOperation = recentMemo((operation) => operation.toLowerCase() === 'mailitemsaccessed', 2);
export const foldedName = recentMemo((name) => name.trim().toLowerCase());
export const accessTypeOf = recentMemo((value): AccessType => {
  const t = value.trim().toLowerCase();
  return t === 'bind' ? 'Bind' : t === 'sync' ? 'Sync' : 'Unknown';
});
export const lowerCase = mapMemo((text) => text.toLowerCase());
export const folderKeyOf = mapMemo(folderKey);
export const ipOf = mapMemo(normaliseIp);

/** `OperationProperties` looked up by Name (never by position: newer records reorder and drop entries). */
export function property(audit: MiaAudit, name: string): unknown {
  const props = audit.OperationProperties;
  if (props === undefined) return undefined;
  for (let i = 0; i < props.length; i++) {
    if (foldedName(props[i].Name) === name) return props[i].Value;
  }
  return undefined;
}

export function accessType(value: unknown): AccessType {
  return typeof value === 'string' ? accessTypeOf(value) : 'Unknown';
}

export function creationTimeText(value: MiaAudit['CreationTime']): string {
  // PowerShell's ConvertTo-Json may wrap a DateTime as { value: "/Date(ms)/", DateTime: "…" }.
  return typeof value === 'string' ? value : value.value;
}

/** The session: `SessionId`, else `AppAccessContext.AADSessionId` (trimmed, when not empty). */
export function sessionOf(a: MiaAudit): string | undefined {
  return trimmed(a.SessionId) ?? trimmed(a.AppAccessContext?.AADSessionId);
}

/** The client IP: `ClientIPAddress` unless blank, else `ClientIP`, normalised (see `normaliseIp`). */
export function clientIp(a: MiaAudit): string | undefined {
  const ipText =
    a.ClientIPAddress !== undefined && a.ClientIPAddress.trim() !== '' ? a.ClientIPAddress : a.ClientIP;
  return ipText === undefined ? undefined : (ipv4WithPortHost(ipText) ?? ipOf(ipText));
}

/** `ClientInfoString` as written, when not empty. */
export function clientInfoOf(a: MiaAudit): string | undefined {
  return a.ClientInfoString !== undefined && a.ClientInfoString !== '' ? a.ClientInfoString : undefined;
}
