import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import {
  commandIds,
  extensionId,
  settingDefaults,
  settingKeys,
  settingsSection,
  viewContainerId,
  viewIds,
} from '../../src/extension/constants';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
  };
}

describe('MailItemsAccessed Investigator in the extension host', () => {
  let extension: vscode.Extension<MiaApi>;
  let api: MiaApi;
  let manifest: Manifest;

  before(async () => {
    const found = vscode.extensions.getExtension<MiaApi>(extensionId);
    assert.ok(found, `extension ${extensionId} is loaded`);
    extension = found;
    manifest = extension.packageJSON as Manifest;
    api = await extension.activate();
  });

  it('activates and returns its API', () => {
    assert.equal(extension.isActive, true);
    assert.equal(api.apiVersion, 1);
    assert.deepEqual(manifest.activationEvents, [], 'activation is inferred from contributions');
  });

  it('runs bundles written in ASCII only (V8 holds such a script at one byte a character)', () => {
    const dist = path.join(extension.extensionPath, 'dist');
    const bundles = readdirSync(dist).filter((f) => f.endsWith('.js'));
    assert.ok(bundles.includes('extension.js') && bundles.includes('ingestWorker.js'), bundles.join(', '));
    for (const name of bundles)
      assert.doesNotMatch(readFileSync(path.join(dist, name), 'latin1'), /[\u0080-\uffff]/, name);
  });

  it('registers every contributed command, and contributes every command id', async () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(commandIds).sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed commands without a handler',
    );
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'MIA', `${command.command} shows as "MIA: …" in the palette`);
    }
  });

  it('contributes the mia view container with the Mailboxes and Findings views', async () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === viewContainerId);
    assert.ok(container, 'activity-bar container');
    assert.equal(container.title, 'MailItemsAccessed');
    assert.deepEqual(
      manifest.contributes.views[viewContainerId]?.map((v) => [v.id, v.name]),
      [
        [viewIds.mailboxes, 'Mailboxes'],
        [viewIds.findings, 'Findings'],
      ],
    );
    // The workbench knows the container and its views: their generated commands run.
    await vscode.commands.executeCommand(`workbench.view.extension.${viewContainerId}`);
    await vscode.commands.executeCommand(`${viewIds.mailboxes}.focus`);
    await vscode.commands.executeCommand(`${viewIds.findings}.focus`);
  });

  it('shows the welcome (with "Open Audit Export…") while no investigation is open', () => {
    assert.deepEqual(api.trees.mailboxes.getChildren(), []);
    assert.deepEqual(api.trees.findings.getChildren(), []);
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === viewIds.mailboxes);
    assert.ok(welcome, 'mailboxes view has welcome content');
    assert.match(welcome.contents, /\[Open Audit Export…\]\(command:mia\.openExport\)/);
  });

  it('declares the settings with the documented defaults', () => {
    const config = vscode.workspace.getConfiguration(settingsSection);
    for (const [name, key] of Object.entries(settingKeys)) {
      const expected = settingDefaults[name as keyof typeof settingDefaults];
      assert.equal(config.inspect(key)?.defaultValue, expected, `${settingsSection}.${key}`);
    }
  });
});
