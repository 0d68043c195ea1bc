import { stat } from 'node:fs/promises';
import type * as vscode from 'vscode';
import { MetadataFileError } from '../../core/enrich/metadata/metadataErrors';
import type { MetadataStore } from '../../core/enrich/metadata/metadataStore';
import type { MetadataSourceInfo } from '../../core/enrich/metadata/readMetadataSource';
import type { FailedFile } from './loadMessages';

/**
 * Joins metadata files into `store`, one after another, until `stopped`. A file that cannot be
 * used is listed in `failed` with the reason (the store is unchanged for it); the others are still added.
 */
export async function addMetadataFiles(
  store: MetadataStore,
  paths: readonly string[],
  stopped: () => boolean,
): Promise<{ added: MetadataSourceInfo[]; failed: FailedFile[] }> {
  const added: MetadataSourceInfo[] = [];
  const failed: FailedFile[] = [];
  for (const path of paths) {
    if (stopped()) break;
    try {
      added.push(await store.add(path));
    } catch (error) {
      failed.push({
        path,
        reason: error instanceof MetadataFileError ? error.reason : (error as Error).message,
      });
    }
  }
  return { added, failed };
}

/** The files' sizes in bytes (0 for one that is missing or not a file: its read says why). */
export function fileSizes(uris: readonly vscode.Uri[]): Promise<number[]> {
  return Promise.all(
    uris.map((u) =>
      stat(u.fsPath).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
}
