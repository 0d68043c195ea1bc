import * as vscode from 'vscode';
import { commandIds, type CommandId } from '../constants';

/** Commands whose real implementation arrives with later issues. */
const pending: readonly CommandId[] = [
  commandIds.addExport,
  commandIds.revealMessage,
  commandIds.scopeReport,
  commandIds.goToMessage,
  commandIds.exportMessageIds,
  commandIds.showThrottledWindows,
];

/**
 * Registers the not-yet-built commands so every contributed command exists (a contributed command
 * with no handler fails when run); each says so instead of failing silently.
 */
export function registerNotYetAvailable(): vscode.Disposable[] {
  return pending.map((id) =>
    vscode.commands.registerCommand(id, () => {
      void vscode.window.showInformationMessage(
        `MailItemsAccessed Investigator: ${id} is not yet available.`,
      );
      return false;
    }),
  );
}
