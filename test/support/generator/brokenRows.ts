/**
 * Rows that must be rejected, built from records found nowhere else (their messages come from
 * beyond every mailbox's ordinary message range), so an engine that wrongly accepts one shows
 * messages or counts the truth does not have. Plus one valid record over 32,767 characters.
 */
import type { Cast } from './cast';
import type { GeneratedRecord, MessageSource } from './ownerActivity';
import { bindFolders } from './ownerActivity';
import { Rng, hashSeed } from './prng';
import {
  buildBind,
  buildSyncFolders,
  type AccessContext,
  type BindFolder,
  type RecordParams,
} from './records';
import type { ExportRow } from './scenarioTypes';
import { DAY, HOUR } from './time';
import type { MailboxProfile } from './mailboxes';
import { folderOf } from './mailboxes';

/** The broken rows by purpose (the export plan puts each in a file whose container can carry it). */
export interface BrokenSet {
  /** AuditData over 32,767 chars, cut by a spreadsheet re-save (CSV). */
  truncatedCell: ExportRow;
  missingId: ExportRow;
  brokenQuoting: ExportRow;
  missingCreationTime: ExportRow;
  invalidCreationTime: ExportRow;
  /** A JSON line cut short (JSON Lines / Defender lines). */
  truncatedLine: ExportRow;
  /** A valid Bind record over 32,767 characters of JSON (it must be read, not rejected). */
  bigValid: GeneratedRecord;
}

export function plantBroken(seed: number, cast: Cast, startMs: number, messages: MessageSource): BrokenSet {
  const rng = new Rng(hashSeed(seed, 'broken'));
  const member = (role: Parameters<Cast['byRole']>[0], upn?: string) =>
    upn ? (cast.members.find((m) => m.mailbox.profile.upn === upn) ?? cast.byRole(role)) : cast.byRole(role);
  const owners = cast.members.filter((m) => m.mailbox.role === 'owner');
  const amelia = owners[owners.length > 1 ? 1 : 0];
  const jonas = owners[0];
  const victim = member('victim');
  const flag = member('throttled-flag');
  let fresh = 0;
  // Messages past every mailbox's ordinary range: read only by this broken record.
  const unique = (mailbox: MailboxProfile, count: number): BindFolder[] => {
    const byFolder = new Map<string, BindFolder>();
    for (let i = 0; i < count; i++) {
      const message = messages(mailbox, mailbox.messageCount + 1000 + fresh++);
      const g = byFolder.get(message.folder.id) ?? { folder: message.folder, items: [] };
      g.items.push({ message });
      byFolder.set(message.folder.id, g);
    }
    return [...byFolder.values()];
  };
  const ctxOf = (m: typeof victim, label: string): AccessContext => {
    const t = m.contexts.find((c) => c.ctx.label === label) ?? m.contexts[0];
    return {
      ...t.ctx,
      sessionId: rng.guid(),
      aadSessionId: t.ctx.style === 'legacy' ? undefined : rng.guid(),
    };
  };
  const params = (m: typeof victim, label: string, timeMs: number): RecordParams => ({
    rng,
    org: cast.org,
    mailbox: m.mailbox.profile,
    ctx: ctxOf(m, label),
    timeMs,
  });
  const long = (m: typeof victim, label: string, timeMs: number) =>
    buildBind(
      { ...params(m, label, timeMs), ctx: { ...ctxOf(m, label), style: 'y2025' } },
      unique(m.mailbox.profile, 100),
    );

  const missingId = buildBind(
    params(jonas, 'owner-owa', startMs + 5 * DAY + 11 * HOUR),
    unique(jonas.mailbox.profile, 3),
  );
  delete missingId.Id;
  const missingTime = buildSyncFolders(
    params(flag, 'owner-desktop', startMs + 10 * DAY + 8 * HOUR),
    folderOf(flag.mailbox.profile, 'archive'),
  );
  delete missingTime.CreationTime;
  const invalidTime = buildBind(
    params(victim, 'owner-owa', startMs + 8 * DAY + 9 * HOUR),
    unique(victim.mailbox.profile, 2),
  );
  invalidTime.CreationTime = '2025-03-11 25:61:00 (edited)';
  const bigTime = startMs + 3 * DAY + 15 * HOUR;
  const big = buildBind(
    { ...params(jonas, 'owner-owa', bigTime), ctx: { ...ctxOf(jonas, 'owner-owa'), style: 'y2026' } },
    bindFolders(rng, jonas.mailbox.profile, 400, messages),
  );
  return {
    truncatedCell: {
      audit: long(amelia, 'owner-android', startMs + 2 * DAY + 10 * HOUR),
      broken: 'truncated-json',
    },
    missingId: { audit: missingId, broken: 'missing-id' },
    brokenQuoting: {
      audit: buildBind(
        params(amelia, 'owner-desktop', startMs + 9 * DAY + 14 * HOUR),
        unique(amelia.mailbox.profile, 2),
      ),
      broken: 'broken-quoting',
    },
    missingCreationTime: { audit: missingTime, broken: 'missing-creation-time' },
    invalidCreationTime: { audit: invalidTime, broken: 'invalid-creation-time' },
    truncatedLine: {
      audit: long(victim, 'owner-owa', startMs + 8 * DAY + 16 * HOUR),
      broken: 'truncated-json',
    },
    bigValid: {
      audit: big,
      timeMs: bigTime,
      mailbox: jonas.mailbox.profile.upn,
      kind: 'bind',
      background: false,
    },
  };
}
