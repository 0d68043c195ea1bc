/**
 * What the scenario plants on top of ordinary activity: an AiTM attacker session reading the
 * victim's (and a shared mailbox's) finance mail through OWA and Graph and syncing folders; a
 * mailbox throttled with the IsThrottled flag; one throttled by volume only; the hostile-strings
 * mailbox the UI security tests use.
 */
import type { Cast } from './cast';
import { folderOf, type FolderDef, type MailboxProfile, type MessageDef } from './mailboxes';
import type { GeneratedRecord, MessageSource } from './ownerActivity';
import { bindFolders } from './ownerActivity';
import { Rng, hashSeed } from './prng';
import {
  buildBind,
  buildNewInboxRule,
  buildSyncFolders,
  buildSyncItem,
  buildUserLoggedIn,
  type AccessContext,
  type AuditRecord,
  type BindFolder,
  type RecordParams,
} from './records';
import type { PlantedFacts } from './scenarioTypes';
import { DAY, HOUR, MINUTE, SECOND } from './time';
import { APP, CLIENT, type FolderRole } from './vocabulary';
import { ownerIdentity } from './cast';

/** A planted block of records and the intervals where background Binds of a mailbox must vanish. */
export interface Plant<F> {
  records: GeneratedRecord[];
  /** [upn, fromMs, toMs): Exchange writes no Bind records for the mailbox there (throttled). */
  suppressBinds: [string, number, number][];
  facts: F;
}

/** The first `count` message indexes of a mailbox whose message sits in a folder of `role`. */
export function messagesIn(
  mailbox: MailboxProfile,
  role: FolderRole,
  count: number,
  messages: MessageSource,
  skip = 0,
): MessageDef[] {
  const out: MessageDef[] = [];
  for (let i = 0; i < mailbox.messageCount && out.length < count + skip; i++) {
    const m = messages(mailbox, i);
    if (m.folder.role === role) out.push(m);
  }
  return out.slice(skip);
}

const ATTACKER_APP = 'b4f2c9e1-7d3a-4e58-9c61-0f8a2d7e5b34';

