/**
 * Who is in a scenario: the tenant, its mailboxes and the client contexts that read them (owner's
 * desktop Outlook, OWA, phone; a delegate; an app-only backup tool; an IMAP client).
 */
import { makeMailbox, type MailboxProfile, type Organisation } from './mailboxes';
import { Rng, hashSeed } from './prng';
import type { AccessContext, RecordStyle } from './records';
import type { ScenarioMailbox } from './scenarioTypes';
import { APP, CLIENT, type Locale } from './vocabulary';

/** A context template the owner simulation draws records from. */
export interface ContextTemplate {
  ctx: AccessContext;
  /** Relative share of the mailbox's daily records. */
  weight: number;
  /** Desktop Outlook syncs folders as well as binding messages; the others only bind. */
  syncs: boolean;
  /** UTC hours the context is active [from, to). */
  hours: [number, number];
  weekends: boolean;
  /** A new session id every N days (0: never a session, e.g. app-only access). */
  sessionDays: number;
}

/** A mailbox with its owner-activity contexts and daily volume. */
export interface CastMember {
  mailbox: ScenarioMailbox;
  contexts: ContextTemplate[];
  /** Average MailItemsAccessed records per weekday. */
  dailyRecords: number;
}

export interface Cast {
  org: Organisation;
  members: CastMember[];
  byRole(role: ScenarioMailbox['role']): CastMember;
}

/** Client kinds a mailbox is read with. */
export type ClientKind = 'desktop' | 'owa' | 'ios' | 'android' | 'imap' | 'backup-app';

interface PersonSpec {
  upn: string;
  displayName: string;
  locale: Locale;
  role: ScenarioMailbox['role'];
  style: RecordStyle;
  dailyRecords: number;
  messageCount: number;
  kit: ClientKind[];
}

const SMALL_PEOPLE: PersonSpec[] = [
  {
    upn: 'claire.dubois@contoso.com',
    displayName: 'Claire Dubois',
    locale: 'fr',
    role: 'victim',
    style: 'y2025',
    dailyRecords: 26,
    messageCount: 600,
    kit: ['desktop', 'owa', 'ios'],
  },
  {
    upn: 'compta@contoso.com',
    displayName: 'Comptabilité',
    locale: 'fr',
    role: 'shared',
    style: 'legacy',
    dailyRecords: 8,
    messageCount: 300,
    kit: [],
  },
  {
    upn: 'jonas.weber@contoso.com',
    displayName: 'Jonas Weber',
    locale: 'de',
    role: 'owner',
    style: 'y2026',
    dailyRecords: 22,
    messageCount: 500,
    kit: ['desktop', 'owa', 'backup-app'],
  },
  {
    upn: 'Amelia.Clark@contoso.com',
    displayName: 'Amelia Clark',
    locale: 'en',
    role: 'owner',
    style: 'y2025',
    dailyRecords: 20,
    messageCount: 450,
    kit: ['desktop', 'android', 'imap'],
  },
  {
    upn: 'marco.rossi@contoso.com',
    displayName: 'Marco Rossi',
    locale: 'it',
    role: 'throttled-flag',
    style: 'legacy',
    dailyRecords: 24,
    messageCount: 400,
    kit: ['desktop', 'owa'],
  },
  {
    upn: 'li.wei@contoso.com',
    displayName: 'Li Wei',
    locale: 'en',
    role: 'throttled-volume',
    style: 'y2025',
    dailyRecords: 18,
    messageCount: 1500,
    kit: ['desktop', 'owa', 'ios'],
  },
  {
    upn: 'hostile.test@contoso.com',
    displayName: 'Hostile Test',
    locale: 'en',
    role: 'hostile',
    style: 'y2026',
    dailyRecords: 0,
    messageCount: 50,
    kit: [],
  },
];

const MEDIUM_EXTRA_NAMES = [
  'sofia.garcia',
  'thomas.muller',
  'emma.bernard',
  'lucas.martin',
  'giulia.bianchi',
  'noah.smith',
  'lea.petit',
  'felix.schmidt',
  'olivia.jones',
  'mateo.lopez',
  'chloe.moreau',
  'ben.fischer',
  'ava.taylor',
  'hugo.laurent',
  'mia.wagner',
  'leo.ricci',
];
const LOCALES: Locale[] = ['en', 'fr', 'de', 'it', 'es'];

