import * as vscode from 'vscode';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';

/** Loads of at least this many bytes get a notification with progress and Cancel. */
export const notifyLoadBytes = 25 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

/**
 * Shows a cancellable progress notification while a session reads large files (small ones load
 * before a notification could be read). Cancel stops the load; the files read so far stay, and the
 * records read of the file being read stay too (the session says it was partially loaded).
 */
export class LoadProgressNotifier implements vscode.Disposable {
  private readonly showing = new Set<InvestigationSession>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly store: InvestigationStore) {
    this.listener = store.onDidChangeSession((session) => this.check(session));
  }

  private check(session: InvestigationSession): void {
    const load = session.load;
    if (!session.loading || load.phase !== 'loading' || load.totalBytes < notifyLoadBytes) return;
    if (this.showing.has(session)) return;
    this.showing.add(session);
    void vscode.window
      .withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Reading ${session.title}`,
          cancellable: true,
        },
        (progress, token) =>
          new Promise<void>((resolve) => {
            let reported = 0;
            const update = (): void => {
              const { bytesRead, totalBytes, records } = session.load;
              const percent = totalBytes > 0 ? (100 * bytesRead) / totalBytes : 0;
              progress.report({
                increment: Math.max(0, percent - reported),
                message: `${megabytes(bytesRead)} of ${megabytes(totalBytes)}, ${records.toLocaleString('en-US')} records`,
              });
              reported = Math.max(reported, percent);
            };
            const done = (): void => {
              listener.dispose();
              closed.dispose();
              cancel.dispose();
              resolve();
            };
            // A session closed while loading fires no more changes.
            const closed = this.store.onDidChangeSessions(() => {
              if (this.store.get(session.id) !== session) done();
            });
            const listener = session.onDidChange(() => {
              if (!session.loading) done();
              else update();
            });
            const cancel = token.onCancellationRequested(() => session.cancelLoad());
            update();
            // The load may have ended between the check and now.
            if (!session.loading) done();
          }),
      )
      .then(() => this.showing.delete(session));
  }

  dispose(): void {
    this.listener.dispose();
  }
}
