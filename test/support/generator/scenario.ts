/**
 * `generateScenario`: a deterministic synthetic investigation (records, the default split export
 * set, what was planted, and the truth of that export set), entirely in memory.
 */
import { plantBroken } from './brokenRows';
import { buildCast, type Cast } from './cast';
import { planExportSet } from './exportPlan';
import { messageAt, type MailboxProfile, type MessageDef } from './mailboxes';
import { ownerActivity, type GeneratedRecord, type MessageSource } from './ownerActivity';
import { plantAttack, plantFlagThrottle, plantHostile, plantVolumeThrottle, type Plant } from './planted';
import type { PlantedFacts, Scenario, ScenarioOptions } from './scenarioTypes';
import { DAY, HOUR } from './time';
import { computeTruth, type Truth } from './truth';
import { FINANCE_SUBJECTS } from './vocabulary';
import { layoutLines } from './writeExport';

/** The default seed (the attack day of the default scenario). */
export const DEFAULT_SEED = 20250311;

/** Monday 3 March 2025, 00:00 UTC: the first day of every scenario. */
export const SCENARIO_START_MS = Date.UTC(2025, 2, 3);
export const SCENARIO_DAYS = 14;

/** Message source with the finance subjects an attacker hunts for on the victim's and shared finance folders. */
function messageSource(cast: Cast): MessageSource {
  const targets = new Set(
    cast.members
      .filter((m) => m.mailbox.role === 'victim' || m.mailbox.role === 'shared')
      .map((m) => m.mailbox.profile.upn),
  );
  // Scenarios are small: caching every message drawn saves rebuilding its long ids on each read.
  const cache = new Map<string, MessageDef>();
  return (mailbox: MailboxProfile, index: number): MessageDef => {
    const key = `${mailbox.upn}\n${index}`;
    let m = cache.get(key);
    if (!m) {
      m = messageAt(mailbox, index);
      if (targets.has(mailbox.upn) && m.folder.role === 'finance') {
        m = { ...m, subject: FINANCE_SUBJECTS[index % FINANCE_SUBJECTS.length] };
      }
      cache.set(key, m);
    }
    return m;
  };
}

/** Generates a scenario. Same options, same scenario (and the same bytes from every writer). */
export function generateScenario(options: ScenarioOptions = {}): Scenario {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 'small';
  const startMs = SCENARIO_START_MS;
  const cast = buildCast(seed, scale);
  const messages = messageSource(cast);

  const background = ownerActivity(seed, cast, startMs, SCENARIO_DAYS, messages);
  const plants: Plant<unknown>[] = [];
  const attack = plantAttack(seed, cast, startMs, messages);
  const flag = plantFlagThrottle(seed, cast, startMs, messages);
  const volume = plantVolumeThrottle(
    seed,
    cast,
    'throttled-volume',
    startMs + 4 * DAY + 8 * HOUR,
    1000,
    messages,
  );
  const hostile = plantHostile(seed, cast, startMs, messages);
  plants.push(attack, flag, volume, hostile);
  let both: ReturnType<typeof plantVolumeThrottle> | undefined;
  if (scale === 'medium') {
    both = plantVolumeThrottle(
      seed,
      cast,
      'throttled-both',
      startMs + 9 * DAY + 6 * HOUR,
      1050,
      messages,
      1000,
    );
    plants.push(both);
  }
  const broken = plantBroken(seed, cast, startMs, messages);

  // Throttled mailboxes: Exchange writes no Bind records in the window, so background Binds vanish.
  const suppress = plants.flatMap((p) => p.suppressBinds);
  const kept = background.filter(
    (r) =>
      !(
        r.kind === 'bind' &&
        suppress.some(([upn, from, to]) => r.mailbox === upn && r.timeMs >= from && r.timeMs < to)
      ),
  );
  const all: GeneratedRecord[] = [...kept, ...plants.flatMap((p) => p.records), broken.bigValid];
  all.sort((a, b) => a.timeMs - b.timeMs);

  const files = planExportSet(cast, all, broken, startMs, scale);
  const planted: PlantedFacts = {
    attacker: attack.facts,
    throttledFlag: flag.facts,
    throttledVolume: {
      mailbox: volume.facts.mailbox,
      burstStartMs: volume.facts.burstStartMs,
      burstEndMs: volume.facts.burstEndMs,
      burstRecords: volume.facts.burstRecords,
    },
    hostile: hostile.facts,
  };
  if (both) {
    planted.throttledBoth = {
      mailbox: both.facts.mailbox,
      flagTimesMs: both.facts.flagTimesMs,
      burstStartMs: both.facts.burstStartMs,
      burstEndMs: both.facts.burstEndMs,
    };
  }
  const throttle = { threshold: options.throttleThreshold ?? 1000, hours: options.throttleHours ?? 24 };
  const scenario: Omit<Scenario, 'truth'> = {
    seed,
    scale,
    throttle,
    org: cast.org,
    startMs,
    endMs: startMs + SCENARIO_DAYS * DAY,
    mailboxes: cast.members.map((m) => m.mailbox),
    records: all.map((r) => r.audit),
    brokenRows: [
      broken.truncatedCell,
      broken.missingId,
      broken.brokenQuoting,
      broken.missingCreationTime,
      broken.invalidCreationTime,
      broken.truncatedLine,
    ],
    files,
    planted,
  };
  // The truth renders every planned file once to learn its row lines: computed on first use only.
  let truth: Truth | undefined;
  return Object.defineProperty(scenario, 'truth', {
    enumerable: true,
    get: () =>
      (truth ??= computeTruth(
        files.map((f) => ({
          name: f.name,
          container: f.container,
          rows: f.rows,
          lines: layoutLines(f.container, f.rows, f.options),
        })),
        { ...throttle, attackerSessionId: attack.facts.sessionId, generator: { seed, scale } },
      )),
  }) as Scenario;
}
