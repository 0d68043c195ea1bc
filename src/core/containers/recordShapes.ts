import { isJsonObject, parseJsonObject } from './auditJson';
import { looksLikeSentinelRow, sentinelToAudit } from './sentinel';
import type { RowEnvelope } from './types';

/** The shapes one JSON element (array item, JSON line) of an export can have. */
export type ElementShape = 'defender' | 'graph' | 'cmdlet' | 'raw' | 'sentinel';

/** What a container yields for one element: its AuditData, or why there is none. */
export type ElementResult =
  { audit: Record<string, unknown>; envelope?: RowEnvelope } | { error: string; envelope?: RowEnvelope };

/** Case-insensitive view of an object's keys (exports disagree on casing: `AuditData`/`auditData`). */
class Keys {
  private readonly byLower = new Map<string, string>();

  constructor(private readonly obj: Record<string, unknown>) {
    for (const key of Object.keys(obj)) {
      const lower = key.toLowerCase();
      if (!this.byLower.has(lower)) this.byLower.set(lower, key);
    }
  }

  has(lower: string): boolean {
    return this.byLower.has(lower);
  }

  get(...lowers: string[]): unknown {
    for (const lower of lowers) {
      const key = this.byLower.get(lower);
      if (key !== undefined && this.obj[key] !== null && this.obj[key] !== undefined) return this.obj[key];
    }
    return undefined;
  }
}

/** Text of an envelope value: strings trimmed, numbers as text, PowerShell's `{value, DateTime}` dates unwrapped. */
function envelopeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isJsonObject(value)) return envelopeText(new Keys(value).get('value', 'datetime'));
  return undefined;
}

function envelope(keys: Keys, operation: string[], recordId: string[], time: string[]): RowEnvelope {
  const env: RowEnvelope = {};
  const op = envelopeText(keys.get(...operation));
  const id = envelopeText(keys.get(...recordId));
  const at = envelopeText(keys.get(...time));
  if (op !== undefined) env.operation = op;
  if (id !== undefined) env.recordId = id;
  if (at !== undefined) env.time = at;
  return env;
}

/** Which shape an element has, or undefined when it is no audit record at all. */
export function shapeOf(obj: Record<string, unknown>): ElementShape | undefined {
  const keys = new Keys(obj);
  const properties = keys.get('properties');
  if (isJsonObject(properties) && new Keys(properties).has('raweventdata')) return 'defender';
  const category = keys.get('category');
  if (typeof category === 'string' && /cloudappevents/i.test(category)) return 'defender';
  if (keys.has('raweventdata') && (keys.has('actiontype') || keys.has('timestamp'))) return 'defender';
  if (keys.has('auditdata')) {
    return keys.has('createddatetime') || keys.has('auditlogrecordtype') ? 'graph' : 'cmdlet';
  }
  if (looksLikeSentinelRow(obj)) return 'sentinel';
  if (keys.has('creationtime') && (keys.has('operation') || keys.has('id'))) return 'raw';
  return undefined;
}

/** Parses the AuditData of a container (an object, or JSON text). */
function auditValue(value: unknown, what: string): { audit: Record<string, unknown> } | { error: string } {
  if (isJsonObject(value)) return { audit: value };
  if (typeof value === 'string') {
    const parsed = parseJsonObject(value, what);
    return 'error' in parsed ? parsed : { audit: parsed.value };
  }
  if (value === undefined) return { error: `${what} is missing` };
  return { error: `${what} is neither a JSON object nor JSON text` };
}

function withEnvelope(
  result: { audit: Record<string, unknown> } | { error: string },
  env: RowEnvelope,
): ElementResult {
  return Object.keys(env).length > 0 ? { ...result, envelope: env } : result;
}

/**
 * Unwraps one parsed JSON element into its AuditData and envelope, whatever container it came from:
 * a Defender wrapper (`properties.RawEventData`), a Graph record (`auditData`), a cmdlet object
 * (`AuditData` object or string), a Sentinel row (rebuilt), or a raw AuditData object. Keys keep
 * their casing; the normaliser looks them up case-insensitively.
 */
export function auditFromElement(element: unknown): ElementResult {
  if (!isJsonObject(element)) {
    const what = element === null ? 'null' : Array.isArray(element) ? 'an array' : typeof element;
    return { error: `element is not a JSON object (it is ${what})` };
  }
  const keys = new Keys(element);
  switch (shapeOf(element)) {
    case 'defender': {
      const properties = keys.get('properties');
      const inner = isJsonObject(properties) ? new Keys(properties) : keys;
      const env = envelope(inner, ['actiontype'], [], ['timestamp']);
      const time = envelopeText(keys.get('time'));
      if (env.time === undefined && time !== undefined) env.time = time;
      return withEnvelope(auditValue(inner.get('raweventdata'), 'RawEventData'), env);
    }
    case 'graph':
      return withEnvelope(
        auditValue(keys.get('auditdata'), 'auditData'),
        envelope(keys, ['operation', 'operations'], ['id'], ['createddatetime']),
      );
    case 'cmdlet':
      return withEnvelope(
        auditValue(keys.get('auditdata'), 'AuditData'),
        envelope(keys, ['operations', 'operation'], ['identity', 'recordid', 'id'], ['creationdate']),
      );
    case 'sentinel':
      return withEnvelope(
        sentinelToAudit(element),
        envelope(keys, ['operation'], ['officeid'], ['timegenerated']),
      );
    case 'raw':
      return { audit: element };
    default:
      return {
        error:
          'element is not an audit record (it has none of AuditData, auditData, RawEventData, CreationTime or TimeGenerated)',
      };
  }
}
