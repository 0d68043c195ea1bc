import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { Steps, typeInPalette } from './workbench';
import { session } from './workbenchSession';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
  };
}

describe('the MIA commands in the command palette (UI)', () => {
  it('lists every command meant for the palette under "MIA:"', async function () {
    const { page } = session();
    const steps = new Steps(page, this.test!.fullTitle());
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
    const hidden = new Set(
      manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command),
    );
    const expected = manifest.contributes.commands
      .filter((c) => !hidden.has(c.command))
      .map((c) => `${c.category}: ${c.title}`)
      .sort();

    await typeInPalette(page, 'MIA: ');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    await steps.shot('palette filtered to MIA');
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
    await page.keyboard.press('Escape');
    assert.deepEqual(labels.filter((l) => l.startsWith('MIA: ')).sort(), expected);
  });
});
