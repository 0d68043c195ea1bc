/**
 * Ordinary mailbox activity: owners reading mail through their clients over the scenario's days,
 * desktop Outlook syncing folders, a delegate reading a shared mailbox, an app-only backup tool,
 * plus the sign-ins, sends and moves that exports hold beside MailItemsAccessed records.
 */
import type { Cast, CastMember, ContextTemplate } from './cast';
import type { FolderDef, MailboxProfile, MessageDef, Organisation } from './mailboxes';
import { Rng, hashSeed } from './prng';
import {
  buildBind,
  buildItemOperation,
  buildSyncFolders,
  buildSyncItem,
  buildUserLoggedIn,
  type AccessContext,
  type AuditRecord,
  type BindFolder,
  type RecordParams,
} from './records';
import { DAY, HOUR, SECOND } from './time';
import type { FolderRole } from './vocabulary';

/** A generated record with what the scenario builder needs to know about it. */
export interface GeneratedRecord {
  audit: AuditRecord;
  timeMs: number;
  mailbox: string;
  kind: 'bind' | 'sync' | 'other';
  /** Background activity may be dropped where the scenario models throttling (no Binds written). */
  background: boolean;
}

/** Gives message `index` of a mailbox (the scenario may override subjects of planted messages). */
export type MessageSource = (mailbox: MailboxProfile, index: number) => MessageDef;

const SYNC_FOLDERS: readonly (readonly [FolderRole, number])[] = [
  ['inbox', 6],
  ['sent', 2],
  ['archive', 1],
  ['finance', 1],
  ['projects', 1],
  ['deleted', 1],
];

/** Simulates `days` days of ordinary activity for every member of the cast. */
export function ownerActivity(
  seed: number,
  cast: Cast,
  startMs: number,
  days: number,
  messages: MessageSource,
): GeneratedRecord[] {
  const out: GeneratedRecord[] = [];
  for (const member of cast.members) {
    if (member.contexts.length === 0 || member.dailyRecords === 0) continue;
    for (let day = 0; day < days; day++) {
      const rng = new Rng(hashSeed(seed, 'owner-day', member.mailbox.profile.upn, day));
      simulateDay(rng, seed, cast.org, member, startMs + day * DAY, day, messages, out);
    }
  }
  return out;
}

function simulateDay(
  rng: Rng,
  seed: number,
  org: Organisation,
  member: CastMember,
  dayMs: number,
  day: number,
  messages: MessageSource,
  out: GeneratedRecord[],
): void {
  const weekend = [0, 6].includes(new Date(dayMs).getUTCDay());
  const active = member.contexts.filter((c) => !weekend || c.weekends);
  if (active.length === 0) return;
  const mailbox = member.mailbox.profile;
  const count = Math.round(member.dailyRecords * (weekend ? 0.15 : 0.7 + rng.next() * 0.6));
  const withSessions = active.map((t) => ({ t, ctx: sessionFor(seed, t, mailbox, day) }));
  const weights = withSessions.map((w) => [w, w.t.weight] as const);
  for (let i = 0; i < count; i++) {
    const { t, ctx } = rng.weighted(weights);
    const timeMs = dayMs + t.hours[0] * HOUR + rng.int(0, (t.hours[1] - t.hours[0]) * 3600 - 1) * SECOND;
    const p: RecordParams = { rng, org, mailbox, ctx, timeMs };
    if (t.syncs && rng.chance(0.35)) {
      const role = rng.weighted(SYNC_FOLDERS);
      const folder = mailbox.folders.find((f) => f.role === role) as FolderDef;
      const audit = rng.chance(0.7) ? buildSyncFolders(p, folder) : buildSyncItem(p, folder);
      out.push({ audit, timeMs, mailbox: mailbox.upn, kind: 'sync', background: true });
      continue;
    }
    const itemCount =
      ctx.userType === 5
        ? rng.int(5, 20)
        : rng.weighted([
            [1, 5],
            [2, 3],
            [3, 2],
            [4, 1],
            [6, 1],
            [8, 0.5],
          ] as const);
    out.push({
      audit: buildBind(p, bindFolders(rng, mailbox, itemCount, messages)),
      timeMs,
      mailbox: mailbox.upn,
      kind: 'bind',
      background: true,
    });
  }
  if (!weekend) otherOperations(rng, org, mailbox, withSessions, dayMs, messages, out);
}

/** Picks `itemCount` distinct messages (recent ones more often) and groups them by folder. */
export function bindFolders(
  rng: Rng,
  mailbox: MailboxProfile,
  itemCount: number,
  messages: MessageSource,
): BindFolder[] {
  const seen = new Set<number>();
  const byFolder = new Map<string, BindFolder>();
  for (let i = 0; i < itemCount; i++) {
    const index = rng.skewedIndex(mailbox.messageCount);
    if (seen.has(index)) continue;
    seen.add(index);
    const message = messages(mailbox, index);
    let group = byFolder.get(message.folder.id);
    if (!group) byFolder.set(message.folder.id, (group = { folder: message.folder, items: [] }));
    group.items.push({ message, floatSize: rng.chance(0.03) });
  }
  return [...byFolder.values()];
}

/** The context of one day: owner sessions rotate every few days, app-only access has none. */
function sessionFor(seed: number, t: ContextTemplate, mailbox: MailboxProfile, day: number): AccessContext {
  if (t.sessionDays === 0) return t.ctx;
  const session = new Rng(
    hashSeed(seed, 'session', mailbox.upn, t.ctx.label, Math.floor(day / t.sessionDays)),
  ).guid();
  return t.ctx.style === 'legacy'
    ? { ...t.ctx, sessionId: session }
    : { ...t.ctx, sessionId: session, aadSessionId: session };
}

function otherOperations(
  rng: Rng,
  org: Organisation,
  mailbox: MailboxProfile,
  contexts: { t: ContextTemplate; ctx: AccessContext }[],
  dayMs: number,
  messages: MessageSource,
  out: GeneratedRecord[],
): void {
  const people = contexts.filter((c) => c.ctx.userType !== 5 && c.ctx.logonType === 0);
  if (people.length === 0) return;
  const at = () => dayMs + rng.int(7 * 3600, 19 * 3600) * SECOND;
  const push = (audit: AuditRecord, timeMs: number) =>
    out.push({ audit, timeMs, mailbox: mailbox.upn, kind: 'other', background: false });
  for (let i = rng.int(1, 2); i > 0; i--) {
    const { ctx } = rng.pick(people);
    const timeMs = at();
    push(
      buildUserLoggedIn(
        { rng, org, mailbox, ctx, timeMs },
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/131.0',
      ),
      timeMs,
    );
  }
  const ops: [string, number][] = [
    ['Send', rng.int(0, 3)],
    ['AttachmentAccess', rng.chance(0.3) ? 1 : 0],
    ['MoveToDeletedItems', rng.chance(0.3) ? 1 : 0],
    ['MailboxLogin', rng.chance(0.2) ? 1 : 0],
  ];
  for (const [operation, n] of ops) {
    for (let i = 0; i < n; i++) {
      const { ctx } = rng.pick(people);
      const timeMs = at();
      const message = messages(mailbox, rng.skewedIndex(mailbox.messageCount));
      push(buildItemOperation({ rng, org, mailbox, ctx, timeMs }, operation, message), timeMs);
    }
  }
}
