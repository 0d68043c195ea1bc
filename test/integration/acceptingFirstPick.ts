import * as vscode from 'vscode';

/** Runs a command that shows quick picks, and accepts the first item of each until it settles. */
export async function acceptingFirstPick<T>(run: () => Thenable<T>): Promise<T> {
  const result = run();
  let settled = false;
  void Promise.resolve(result).finally(() => (settled = true));
  for (let i = 0; i < 100 && !settled; i++) {
    await new Promise((r) => setTimeout(r, 200));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}
