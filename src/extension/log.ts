import * as vscode from 'vscode';

/**
 * The extension's log ("MailItemsAccessed Investigator" in the Output view; its level follows
 * "Developer: Set Log Level…"). Loads and editor milestones go here with their durations, so an
 * analyst can see what a slow open spent its time on, and the bench can read the same lines.
 * Before activation (unit-free code paths), messages are dropped.
 */
let channel: vscode.LogOutputChannel | undefined;

/** Creates the channel once; the returned disposable closes it. */
export function createLog(): vscode.Disposable {
  channel ??= vscode.window.createOutputChannel('MailItemsAccessed Investigator', { log: true });
  const created = channel;
  return {
    dispose: () => {
      created.dispose();
      if (channel === created) channel = undefined;
    },
  };
}

/** The log, or undefined before activation. */
export function log(): vscode.LogOutputChannel | undefined {
  return channel;
}

/** Milliseconds since `startMs`, for log lines. */
export function since(startMs: number): string {
  return `${Math.round(performance.now() - startMs).toLocaleString('en-US')} ms`;
}
