import * as vscode from 'vscode';
import { auditExportExtensions, auditExportViewType, commandIds } from '../constants';

/**
 * `mia.openExport`: opens exports in the investigator editor. From the explorer it receives the
 * clicked file and the selection; from the palette or the welcome view it asks for files.
 */
export function registerOpenExport(): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.openExport,
    async (clicked?: unknown, selected?: unknown) => {
      const uris = urisFromArgs(clicked, selected) ?? (await pickExports());
      for (const uri of uris)
        await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
      return uris.length;
    },
  );
}

function urisFromArgs(clicked: unknown, selected: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri)) {
    return selected;
  }
  if (clicked instanceof vscode.Uri) return [clicked];
  return undefined;
}

async function pickExports(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Open Audit Export',
    filters: { 'Audit exports': auditExportExtensions.map((e) => e.slice(1)), 'All files': ['*'] },
  });
  return picked ?? [];
}