/** The attacker: AiTM-phished OWA session, then Graph through the same Entra session, then syncs. */
export function plantAttack(
  seed: number,
  cast: Cast,
  startMs: number,
  messages: MessageSource,
): Plant<PlantedFacts['attacker']> {
  const rng = new Rng(hashSeed(seed, 'attack'));
  const org = cast.org;
  const victim = cast.byRole('victim').mailbox.profile;
  const shared = cast.byRole('shared').mailbox.profile;
  const session = rng.guid();
  const who = ownerIdentity(victim);
  const owa: AccessContext = {
    ...who,
    label: 'attacker-owa',
    logonType: 0,
    userType: 0,
    clientInfoString: CLIENT.owa,
    appId: APP.exchangeOnline,
    clientAppId: APP.owaClient,
    ip: '192.0.2.147',
    ipForm: 'port',
    sessionId: session,
    aadSessionId: session,
    style: 'y2025',
    deviceId: rng.guid(),
    tokenTenantId: org.id,
  };
  const owaShared: AccessContext = { ...owa, label: 'attacker-owa-shared', logonType: 2 };
  const graph: AccessContext = {
    ...who,
    label: 'attacker-graph',
    logonType: 0,
    userType: 0,
    clientInfoString: CLIENT.rest,
    appId: APP.graph,
    clientAppId: ATTACKER_APP,
    ip: '2603:10b6:a03:3a4::9',
    ipForm: 'plain',
    aadSessionId: session,
    style: 'y2026',
    tokenTenantId: org.id,
  };
  const rpc: AccessContext = {
    ...who,
    label: 'attacker-rpc',
    logonType: 0,
    userType: 0,
    clientInfoString: CLIENT.outlookDesktop,
    appId: APP.office,
    clientAppId: APP.office,
    ip: '192.0.2.147',
    ipForm: 'plain',
    sessionId: session,
    style: 'legacy',
  };

  const day = startMs + 8 * DAY; // Tuesday 11 March in the default scenario
  const at = (h: number, m: number, s: number) => day + h * HOUR + m * MINUTE + s * SECOND;
  const inbox = messagesIn(victim, 'inbox', 12, messages, 4);
  const finance = messagesIn(victim, 'finance', 8, messages);
  const archive = messagesIn(victim, 'archive', 2, messages, 3);
  const sent = messagesIn(victim, 'sent', 2, messages, 1);
  const sharedFinance = messagesIn(shared, 'finance', 3, messages);
  const group = (list: MessageDef[], bracketless = false): BindFolder[] => {
    const by = new Map<string, BindFolder>();
    for (const message of list) {
      const g = by.get(message.folder.id) ?? { folder: message.folder, items: [] };
      g.items.push({ message, bracketless: bracketless ? true : undefined });
      by.set(message.folder.id, g);
    }
    return [...by.values()];
  };

  const records: GeneratedRecord[] = [];
  const push = (
    mailbox: MailboxProfile,
    ctx: AccessContext,
    timeMs: number,
    kind: GeneratedRecord['kind'],
    make: (p: RecordParams) => AuditRecord,
  ) =>
    records.push({
      audit: make({ rng, org, mailbox, ctx, timeMs }),
      timeMs,
      mailbox: mailbox.upn,
      kind,
      background: false,
    });
  const ua =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';
  push(victim, owa, at(14, 2, 17), 'other', (p) => buildUserLoggedIn(p, ua));
  push(victim, owa, at(14, 5, 40), 'bind', (p) => buildBind(p, group(inbox.slice(0, 3))));
  push(victim, owa, at(14, 9, 12), 'bind', (p) => buildBind(p, group(finance.slice(0, 4))));
  push(victim, owa, at(14, 12, 55), 'bind', (p) => buildBind(p, group([...finance.slice(4, 6), archive[0]])));
  push(victim, owa, at(14, 20, 3), 'bind', (p) => buildBind(p, group(sent)));
  push(shared, owaShared, at(14, 31, 47), 'bind', (p) => buildBind(p, group(sharedFinance)));
  push(victim, owa, at(14, 50, 10), 'other', (p) =>
    buildNewInboxRule(p, '..', 'virement;RIB;facture;payment;invoice'),
  );
  // Next night, through Graph with the same Entra session (AppId = Microsoft Graph): ids without <> on some.
  push(victim, graph, at(26, 10, 0), 'bind', (p) => buildBind(p, group(inbox.slice(3, 9), true)));
  push(victim, graph, at(26, 12, 31), 'bind', (p) =>
    buildBind(p, group([...inbox.slice(9, 12), ...finance.slice(0, 3)])),
  );
  push(victim, graph, at(26, 15, 2), 'bind', (p) =>
    buildBind(p, group([...finance.slice(6, 8), archive[1]], true)),
  );
  push(victim, rpc, at(26, 40, 31), 'sync', (p) => buildSyncFolders(p, folderOf(victim, 'finance')));
  push(victim, rpc, at(26, 41, 5), 'sync', (p) => buildSyncItem(p, folderOf(victim, 'inbox')));

  const read = [...inbox, ...finance, ...archive, ...sent].map((m) => ({
    mailbox: victim.upn,
    internetMessageId: m.internetMessageId,
    folderPath: m.folder.path,
  }));
  read.push(
    ...sharedFinance.map((m) => ({
      mailbox: shared.upn,
      internetMessageId: m.internetMessageId,
      folderPath: m.folder.path,
    })),
  );
  return {
    records,
    suppressBinds: [],
    facts: {
      sessionId: session,
      ip: owa.ip,
      clientInfoString: owa.clientInfoString,
      clientAppId: ATTACKER_APP,
      messages: read,
      syncedFolders: [
        { mailbox: victim.upn, folderPath: folderOf(victim, 'finance').path },
        { mailbox: victim.upn, folderPath: folderOf(victim, 'inbox').path },
      ],
      firstMs: at(14, 5, 40),
      lastMs: at(26, 41, 5),
    },
  };
}

/**
 * Throttling announced by the flag: IsThrottled=True at T, T+3 h (overlapping), T+27 h (touching
 * the previous window's end) and T+7 d (a separate window). No Binds are written inside them.
 */
