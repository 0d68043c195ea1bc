import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../../support/paths';

/** Where the build caches the ASN table; compiled code finds it there (shippedAsnTablePath). */
export const cachedAsnTable = path.join(repoRoot, '.cache', 'enrichment', 'ip-asn.bin');

/**
 * Makes sure the ASN table the build ships exists in the build cache, converting it from the
 * installed @ip-location-db/asn as the build does (a few seconds the first time, then cached), so
 * unit tests see the same labels whether or not a build ran before them.
 */
export function ensureShippedAsnTable(): string {
  const script = path.join(repoRoot, 'scripts', 'enrichment', 'asnTable.mjs');
  const code =
    `import(${JSON.stringify('file://' + script)})` +
    `.then((m) => m.ensureAsnTable(${JSON.stringify(repoRoot)}, ${JSON.stringify(cachedAsnTable)}))` +
    `.catch((e) => { console.error(e.message); process.exit(1); })`;
  execFileSync(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  return cachedAsnTable;
}
