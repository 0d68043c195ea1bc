import * as vscode from 'vscode';
import { auditExportViewType, commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import { log } from '../log';
import { pickExports, urisFromArgs } from './exportUris';

/**
 * `mia.openExport`: opens exports as ONE investigation (one session with every file, shown in the
 * investigator editor of the first file). From the explorer it receives the clicked file and the
 * selection; from code a `Uri` or `Uri[]`; from the palette or the welcome view it asks for files.
 * Returns the session id, or undefined when nothing was chosen.
 */
export function registerOpenExport(store: InvestigationStore): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.openExport,
    async (first?: unknown, second?: unknown): Promise<string | undefined> => {
      const uris = urisFromArgs(first, second) ?? (await pickExports('Open Audit Export'));
      if (uris.length === 0) return undefined;
      log()?.info(`Open Audit Export: ${uris.map((u) => u.fsPath).join(', ')}`);
      const session = store.open(uris);
      // The editor is created after a round trip to the workbench, and a saved index may load first.
      session.firstRows.hold();
      await vscode.commands.executeCommand(
        'vscode.openWith',
        session.files[0] ?? uris[0],
        auditExportViewType,
      );
      return session.id;
    },
  );
}
