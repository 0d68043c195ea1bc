import * as vscode from 'vscode';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { pickExports, urisFromArgs } from './exportUris';

/**
 * `mia.addExport` ("MIA: Add Export to Investigation…"): reads more exports into the active
 * investigation (records repeated across files count once). Takes a `Uri`, `Uri[]` or the
 * explorer's selection; otherwise asks. Returns the session id once the files are read, or
 * undefined when no investigation is open or nothing was chosen.
 */
export function registerAddExport(store: InvestigationStore): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.addExport,
    async (first?: unknown, second?: unknown): Promise<string | undefined> => {
      const session = store.active;
      if (!session) {
        void vscode.window.showInformationMessage(
          'No investigation is open. Open an audit export first (MIA: Open Audit Export…).',
        );
        return undefined;
      }
      const uris = urisFromArgs(first, second) ?? (await pickExports('Add to Investigation'));
      if (uris.length === 0) return undefined;
      // The file may have been closed while the dialog was up.
      if (store.get(session.id) !== session) return undefined;
      await session.addFiles(uris);
      return session.id;
    },
  );
}
