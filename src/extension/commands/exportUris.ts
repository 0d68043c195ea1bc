import * as vscode from 'vscode';
import { auditExportExtensions } from '../constants';

/**
 * The files a command was given: from the explorer, `(clicked, selection)`; from code, a `Uri`,
 * a `Uri[]`, or path strings. Undefined when it was given none (then it asks).
 */
export function urisFromArgs(first: unknown, second: unknown): vscode.Uri[] | undefined {
  const asUri = (v: unknown): vscode.Uri | undefined =>
    v instanceof vscode.Uri ? v : typeof v === 'string' && v !== '' ? vscode.Uri.file(v) : undefined;
  const list = (v: unknown): vscode.Uri[] | undefined => {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const uris = v.map(asUri);
    return uris.every((u): u is vscode.Uri => u !== undefined) ? uris : undefined;
  };
  // An explorer multi-selection arrives second and includes the clicked file.
  return list(second) ?? list(first) ?? (asUri(first) ? [asUri(first)!] : undefined);
}

/** Asks for export files (several may be chosen). */
export async function pickExports(openLabel: string): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel,
    filters: { 'Audit exports': auditExportExtensions.map((e) => e.slice(1)), 'All files': ['*'] },
  });
  return picked ?? [];
}
