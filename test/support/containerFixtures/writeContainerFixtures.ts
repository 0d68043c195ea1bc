import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../paths';
import { csvFixtures, type Fixture } from './csvFixtures';
import { jsonFixtures, otherFixtures } from './jsonFixtures';

/** Every committed fixture of test/fixtures/containers, built from the published samples. */
export function containerFixtures(): Fixture[] {
  return [...csvFixtures(), ...jsonFixtures(), ...otherFixtures()];
}

/** Directory of the committed container fixtures. */
export const CONTAINER_FIXTURES_DIR = fixturePath('containers');

/**
 * Regenerates test/fixtures/containers. Run after changing the generator:
 * `npx tsc -p tsconfig.json && node out/test/support/containerFixtures/writeContainerFixtures.js`
 * (a unit test fails while the committed files differ from what this writes).
 */
function main(): void {
  fs.mkdirSync(CONTAINER_FIXTURES_DIR, { recursive: true });
  for (const f of containerFixtures()) {
    fs.writeFileSync(path.join(CONTAINER_FIXTURES_DIR, f.name), f.bytes);
    process.stdout.write(`${f.name} (${f.bytes.length} bytes)\n`);
  }
}

if (require.main === module) main();