/** Builds the scenario's cast for a seed and scale. */
export function buildCast(seed: number, scale: 'small' | 'medium'): Cast {
  const rng = new Rng(hashSeed(seed, 'cast'));
  const org: Organisation = { id: rng.guid(), name: 'contoso.onmicrosoft.com', domain: 'contoso.com' };
  const people = [...SMALL_PEOPLE];
  if (scale === 'medium') {
    people.push({
      upn: 'ops.monitor@contoso.com',
      displayName: 'Ops Monitor',
      locale: 'en',
      role: 'throttled-both',
      style: 'legacy',
      dailyRecords: 15,
      messageCount: 2000,
      kit: ['desktop', 'owa'],
    });
    for (const name of MEDIUM_EXTRA_NAMES) {
      const locale = rng.pick(LOCALES);
      const style = rng.pick<RecordStyle>(['legacy', 'y2025', 'y2026']);
      const kit: PersonSpec['kit'] = [
        'desktop',
        rng.pick(['owa', 'owa', 'imap'] as const),
        rng.pick(['ios', 'android'] as const),
      ];
      const displayName = name
        .split('.')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' ');
      people.push({
        upn: `${name}@contoso.com`,
        displayName,
        locale,
        role: 'owner',
        style,
        dailyRecords: rng.int(25, 70),
        messageCount: rng.int(400, 1500),
        kit,
      });
    }
  }
  const members: CastMember[] = people.map((spec, index) => {
    const profile = makeMailbox(seed, spec);
    return {
      mailbox: { profile, role: spec.role },
      contexts: spec.kit.map((k) => contextTemplate(seed, org, profile, spec.style, k, index)),
      dailyRecords: spec.dailyRecords,
    };
  });
  // The shared mailbox is read by the victim as a delegate from her desktop Outlook.
  const shared = members.find((m) => m.mailbox.role === 'shared');
  const victim = members.find((m) => m.mailbox.role === 'victim');
  if (shared && victim) {
    const desk = contextTemplate(seed, org, victim.mailbox.profile, 'legacy', 'desktop', 0);
    shared.contexts.push({ ...desk, ctx: { ...desk.ctx, label: 'delegate-desktop', logonType: 2 } });
  }
  return {
    org,
    members,
    byRole(role) {
      const m = members.find((x) => x.mailbox.role === role);
      if (!m) throw new Error(`no ${role} mailbox in this cast`);
      return m;
    },
  };
}

/** The owner's own identity as an AccessContext base. */
export function ownerIdentity(
  profile: MailboxProfile,
): Pick<AccessContext, 'actor' | 'actorSid' | 'actorKey'> {
  return { actor: profile.upn, actorSid: profile.sid, actorKey: profile.userKey };
}

/** The context template of one client kind for a mailbox (also used by the benchmark's world). */
export function contextTemplate(
  seed: number,
  org: Organisation,
  profile: MailboxProfile,
  style: RecordStyle,
  kind: ClientKind,
  personIndex: number,
): ContextTemplate {
  const rng = new Rng(hashSeed(seed, 'context', profile.upn, kind));
  const base = { ...ownerIdentity(profile), logonType: 0, userType: 0, tokenTenantId: org.id };
  const office = profile.locale === 'de' ? '198.51.100.14' : '203.0.113.25';
  // Outlook mobile on iOS and Android: the same app, active all week; they differ in IP text and style.
  const mobile = (
    os: 'ios' | 'android',
    ip: string,
    ipForm: AccessContext['ipForm'],
    variant: Pick<AccessContext, 'style' | 'bracketless'>,
  ): ContextTemplate => ({
    ctx: {
      ...base,
      label: `owner-${os}`,
      clientInfoString: CLIENT[os],
      appId: APP.outlookMobile,
      clientAppId: APP.outlookMobile,
      ip,
      ipForm,
      ...variant,
      deviceId: rng.guid(),
    },
    weight: 2,
    syncs: false,
    hours: [6, 23],
    weekends: true,
    sessionDays: 7,
  });
  switch (kind) {
    case 'desktop':
      return {
        ctx: {
          ...base,
          label: 'owner-desktop',
          clientInfoString: CLIENT.outlookDesktop,
          appId: APP.office,
          clientAppId: APP.office,
          ip: office,
          ipForm: personIndex % 2 === 0 ? 'mapped' : 'plain',
          style: style === 'legacy' ? 'legacy' : 'y2025',
        },
        weight: 3,
        syncs: true,
        hours: [7, 18],
        weekends: false,
        sessionDays: 3,
      };
    case 'owa':
      return {
        ctx: {
          ...base,
          label: 'owner-owa',
          clientInfoString: CLIENT.owa,
          appId: APP.exchangeOnline,
          clientAppId: APP.owaClient,
          ip: office,
          ipForm: 'port',
          style: style === 'legacy' ? 'legacy' : style,
          deviceId: rng.guid(),
        },
        weight: 4,
        syncs: false,
        hours: [8, 19],
        weekends: false,
        sessionDays: 2,
      };
    case 'ios':
      return mobile('ios', `2001:db8:4a1f:${(personIndex + 10).toString(16)}::1d`, 'upper', {
        style: style === 'legacy' ? 'legacy' : 'y2026',
        bracketless: true,
      });
    case 'android':
      return mobile('android', `2001:db8:77c0:${(personIndex + 10).toString(16)}::a`, 'bracket-port', {
        style,
      });
    case 'imap':
      return {
        // One published record has the key "ExternalAccess " (trailing space): the IMAP context writes it so.
        ctx: {
          ...base,
          label: 'owner-imap',
          clientInfoString: CLIENT.imap,
          ip: `192.0.2.${80 + personIndex}`,
          ipForm: 'port',
          style: 'legacy',
          externalAccessKeyWithSpace: true,
        },
        weight: 1,
        syncs: false,
        hours: [5, 22],
        weekends: true,
        sessionDays: 1,
      };
    case 'backup-app': {
      const app = '6f1c3a52-9b7e-4c2d-8e41-2a7d5b90c3e8';
      return {
        ctx: {
          label: 'backup-app',
          actor: app,
          actorSid: 'S-1-5-21-0-0-0-1000',
          actorKey: app,
          logonType: 0,
          userType: 5,
          clientInfoString: CLIENT.rest,
          appId: app,
          clientAppId: app,
          ip: '2603:10b6:806:1a::5',
          ipForm: 'plain',
          style: 'y2025',
          externalAccess: 'False',
          tokenTenantId: org.id,
        },
        weight: 1,
        syncs: false,
        hours: [1, 3],
        weekends: true,
        sessionDays: 0,
      };
    }
  }
}
