import * as vscode from 'vscode';
import { expandInputs } from '../../core/investigation/inputFiles';
import { InputError } from '../../core/investigation/types';
import type { MetadataSourceInfo } from '../../core/enrich/metadata/readMetadataSource';
import { commandIds } from '../constants';
import type { FailedFile } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import { urisFromArgs } from './exportUris';

/** What `mia.addMetadata` returns to code (tests, other extensions). */
export interface AddMetadataResult {
  session: string;
  added: MetadataSourceInfo[];
  failed: FailedFile[];
}

async function pickMetadata(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Add Message Metadata',
    title: 'Purview Results.csv, eDiscovery load file, message trace CSV or Graph message JSON',
    filters: { 'Metadata (CSV, JSON)': ['csv', 'txt', 'json', 'jsonl'], 'All files': ['*'] },
  });
  return picked ?? [];
}

/** Files named, with folders expanded; a path that cannot be listed is reported as failed. */
async function metadataPaths(uris: readonly vscode.Uri[], failed: FailedFile[]): Promise<string[]> {
  const out: string[] = [];
  for (const uri of uris) {
    try {
      for (const f of await expandInputs([uri.fsPath])) out.push(f.path);
    } catch (error) {
      failed.push({
        path: uri.fsPath,
        reason: error instanceof InputError ? error.reason : (error as Error).message,
      });
    }
  }
  return out;
}

function summary(added: readonly MetadataSourceInfo[], known: number): string {
  const rejected = added.reduce((n, s) => n + s.rejected.length, 0);
  const files = added.length === 1 ? '1 metadata file' : `${added.length} metadata files`;
  return (
    `Added ${files}: ${known.toLocaleString('en-US')} messages now have metadata.` +
    (rejected > 0 ? ` ${rejected.toLocaleString('en-US')} rows could not be read.` : '')
  );
}

/**
 * `mia.addMetadata` ("MIA: Add Message Metadata…"): joins message metadata files (Purview
 * Results.csv, eDiscovery Premium load file, message trace CSV, Graph message JSON) into the
 * active investigation, whose tree, editor and reports then show subjects, senders and dates.
 * Takes a `Uri`, `Uri[]` (files or folders) or the explorer's selection; otherwise asks. Returns
 * what was added and what failed, or undefined when no investigation is open or nothing was chosen.
 */
export function registerAddMetadata(store: InvestigationStore): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.addMetadata,
    async (first?: unknown, second?: unknown): Promise<AddMetadataResult | undefined> => {
      const session = store.active;
      if (!session) {
        void vscode.window.showInformationMessage(
          'No investigation is open. Open an audit export first (MIA: Open Audit Export…), then add its message metadata.',
        );
        return undefined;
      }
      const uris = urisFromArgs(first, second) ?? (await pickMetadata());
      if (uris.length === 0) return undefined;
      if (store.get(session.id) !== session) return undefined;
      const failed: FailedFile[] = [];
      const paths = await metadataPaths(uris, failed);
      const result = await session.addMetadata(paths);
      failed.push(...result.failed);
      if (result.added.length > 0)
        void vscode.window.showInformationMessage(summary(result.added, session.metadata.size));
      for (const f of failed)
        void vscode.window.showErrorMessage(`Could not add ${f.path} as message metadata: ${f.reason}`);
      return { session: session.id, added: result.added, failed };
    },
  );
}
