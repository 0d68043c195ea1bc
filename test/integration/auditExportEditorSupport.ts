import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { extensionId } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type { FilterState, SortState } from '../../src/protocol/messages';
import { waitFor } from './waitFor';

/** The extension's API (activating it when needed). */
export async function miaApi(): Promise<MiaApi> {
  return vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
}

/** SHA-256 and mtime of a file: evidence must be exactly the same after the editor read it. */
export function fingerprint(file: string): { sha256: string; mtimeMs: number; size: number } {
  const { mtimeMs, size } = fs.statSync(file);
  return { sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'), mtimeMs, size };
}

/** The custom editor tab showing `uri`, if any. */
export function customTabFor(uri: vscode.Uri): vscode.TabInputCustom | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString())
        return tab.input;
    }
  }
  return undefined;
}

/** The session holding `uri`, once it exists, after its loads finished. */
export async function loadedSession(
  api: MiaApi,
  uri: vscode.Uri,
  timeoutMs = 20_000,
): Promise<InvestigationSession> {
  const session = await waitFor(`the session of ${uri.fsPath}`, () => api.store.findByFile(uri), timeoutMs);
  await session.whenIdle();
  return session;
}

/** Waits for the webview of `uri` to have said `ready` and to have asked for its first rows. */
export async function webviewPulledRows(api: MiaApi, uri: vscode.Uri, timeoutMs = 20_000): Promise<void> {
  await waitFor('the webview round trip (ready → init)', () => api.editorInit(uri), timeoutMs);
  await waitFor(
    'the webview to run a query',
    () => (api.editorWebviewRequests(uri).some((r) => r.name === 'query') ? true : undefined),
    timeoutMs,
  );
}

export const noFilter: FilterState = { text: '', facets: {} };
export const byTimeAsc: SortState = { column: 'time', descending: false };

/** Closes every editor (and waits until the tabs are gone). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('all editors closed', () =>
    vscode.window.tabGroups.all.every((g) => g.tabs.length === 0) ? true : undefined,
  );
}

/** Asserts a file was not changed since `before`. */
export function assertUnchanged(file: string, before: ReturnType<typeof fingerprint>): void {
  assert.deepEqual(fingerprint(file), before, `${file} was not modified`);
}