export function plantFlagThrottle(
  seed: number,
  cast: Cast,
  startMs: number,
  messages: MessageSource,
): Plant<PlantedFacts['throttledFlag']> {
  const rng = new Rng(hashSeed(seed, 'flag-throttle'));
  const member = cast.byRole('throttled-flag');
  const mailbox = member.mailbox.profile;
  const desktop = member.contexts.find((c) => c.ctx.label === 'owner-desktop')?.ctx ?? member.contexts[0].ctx;
  const owa = member.contexts.find((c) => c.ctx.label === 'owner-owa')?.ctx ?? desktop;
  const session = rng.guid();
  const t1 = startMs + 2 * DAY + 9 * HOUR + 12 * MINUTE;
  const times = [t1, t1 + 3 * HOUR, t1 + 27 * HOUR, t1 + 7 * DAY];
  const records: GeneratedRecord[] = times.map((timeMs, i) => {
    const ctx = { ...(i % 3 === 0 ? owa : desktop), sessionId: session };
    const p: RecordParams = { rng, org: cast.org, mailbox, ctx, timeMs, throttled: true };
    const audit =
      i % 3 === 0
        ? buildBind(p, bindFolders(rng, mailbox, 3, messages))
        : buildSyncFolders(p, folderOf(mailbox, 'inbox'));
    return { audit, timeMs, mailbox: mailbox.upn, kind: i % 3 === 0 ? 'bind' : 'sync', background: false };
  });
  return {
    records,
    suppressBinds: [
      [mailbox.upn, t1 + 1, t1 + 51 * HOUR],
      [mailbox.upn, t1 + 7 * DAY + 1, t1 + 8 * DAY],
    ],
    facts: { mailbox: mailbox.upn, flagTimesMs: times },
  };
}

/**
 * Throttling by volume, no flag anywhere: a connector app crawls the mailbox with 1,000 Bind records
 * in about five hours (with the owner's own records that is more than 1,000 in 24 h), then only
 * Syncs are written for a day and a half. With `flagAfter`, records after that many carry
 * IsThrottled=True as well (the medium scale's "both bases" mailbox).
 */
export function plantVolumeThrottle(
  seed: number,
  cast: Cast,
  role: 'throttled-volume' | 'throttled-both',
  burstStartMs: number,
  burstRecords: number,
  messages: MessageSource,
  flagAfter?: number,
): Plant<{
  mailbox: string;
  burstStartMs: number;
  burstEndMs: number;
  burstRecords: number;
  flagTimesMs: number[];
}> {
  const rng = new Rng(hashSeed(seed, 'volume-throttle', role));
  const member = cast.byRole(role);
  const mailbox = member.mailbox.profile;
  const session = rng.guid();
  const legacy = flagAfter !== undefined;
  const ctx: AccessContext = {
    ...ownerIdentity(mailbox),
    label: 'crm-connector',
    logonType: 0,
    userType: 0,
    clientInfoString: CLIENT.rest,
    appId: 'a3c5e7f9-2b4d-4f6a-8c0e-1d3f5a7b9c2e',
    clientAppId: 'a3c5e7f9-2b4d-4f6a-8c0e-1d3f5a7b9c2e',
    ip: '2603:10b6:510:2b1::14',
    ipForm: 'plain',
    aadSessionId: legacy ? undefined : session,
    sessionId: legacy ? session : undefined,
    style: legacy ? 'legacy' : 'y2025',
    tokenTenantId: cast.org.id,
  };
  const records: GeneratedRecord[] = [];
  const flagTimes: number[] = [];
  let timeMs = burstStartMs;
  let next = 0;
  for (let i = 0; i < burstRecords; i++) {
    timeMs += rng.int(14, 22) * SECOND;
    const throttled = flagAfter !== undefined ? i >= flagAfter : undefined;
    if (throttled) flagTimes.push(timeMs);
    const folders = new Map<string, BindFolder>();
    for (let k = rng.int(1, 3); k > 0; k--) {
      const message = messages(mailbox, next++ % mailbox.messageCount);
      const g = folders.get(message.folder.id) ?? { folder: message.folder, items: [] };
      if (!g.items.some((x) => x.message.index === message.index)) g.items.push({ message });
      folders.set(message.folder.id, g);
    }
    const audit = buildBind({ rng, org: cast.org, mailbox, ctx, timeMs, throttled }, [...folders.values()]);
    records.push({ audit, timeMs, mailbox: mailbox.upn, kind: 'bind', background: false });
  }
  const burstEndMs = timeMs;
  if (flagAfter !== undefined) {
    for (const h of [1, 2]) {
      const t = burstEndMs + h * HOUR;
      flagTimes.push(t);
      const audit = buildSyncFolders(
        {
          rng,
          org: cast.org,
          mailbox,
          ctx: { ...ctx, clientInfoString: CLIENT.outlookDesktop },
          timeMs: t,
          throttled: true,
        },
        folderOf(mailbox, 'inbox'),
      );
      records.push({ audit, timeMs: t, mailbox: mailbox.upn, kind: 'sync', background: false });
    }
  }
  return {
    records,
    suppressBinds: [[mailbox.upn, burstStartMs, burstEndMs + 30 * HOUR]],
    facts: { mailbox: mailbox.upn, burstStartMs, burstEndMs, burstRecords, flagTimesMs: flagTimes },
  };
}

