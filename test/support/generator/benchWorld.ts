/**
 * The benchmark's records: a tenant of 60 mailboxes read by their owners' clients for 30 days.
 * Record i is a pure function of (seed, i), so 300,000 records stream in any order without being
 * held in memory, and the CSV and the JSON Lines file carry exactly the same records.
 */
import { contextTemplate, type ClientKind, type ContextTemplate } from './cast';
import { makeMailbox, messageAt, type MailboxProfile, type MessageDef, type Organisation } from './mailboxes';
import { Rng, hashSeed } from './prng';
import {
  buildBind,
  buildSyncFolders,
  buildSyncItem,
  type AuditRecord,
  type BindFolder,
  type RecordStyle,
} from './records';
import { DAY, SECOND } from './time';
import type { FolderRole, Locale } from './vocabulary';

/** Everything fixed about the benchmark tenant. */
export interface BenchWorld {
  seed: number;
  records: number;
  org: Organisation;
  startMs: number;
  spanMs: number;
  mailboxes: { profile: MailboxProfile; contexts: ContextTemplate[] }[];
  /** Cumulative mailbox weights (some mailboxes are far busier than others). */
  cumulative: number[];
  /** Bounded cache of messages (recent messages are read again and again). */
  cache: Map<string, MessageDef>;
}

const FIRST = [
  'anna',
  'ben',
  'carla',
  'david',
  'elena',
  'farid',
  'greta',
  'hugo',
  'ines',
  'jan',
  'kim',
  'luca',
  'maria',
  'nils',
  'olga',
];
const LAST = [
  'berg',
  'costa',
  'dumont',
  'eriksen',
  'fischer',
  'garcia',
  'horvat',
  'ivanova',
  'jansen',
  'keller',
  'lefebvre',
  'moreau',
];
const LOCALES: Locale[] = ['en', 'en', 'fr', 'de', 'it', 'es'];
const SYNC_ROLES: FolderRole[] = ['inbox', 'inbox', 'inbox', 'sent', 'archive', 'finance', 'projects'];

/** Builds the benchmark tenant for `records` records. */
export function benchWorld(seed: number, records: number, mailboxCount = 60): BenchWorld {
  const rng = new Rng(hashSeed(seed, 'bench-world'));
  const org: Organisation = { id: rng.guid(), name: 'fabrikam.onmicrosoft.com', domain: 'fabrikam.com' };
  const mailboxes: BenchWorld['mailboxes'] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < mailboxCount; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const locale = rng.pick(LOCALES);
    const upn = `${first}.${last}${i >= FIRST.length * LAST.length ? i : ''}@fabrikam.com`;
    const profile = makeMailbox(seed, {
      upn,
      displayName: `${first} ${last}`,
      locale,
      messageCount: rng.int(1500, 9000),
    });
    const style = rng.pick<RecordStyle>(['legacy', 'y2025', 'y2025', 'y2026']);
    const kit: ClientKind[] = [
      'desktop',
      'owa',
      rng.pick<ClientKind>(['ios', 'android']),
      ...(rng.chance(0.15) ? ['imap' as const] : []),
    ];
    mailboxes.push({ profile, contexts: kit.map((k) => contextTemplate(seed, org, profile, style, k, i)) });
    total += 1 / (i + 4);
    cumulative.push(total);
  }
  return {
    seed,
    records,
    org,
    startMs: Date.UTC(2025, 1, 1),
    spanMs: 30 * DAY,
    mailboxes,
    cumulative: cumulative.map((c) => c / total),
    cache: new Map(),
  };
}

function message(world: BenchWorld, mailbox: MailboxProfile, index: number): MessageDef {
  const key = `${mailbox.upn}\n${index}`;
  let m = world.cache.get(key);
  if (!m) {
    if (world.cache.size >= 60000) world.cache.clear();
    m = messageAt(mailbox, index);
    world.cache.set(key, m);
  }
  return m;
}

/** Record `i` (0 = oldest). Times never decrease with i. */
export function benchRecord(world: BenchWorld, i: number): AuditRecord {
  const rng = new Rng(hashSeed(world.seed, 'bench', i));
  const timeMs = world.startMs + Math.floor((i * (world.spanMs / SECOND)) / world.records) * SECOND;
  const u = rng.next();
  let mi = 0;
  while (world.cumulative[mi] < u) mi++;
  const { profile, contexts } = world.mailboxes[mi];
  const t = rng.weighted(contexts.map((c) => [c, c.weight] as const));
  const day = Math.floor((timeMs - world.startMs) / DAY);
  let ctx = t.ctx;
  if (t.sessionDays > 0) {
    const session = new Rng(
      hashSeed(world.seed, 'bench-session', mi, t.ctx.label, Math.floor(day / t.sessionDays)),
    ).guid();
    ctx =
      t.ctx.style === 'legacy'
        ? { ...ctx, sessionId: session }
        : { ...ctx, sessionId: session, aadSessionId: session };
  }
  const p = { rng, org: world.org, mailbox: profile, ctx, timeMs };
  let audit: AuditRecord;
  if (t.syncs && rng.chance(0.3)) {
    const role = rng.pick(SYNC_ROLES);
    const folder = profile.folders.find((f) => f.role === role) ?? profile.folders[0];
    audit = rng.chance(0.75) ? buildSyncFolders(p, folder) : buildSyncItem(p, folder);
  } else {
    // Sized like real exports: ~2.5 KB of AuditData on average, a few records far larger.
    const count =
      ctx.style === 'legacy'
        ? rng.int(2, 8)
        : ctx.style === 'y2025'
          ? rng.weighted([
              [1, 3],
              [2, 3],
              [3, 2],
              [4, 1],
            ] as const)
          : rng.weighted([
              [1, 2],
              [2, 2],
              [3, 1],
            ] as const);
    const byFolder = new Map<string, BindFolder>();
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) {
      const index = rng.skewedIndex(profile.messageCount, 2);
      if (seen.has(index)) continue;
      seen.add(index);
      const m = message(world, profile, index);
      const g = byFolder.get(m.folder.id) ?? { folder: m.folder, items: [] };
      g.items.push({ message: m, floatSize: rng.chance(0.02) });
      byFolder.set(m.folder.id, g);
    }
    audit = buildBind(p, [...byFolder.values()]);
  }
  // Ids must be unique even if two records' seeds collide: the last 8 hex digits are the index.
  audit.Id = `${String(audit.Id).slice(0, 28)}${i.toString(16).padStart(8, '0')}`;
  return audit;
}
