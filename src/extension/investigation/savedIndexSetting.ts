import * as vscode from 'vscode';
import type { SavedIndexOptions } from '../../core/savedIndex/savedIndexStore';
import { settingDefaults, settingKeys, settingsSection } from '../constants';

let folder: string | undefined;

/**
 * Saved indexes of exports go to the extension's global storage (`index/`), never beside an
 * export: evidence is read-only. Called once at activation.
 */
export function configureSavedIndex(context: vscode.ExtensionContext): void {
  const uri = context.globalStorageUri;
  folder = uri.scheme === 'file' ? vscode.Uri.joinPath(uri, 'index').fsPath : undefined;
}

/** The saved index folder now: undefined when `mia.index.enabled` is off (or no local storage). */
export function savedIndexFolder(): string | undefined {
  const enabled = vscode.workspace
    .getConfiguration(settingsSection)
    .get<boolean>(settingKeys.indexEnabled, settingDefaults.indexEnabled);
  return enabled === false ? undefined : folder;
}

/** The saved index options for a load started now. */
export function savedIndexOptions(): SavedIndexOptions | undefined {
  const dir = savedIndexFolder();
  return dir === undefined ? undefined : { dir };
}
