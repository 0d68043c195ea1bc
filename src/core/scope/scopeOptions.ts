import { DEFAULT_THROTTLE, type ThrottleOptions } from '../analysis/throttle';
import { parseUtcTime } from '../normalise/time';
import type { ScopeFilters } from './filters';

/**
 * Scoping options as people give them (command line, extension command): times as ISO 8601 text.
 * The CLI and the extension both pass these to the same function, so their reports are identical.
 */
export interface ScopeOptions {
  mailboxes?: readonly string[];
  sessions?: readonly string[];
  ips?: readonly string[];
  clientApps?: readonly string[];
  clientInfo?: readonly string[];
  /** Inclusive start, ISO 8601 (UTC when it names no offset; a bare date is midnight UTC). */
  from?: string;
  /** Exclusive end, same forms as `from`. */
  to?: string;
  /** Records in 24 h above which a window opens (default 1,000). */
  throttleThreshold?: number;
  /** Window and counting period in hours (default 24). */
  throttleHours?: number;
  /** Time written as `generatedUtc` (default: now). */
  now?: Date;
}

/** A scoping option that cannot be used (bad time, from after to, bad threshold). */
export class ScopeOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeOptionError';
  }
}

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = parseUtcTime(value, true);
  if (ms === undefined) {
    throw new ScopeOptionError(
      `${name} "${value}" is not an ISO 8601 date or date and time (e.g. 2024-05-01T08:00:00Z)`,
    );
  }
  return ms;
}

function list(values: readonly string[] | undefined): string[] | undefined {
  const out = (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
  return out.length > 0 ? out : undefined;
}

/** Checks and converts scoping options into filters and the throttle model. Throws ScopeOptionError. */
export function resolveScopeOptions(options: ScopeOptions): {
  filters: ScopeFilters;
  throttle: ThrottleOptions;
} {
  const fromMs = time('from', options.from);
  const toMs = time('to', options.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw new ScopeOptionError(`from (${options.from}) must be before to (${options.to})`);
  }
  const threshold = options.throttleThreshold ?? DEFAULT_THROTTLE.threshold;
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new ScopeOptionError(
      `throttle threshold must be a whole number of records, 0 or more (got ${threshold})`,
    );
  }
  const hours = options.throttleHours ?? DEFAULT_THROTTLE.hours;
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ScopeOptionError(`throttle hours must be a number above 0 (got ${hours})`);
  }
  const filters: ScopeFilters = {};
  if (fromMs !== undefined) filters.fromMs = fromMs;
  if (toMs !== undefined) filters.toMs = toMs;
  const mailboxes = list(options.mailboxes);
  if (mailboxes) filters.mailboxes = mailboxes;
  const sessions = list(options.sessions);
  if (sessions) filters.sessions = sessions;
  const ips = list(options.ips);
  if (ips) filters.ips = ips;
  const clientApps = list(options.clientApps);
  if (clientApps) filters.clientApps = clientApps;
  const clientInfo = list(options.clientInfo);
  if (clientInfo) filters.clientInfo = clientInfo;
  return { filters, throttle: { threshold, hours } };
}
