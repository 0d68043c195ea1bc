import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every process the harness starts runs in its own process group (detached), so stopping it stops
 * its children too (code-server forks an extension host, a file watcher, pty hosts…), and nothing
 * else on the machine is touched. Groups still alive when this process exits, fails or is
 * interrupted are killed by the hooks below.
 */
const liveGroups = new Set<number>();
const exitCleanups = new Set<() => void>();
let hooksInstalled = false;
let shuttingDown = false;

/** True once a signal made the harness stop everything (an exiting child is then expected). */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runExitCleanups(): void {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  liveGroups.clear();
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      // Best effort while exiting.
    }
  }
  exitCleanups.clear();
}

async function onSignal(signal: NodeJS.Signals, code: number): Promise<void> {
  shuttingDown = true;
  process.stderr.write(
    `\n[harness] ${signal}: stopping ${liveGroups.size} process group(s) started by the harness\n`,
  );
  await Promise.all([...liveGroups].map((pid) => stopGroup(pid, 3000)));
  runExitCleanups();
  process.exit(code);
}

/** Installs the exit and signal hooks once per process. */
export function installCleanupHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', runExitCleanups);
  process.once('SIGINT', () => void onSignal('SIGINT', 130));
  process.once('SIGTERM', () => void onSignal('SIGTERM', 143));
  process.once('SIGHUP', () => void onSignal('SIGHUP', 129));
}

/** Runs `cleanup` (synchronously) when this process exits, unless {@link cancelOnExit} is called. */
export function runOnExit(cleanup: () => void): void {
  installCleanupHooks();
  exitCleanups.add(cleanup);
}

/** Removes a cleanup registered with {@link runOnExit} (after it ran normally). */
export function cancelOnExit(cleanup: () => void): void {
  exitCleanups.delete(cleanup);
}

/** Starts a process in its own process group and tracks it until it exits. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  installCleanupHooks();
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    liveGroups.add(pid);
    // The group may outlive its leader (orphaned grandchildren): keep it tracked until stopGroup.
    child.once('exit', () => {
      if (!groupAlive(pid)) liveGroups.delete(pid);
    });
  }
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves when the group is gone. */
export async function stopGroup(pid: number, graceMs = 5000): Promise<void> {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  for (let i = 0; i < 20 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  liveGroups.delete(pid);
}

/** Result of {@link runTracked}. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs a command to completion (tracked, own process group), capturing stdout+stderr together.
 * `echo` also streams the output to this process's stderr.
 */
export async function runTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { echo?: boolean } = {},
): Promise<RunResult> {
  const { echo, ...spawnOptions } = options;
  const child = spawnTracked(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer): void => {
    chunks.push(chunk);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c: number | null, s: NodeJS.Signals | null) => resolve([c, s]));
  });
  if (child.pid !== undefined) await stopGroup(child.pid, 1000);
  return { code, signal, output: Buffer.concat(chunks).toString('utf8') };
}
