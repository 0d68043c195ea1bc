import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Investigation } from '../../../src/core/investigation/investigation';
import type { LoadOptions, SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { savedIndexChecks, savedIndexWrites } from '../../../src/core/savedIndex/readThroughIndex';
import { INDEX_SUFFIX, type SavedIndexOptions } from '../../../src/core/savedIndex/savedIndexStore';
import { runMia, type CliRun } from '../../support/runCli';

/**
 * `mia` run in this process, then the index writes and hash checks it started in the background
 * are waited for (the next run, or the test's clean-up, must not race them).
 */
export async function miaSettled(...argv: string[]): Promise<CliRun> {
  const run = await runMia(...argv);
  await savedIndexWrites();
  await savedIndexChecks();
  return run;
}

/** A fresh, empty folder under the system's temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mia-${prefix}-`));
}

/** Loads `files` into a new investigation and waits for the index writes it started. */
export async function open(
  files: string[],
  savedIndex?: SavedIndexOptions,
  options: LoadOptions = {},
): Promise<Investigation> {
  const inv = new Investigation();
  await inv.addPaths(files, { ...options, savedIndex });
  await savedIndexWrites();
  await inv.close();
  return inv;
}

/** A source's statistics without the "loaded from the saved index" flag. */
export function plainStats(s: SourceStats): SourceStats {
  const copy = { ...s };
  delete copy.savedIndex;
  return copy;
}

/** The saved index files in a cache folder. */
export function indexFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(INDEX_SUFFIX))
    .map((n) => path.join(dir, n));
}

/** Bytes hash and modification time of a file (evidence must not change). */
export function fingerprint(file: string): { sha256: string; mtimeMs: number; size: number } {
  const s = statSync(file);
  return {
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    mtimeMs: s.mtimeMs,
    size: s.size,
  };
}

/** Every field a record may have (a reopened record answers each through a getter). */
const RECORD_FIELDS: (keyof MiaRecord)[] = [
  'id',
  'timeMs',
  'mailbox',
  'mailboxKey',
  'accessType',
  'folders',
  'mailboxGuid',
  'actor',
  'logonType',
  'userType',
  'isThrottled',
  'sessionId',
  'ip',
  'clientInfo',
  'appId',
  'clientAppId',
  'operationCount',
  'externalAccess',
  'organizationId',
  'tokenTenantId',
  'recordType',
  'originatingServer',
  'provenance',
];

/**
 * Asserts that reopened records read exactly as `expected` (freshly read, plain objects): every
 * field through the record's own property, and the JSON text (same keys in the same order).
 */
export function assertSameRecords(actual: readonly MiaRecord[], expected: readonly MiaRecord[]): void {
  assert.equal(actual.length, expected.length, 'record count');
  for (let i = 0; i < expected.length; i++) {
    for (const field of RECORD_FIELDS)
      assert.deepStrictEqual(
        actual[i][field],
        expected[i][field],
        `record ${i} (${expected[i].id}): ${field}`,
      );
  }
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), 'the JSON of the records');
}
