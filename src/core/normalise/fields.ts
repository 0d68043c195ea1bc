/**
 * Case- and whitespace-tolerant field access. Exports spell the same AuditData field in several ways
 * (`ExternalAccess`, `"ExternalAccess "` with a trailing space in a published sample, camelCase from
 * Graph), so the engine never reads a field by its exact key.
 */

/** A set of canonical field names and the lookup tables that map any spelling onto them. */
export interface FieldSet {
  readonly names: readonly string[];
  /** Exact key -> canonical name ('' when the key is not one of ours). Grows with the keys seen. */
  readonly cache: Map<string, string>;
  /** trimmed lower-case key -> canonical name. */
  readonly folded: ReadonlyMap<string, string>;
}

/** Keys from an export are attacker-controlled: bound the memo so odd files cannot grow it forever. */
const CACHE_LIMIT = 4096;

/** Builds the lookup tables for a list of canonical (PascalCase) field names. */
export function fieldSet(names: readonly string[]): FieldSet {
  const folded = new Map<string, string>();
  const cache = new Map<string, string>();
  for (const name of names) {
    folded.set(name.toLowerCase(), name);
    cache.set(name, name);
  }
  return { names, cache, folded };
}

function canonicalName(set: FieldSet, key: string): string {
  let canon = set.cache.get(key);
  if (canon === undefined) {
    canon = set.folded.get(key.trim().toLowerCase()) ?? '';
    if (set.cache.size < CACHE_LIMIT) set.cache.set(key, canon);
  }
  return canon;
}

/**
 * Copies the fields of `set` found in `obj` under their canonical names. Keys match after trimming
 * and case folding; when two spellings of one field exist the exact spelling wins, otherwise the
 * first. `null` counts as absent (exports write `null` for fields a record does not carry).
 */
export function pickFields(obj: Record<string, unknown>, set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // for…in over a JSON.parse object is V8's fast path (enum cache); the objects have no prototype keys.
  for (const key in obj) {
    const value = obj[key];
    if (value === null || value === undefined) continue;
    const canon = canonicalName(set, key);
    if (canon === '') continue;
    if (out[canon] !== undefined && key !== canon) continue;
    out[canon] = value;
  }
  return out;
}

/** One field of `obj` looked up tolerantly (see `pickFields`). */
export function getField(obj: Record<string, unknown>, set: FieldSet, name: string): unknown {
  const exact = obj[name];
  if (exact !== undefined && exact !== null) return exact;
  let found: unknown;
  for (const key of Object.keys(obj)) {
    if (canonicalName(set, key) === name) {
      const value = obj[key];
      if (value !== null && value !== undefined) {
        found = value;
        break;
      }
    }
  }
  return found;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
