import { basename } from 'node:path';
import type { Investigation } from '../../core/investigation/investigation';
import type { ReopenCheck } from '../../core/savedIndex/readThroughIndex';

/** A file the session was asked to read and could not (missing, unreadable, not an export). */
export interface FailedFile {
  path: string;
  reason: string;
}

/** What the end of a load says: a cancel, the files that failed, the saved indexes found stale. */
export function loadEndMessage(
  investigation: Investigation,
  cancelled: boolean,
  failures: readonly FailedFile[],
  staleIndexes: readonly FailedFile[],
  fileCount: number,
): { message?: string } {
  const parts: string[] = [];
  if (cancelled) {
    const partial = investigation.sources.filter((src) => src.partial);
    parts.push(
      partial.length === 0
        ? 'Loading was cancelled; the files read completely are shown.'
        : `Loading was cancelled; ${partial.map((src) => basename(src.path)).join(', ')} partially loaded (the records read before the cancel are shown).`,
    );
  }
  if (failures.length === 1 && investigation.sources.length === 0 && fileCount === 1) {
    parts.push(failures[0].reason);
  } else {
    for (const f of failures) parts.push(`Could not read ${f.path}: ${f.reason}`);
  }
  for (const f of staleIndexes) parts.push(`${f.path}: ${f.reason}`);
  return parts.length === 0 ? {} : { message: parts.join(' ') };
}

/** Why a reopened file's saved index was dropped, for the load's end message. */
export function staleIndexReason(check: ReopenCheck): string {
  return check.error === undefined
    ? `the file changed since its saved index was made (SHA-256 ${check.sha256}, indexed ${check.indexedSha256}); it was read again from the file.`
    : `cannot check the file against its saved index (${check.error}); it was read again from the file.`;
}

/** The warning shown when a reopened file's saved index is dropped. */
export function staleIndexWarning(check: ReopenCheck): string {
  return `${basename(check.path)}: ${
    check.error === undefined
      ? 'the file changed since its saved index was made'
      : `cannot check the file against its saved index (${check.error})`
  }; reading it again from the file.`;
}
