import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cancelOnExit, runOnExit } from './processes';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function readOwner(lockDir: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function ownerAlive(owner: LockOwner | undefined): boolean {
  if (!owner) return true; // Just created, owner file not written yet: treat as held.
  if (owner.host !== os.hostname()) return true; // Cannot check another machine's process.
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` while holding an exclusive lock on the harness cache, so two test runs on one machine
 * never install into the same folder at once. The lock is a directory (mkdir is atomic); a lock
 * whose owner process died is taken over.
 */
export async function withInstallLock<T>(
  lockDir: string,
  work: () => Promise<T>,
  log: (line: string) => void,
  timeoutMs = 30 * 60 * 1000,
): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  let emptySince: number | undefined;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockDir);
    // A lock dir without an owner file for a while was left by a process killed between mkdir and write.
    emptySince = owner ? undefined : (emptySince ?? Date.now());
    const abandoned = owner ? !ownerAlive(owner) : Date.now() - emptySince! > 10_000;
    if (abandoned) {
      log(`[harness] removing a stale install lock (${owner ? `pid ${owner.pid} is gone` : 'no owner'})`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the harness install lock ${lockDir}`);
    if (!announced && owner) {
      log(`[harness] another run (pid ${owner.pid}) is installing the harness; waiting…`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const release = (): void => fs.rmSync(lockDir, { recursive: true, force: true });
  runOnExit(release);
  try {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
    fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify(owner));
    return await work();
  } finally {
    release();
    cancelOnExit(release);
  }
}