/** Strings that must only ever be rendered as text. */
export const HOSTILE_STRINGS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

/** The hostile mailbox: its client string, folder paths and subjects carry script/markup payloads. */
export function plantHostile(
  seed: number,
  cast: Cast,
  startMs: number,
  messages: MessageSource,
): Plant<PlantedFacts['hostile']> {
  const rng = new Rng(hashSeed(seed, 'hostile'));
  const mailbox = cast.byRole('hostile').mailbox.profile;
  const [script, img] = HOSTILE_STRINGS;
  const ctx: AccessContext = {
    ...ownerIdentity(mailbox),
    label: 'hostile',
    logonType: 0,
    userType: 0,
    clientInfoString: `Client=OWA;Action=ViaProxy${script}`,
    appId: APP.exchangeOnline,
    ip: '198.51.100.66',
    ipForm: 'plain',
    sessionId: rng.guid(),
    aadSessionId: undefined,
    style: 'y2026',
  };
  ctx.aadSessionId = ctx.sessionId;
  const evilFolder: FolderDef = {
    role: 'inbox',
    path: `\\Inbox\\${img}`,
    id: `LgAAAAA${rng.base64(53)}AAAB`,
  };
  const scriptFolder: FolderDef = {
    role: 'archive',
    path: `\\${script}`,
    id: `LgAAAAA${rng.base64(53)}AAAB`,
  };
  const base = startMs + 6 * DAY + 10 * HOUR;
  const m = (i: number) => ({ ...messages(mailbox, i), folder: evilFolder });
  const records: GeneratedRecord[] = [];
  const add = (timeMs: number, kind: GeneratedRecord['kind'], audit: AuditRecord) =>
    records.push({ audit, timeMs, mailbox: mailbox.upn, kind, background: false });
  let t = base;
  add(
    t,
    'bind',
    buildBind({ rng, org: cast.org, mailbox, ctx, timeMs: t }, [
      {
        folder: evilFolder,
        items: [
          { message: m(0), subject: script },
          { message: m(1), subject: img },
        ],
      },
    ]),
  );
  t += MINUTE;
  add(t, 'sync', buildSyncFolders({ rng, org: cast.org, mailbox, ctx, timeMs: t }, scriptFolder));
  t += MINUTE;
  add(t, 'sync', buildSyncItem({ rng, org: cast.org, mailbox, ctx, timeMs: t }, evilFolder));
  t += MINUTE;
  add(
    t,
    'bind',
    buildBind({ rng, org: cast.org, mailbox, ctx, timeMs: t }, [
      {
        folder: folderOf(mailbox, 'inbox'),
        items: [{ message: messages(mailbox, 2), subject: `Re: ${script}${img}` }],
      },
    ]),
  );
  return { records, suppressBinds: [], facts: { mailbox: mailbox.upn, strings: HOSTILE_STRINGS } };
}
