import type { AccessType, MiaRecord } from '../../../src/core/model';
import { folderKey, messageIdKey } from '../../../src/core/normalise/matchKeys';

/** Hour in ms. */
export const H = 3_600_000;
/** A fixed origin for test times. */
export const T0 = Date.UTC(2024, 4, 1, 0, 0, 0);

let line = 0;

/** A normalised record built directly (analyses need no AuditData); provenance lines count up. */
export function rec(spec: {
  id?: string;
  timeMs: number;
  mailbox?: string;
  access?: AccessType;
  throttled?: boolean;
  session?: string;
  ip?: string;
  client?: string;
  appId?: string;
  clientAppId?: string;
  actor?: string;
  folders?: { path: string; ids?: string[]; subjects?: string[]; sizes?: number[] }[];
  sourceIndex?: number;
  line?: number;
}): MiaRecord {
  line++;
  const mailbox = spec.mailbox ?? 'victim@contoso.com';
  const r: MiaRecord = {
    id: spec.id ?? `rec-${line}`,
    timeMs: spec.timeMs,
    mailbox,
    mailboxKey: mailbox.toLowerCase(),
    accessType: spec.access ?? 'Bind',
    folders: (spec.folders ?? []).map((f) => ({
      path: f.path,
      key: folderKey(f.path),
      items: (f.ids ?? []).map((id, i) => {
        const m: { internetMessageId: string; key: string; subject?: string; sizeInBytes?: number } = {
          internetMessageId: id,
          key: messageIdKey(id),
        };
        if (f.subjects?.[i] !== undefined) m.subject = f.subjects[i];
        if (f.sizes?.[i] !== undefined) m.sizeInBytes = f.sizes[i];
        return m;
      }),
    })),
    provenance: {
      sourceIndex: spec.sourceIndex ?? 0,
      line: spec.line ?? line,
      offset: line * 100,
      length: 100,
    },
  };
  if (spec.throttled !== undefined) r.isThrottled = spec.throttled;
  if (spec.session !== undefined) r.sessionId = spec.session;
  if (spec.ip !== undefined) r.ip = spec.ip;
  if (spec.client !== undefined) r.clientInfo = spec.client;
  if (spec.appId !== undefined) r.appId = spec.appId;
  if (spec.clientAppId !== undefined) r.clientAppId = spec.clientAppId;
  if (spec.actor !== undefined) r.actor = spec.actor;
  return r;
}

/** `n` records of one mailbox spread evenly over [startMs, startMs + spanMs). */
export function burst(
  n: number,
  startMs: number,
  spanMs: number,
  spec: Partial<Parameters<typeof rec>[0]> = {},
): MiaRecord[] {
  const out: MiaRecord[] = [];
  for (let i = 0; i < n; i++) out.push(rec({ ...spec, timeMs: startMs + Math.floor((i * spanMs) / n) }));
  return out;
}
