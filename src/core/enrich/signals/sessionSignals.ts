import type { MiaRecord } from '../../model';
import { formatUtc } from '../../normalise/time';
import type { IpLabel, Labeller } from '../enrichTypes';
import { appLabelText, ipLabelText } from '../labels/labelText';
import { SIGNAL_KINDS, type SessionSignal, type SignalOptions } from './signalTypes';

const HOUR = 3_600_000;

// eslint-disable-next-line no-control-regex -- export strings are untrusted; signals are one line.
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

function plural(n: number, noun: string): string {
  const many = noun.endsWith('x') ? `${noun}es` : `${noun}s`;
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

/** Record indexes grouped by a key, in insertion order. */
class Groups {
  readonly map = new Map<string, number[]>();
  add(key: string | undefined, index: number): void {
    if (key === undefined) return;
    const list = this.map.get(key);
    if (list) list.push(index);
    else this.map.set(key, [index]);
  }
}

/** An IP that says where the client was (Microsoft's own front ends do not). */
function isClientIp(label: IpLabel | undefined): label is IpLabel {
  return label !== undefined && label.kind !== 'microsoft-internal' && label.kind !== 'microsoft-service';
}

/**
 * Session signals over the normalised records (issue 7 §2): findings with the records behind them,
 * never verdicts.
 * - `multiOrigin`: a session (SessionId / AADSessionId) whose client IPs lie in several countries
 *   or autonomous systems (Microsoft's own addresses are not client origins and are ignored);
 * - `shortLived`: a client IP, or an app, all of whose records fall within `shortWindowMs` while the
 *   investigation spans at least `minInvestigationMs`;
 * - `otherActor`: records whose `UserId` is not the mailbox owner (delegate, admin or app access);
 * - `externalAccess`: records with `ExternalAccess` true;
 * - `crossTenant`: records whose `TokenTenantId` differs from `OrganizationId`;
 * - `flaggedApp`: records of an app the labeller flags (unknown third-party or known abused).
 * Ordered by kind, then first record time.
 */
export function computeSignals(
  records: readonly MiaRecord[],
  labels: Labeller,
  options: SignalOptions = {},
): SessionSignal[] {
  const time = options.formatTime ?? formatUtc;
  const shortWindow = options.shortWindowMs ?? 2 * HOUR;
  const minSpan = options.minInvestigationMs ?? 72 * HOUR;
  const out: SessionSignal[] = [];
  const notOwner = (r: MiaRecord): string | undefined => {
    const actor = r.actor?.trim();
    if (!actor) return undefined;
    const a = actor.toLowerCase();
    if (a === r.mailboxKey || (r.mailboxGuid !== undefined && a === r.mailboxGuid.toLowerCase()))
      return undefined;
    return `${r.mailboxKey}\u0000${a}`;
  };
  const tenantKey = (r: MiaRecord): string | undefined => {
    const token = r.tokenTenantId?.trim().toLowerCase();
    const org = r.organizationId?.trim().toLowerCase();
    return token && org && token !== org ? `${r.mailboxKey}\u0000${token}` : undefined;
  };
  // One sequential pass fills every grouping (records are large objects: random access is slow);
  // each group is then put in time order through a flat array of times.
  const times = new Float64Array(records.length);
  const g = {
    session: new Groups(),
    ip: new Groups(),
    app: new Groups(),
    flagged: new Groups(),
    other: new Groups(),
    external: new Groups(),
    tenant: new Groups(),
  };
  let minMs = Infinity;
  let maxMs = -Infinity;
  records.forEach((r, i) => {
    times[i] = r.timeMs;
    if (r.timeMs < minMs) minMs = r.timeMs;
    if (r.timeMs > maxMs) maxMs = r.timeMs;
    g.session.add(r.sessionId, i);
    if (isClientIp(labels.ip(r.ip))) g.ip.add(r.ip, i);
    const app = labels.app(r.appId, r.clientAppId);
    if (app) {
      const k = app.appId.toLowerCase();
      g.app.add(k, i);
      if (app.flagged) g.flagged.add(k, i);
    }
    g.other.add(notOwner(r), i);
    if (r.externalAccess === true) g.external.add(`${r.mailboxKey}\u0000${(r.actor ?? '').toLowerCase()}`, i);
    g.tenant.add(tenantKey(r), i);
  });
  const byTime = (list: number[]): number[] => {
    for (let k = 1; k < list.length; k++) {
      if (times[list[k - 1]] > times[list[k]]) return list.sort((a, b) => times[a] - times[b] || a - b);
    }
    return list;
  };
  const make = (
    kind: SessionSignal['kind'],
    subject: string,
    list: number[],
    title: string,
    message: string,
    mailbox?: MiaRecord,
  ): SessionSignal => {
    const sorted = byTime(list);
    const first = records[sorted[0]];
    const last = records[sorted[sorted.length - 1]];
    const s: SessionSignal = {
      kind,
      subject,
      title: oneLine(title),
      message: oneLine(message),
      records: sorted,
      startMs: first.timeMs,
      endMs: last.timeMs,
    };
    if (mailbox) {
      s.mailbox = mailbox.mailbox;
      s.mailboxKey = mailbox.mailboxKey;
    }
    return s;
  };
  const span = (list: number[]): string => {
    const sorted = byTime(list);
    return `${time(records[sorted[0]].timeMs)} – ${time(records[sorted[sorted.length - 1]].timeMs)}`;
  };

  // multiOrigin
  for (const [session, unsorted] of g.session.map) {
    const list = byTime(unsorted);
    const countries = new Map<string, number>();
    const asns = new Map<number, string>();
    const located: number[] = [];
    const ips = new Map<string, string>();
    for (const i of list) {
      const label = labels.ip(records[i].ip);
      if (!isClientIp(label) || (label.country === undefined && label.asn === undefined)) continue;
      located.push(i);
      if (label.country) countries.set(label.country, (countries.get(label.country) ?? 0) + 1);
      if (label.asn !== undefined) asns.set(label.asn, label.asOrganization ?? '');
      ips.set(label.ip, ipLabelText(label) ?? label.ip);
    }
    if (countries.size < 2 && asns.size < 2) continue;
    const what = [
      countries.size >= 2 ? `countries ${[...countries.keys()].sort().join(', ')}` : undefined,
      asns.size >= 2 ? `AS ${[...asns.keys()].sort((a, b) => a - b).join(', ')}` : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(' and ');
    out.push(
      make(
        'multiOrigin',
        session,
        located,
        `session ${session}: ${what}`,
        `Session ${session} is seen from ${what} (${[...ips.values()].join('; ')}), ${span(located)}: ` +
          'one sign-in session used from several places can be a stolen token or cookie (or travel, a VPN, a mobile network).',
        records[located[0]],
      ),
    );
  }

  // shortLived
  const totalSpan = records.length > 0 ? maxMs - minMs : 0;
  if (totalSpan >= minSpan) {
    const short = (list: number[]): boolean => {
      const sorted = byTime(list);
      return records[sorted[sorted.length - 1]].timeMs - records[sorted[0]].timeMs <= shortWindow;
    };
    const minutes = Math.round(shortWindow / 60_000);
    for (const [ip, unsorted] of g.ip.map) {
      const list = byTime(unsorted);
      if (!short(list)) continue;
      const text = ipLabelText(labels.ip(ip)) ?? ip;
      out.push(
        make(
          'shortLived',
          ip,
          list,
          `IP ${text}: only ${span(list)}`,
          `IP ${text} appears in ${plural(list.length, 'record')} only within ${minutes} minutes (${span(list)}) ` +
            `of an investigation spanning ${Math.round(totalSpan / HOUR)} hours.`,
        ),
      );
    }
    for (const [app, unsorted] of g.app.map) {
      const list = byTime(unsorted);
      if (!short(list)) continue;
      const r0 = records[list[0]];
      const text = appLabelText(labels.app(r0.appId, r0.clientAppId)) ?? app;
      out.push(
        make(
          'shortLived',
          app,
          list,
          `app ${text}: only ${span(list)}`,
          `App ${text} appears in ${plural(list.length, 'record')} only within ${minutes} minutes (${span(list)}) ` +
            `of an investigation spanning ${Math.round(totalSpan / HOUR)} hours.`,
        ),
      );
    }
  }

  // otherActor
  for (const unsorted of g.other.map.values()) {
    const list = byTime(unsorted);
    const r = records[list[0]];
    const logon = [...new Set(list.map((i) => records[i].logonType).filter((x) => x !== undefined))];
    const app = records[list[0]].userType === 5 ? ' (an application: UserType 5)' : '';
    out.push(
      make(
        'otherActor',
        r.actor!,
        list,
        `${r.mailbox}: read by ${r.actor}`,
        `Mailbox ${r.mailbox} was read by ${r.actor}${app}, not its owner: ${plural(list.length, 'record')}, ` +
          `${span(list)}` +
          (logon.length > 0 ? `, LogonType ${logon.join(', ')} (0 owner, 1 admin, 2 delegate)` : '') +
          '.',
        r,
      ),
    );
  }

  // externalAccess
  for (const unsorted of g.external.map.values()) {
    const list = byTime(unsorted);
    const r = records[list[0]];
    out.push(
      make(
        'externalAccess',
        r.actor ?? '',
        list,
        `${r.mailbox}: external access by ${r.actor ?? '(no UserId)'}`,
        `ExternalAccess is true on ${plural(list.length, 'record')} of mailbox ${r.mailbox} by ` +
          `${r.actor ?? '(no UserId)'}, ${span(list)}: access from outside the organisation (Microsoft support or a partner, or another tenant).`,
        r,
      ),
    );
  }

  // crossTenant
  for (const unsorted of g.tenant.map.values()) {
    const list = byTime(unsorted);
    const r = records[list[0]];
    out.push(
      make(
        'crossTenant',
        r.tokenTenantId!,
        list,
        `${r.mailbox}: token from tenant ${r.tokenTenantId}`,
        `Mailbox ${r.mailbox} was read with a token issued by tenant ${r.tokenTenantId}, not the mailbox's ` +
          `organisation ${r.organizationId}: ${plural(list.length, 'record')}, ${span(list)}.`,
        r,
      ),
    );
  }

  // flaggedApp
  for (const [app, unsorted] of g.flagged.map) {
    const list = byTime(unsorted);
    const r0 = records[list[0]];
    const label = labels.app(r0.appId, r0.clientAppId)!;
    const mailboxes = [...new Set(list.map((i) => records[i].mailbox))];
    out.push(
      make(
        'flaggedApp',
        app,
        list,
        `app ${appLabelText(label)}`,
        `App ${appLabelText(label)} read mail: ${plural(list.length, 'record')} in ${plural(mailboxes.length, 'mailbox')} ` +
          `(${mailboxes.slice(0, 5).join(', ')}${mailboxes.length > 5 ? ', …' : ''}), ${span(list)}. ${label.note ?? ''}`.trim(),
        mailboxes.length === 1 ? r0 : undefined,
      ),
    );
  }
  // By kind, then first record time (stable: equal times keep the order of their first record).
  const rank = new Map(SIGNAL_KINDS.map((k, i) => [k, i]));
  return out.sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || a.startMs - b.startMs);
}
