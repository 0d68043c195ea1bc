import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, portIsFree } from './freePort';
import { harnessEnv } from './harnessConfig';
import type { Harness } from './install';
import { cancelOnExit, runOnExit, runTracked, spawnTracked, stopGroup } from './processes';

/** User settings that keep a fresh workbench quiet and its layout stable for tests. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'remote.autoForwardPorts': false,
  'files.hotExit': 'off',
};

/** How to start one private code-server. */
export interface CodeServerOptions {
  harness: Harness;
  /** Preferred port; when missing or busy, the OS picks a free one (unless `strictPort`). */
  port?: number;
  strictPort?: boolean;
  /** Added to the environment of code-server and so of its extension host. */
  env?: Record<string, string>;
  /**
   * Lets the workbench URL's `payload` load `extensionDevelopmentPath`/`extensionTestsPath` and
   * exposes `codeAutomationExit` (it also hides notification toasts: keep UI tests elsewhere).
   */
  smokeTestDriver?: boolean;
  /** .vsix packages to install into the private extensions folder before starting. */
  vsixFiles?: readonly string[];
  /** Folder the workbench opens when the URL names none. */
  folder?: string;
  /** Extra user settings over {@link quietSettings}. */
  settings?: Record<string, unknown>;
  log?: (line: string) => void;
}

/** A running code-server started by the harness. */
export interface CodeServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Private temporary folder: user-data/, extensions/, config.yaml, code-server.log. */
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** URL of the workbench on `folder`, optionally with a smoke-test-driver payload. */
  workbenchUrl(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** Settles with the exit code when the code-server process ends (for whatever reason). */
  exited: Promise<number | null>;
  /** Stops exactly the process group this code-server runs in and removes its folder. */
  stop(): Promise<void>;
}

/** A path on the code-server host as the workbench names it (the remote authority is `remote`). */
export function remoteUri(absolutePath: string): string {
  return `vscode-remote://remote${absolutePath}`;
}

/** Environment without what would redirect code-server (PORT overrides --bind-addr) or its CLI. */
function codeServerEnv(dir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const dropped = /^(PORT|PASSWORD|HASHED_PASSWORD|CODE_SERVER_.*|VSCODE_.*|ELECTRON_RUN_AS_NODE)$/;
  for (const [key, value] of Object.entries(process.env)) if (!dropped.test(key)) env[key] = value;
  return {
    ...env,
    // Keep code-server's own state files out of the user's home.
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    ...extra,
  };
}

function commonArgs(dir: string): string[] {
  return [
    '--config',
    path.join(dir, 'config.yaml'),
    '--user-data-dir',
    path.join(dir, 'user-data'),
    '--extensions-dir',
    path.join(dir, 'extensions'),
  ];
}

async function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(undefined));
    request.on('timeout', () => {
      request.destroy();
      resolve(undefined);
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function installVsix(
  harness: Harness,
  dir: string,
  vsix: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const result = await runTracked(
    harness.nodeBinary,
    [harness.codeServerEntry, ...commonArgs(dir), '--install-extension', path.resolve(vsix)],
    { env },
  );
  if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
    throw new Error(
      `Installing ${vsix} into code-server failed (exit ${result.code}):\n${result.output.slice(-3000)}`,
    );
  }
}

async function choosePort(options: CodeServerOptions): Promise<number> {
  if (options.port !== undefined && (await portIsFree(options.port))) return options.port;
  if (options.port !== undefined && options.strictPort) throw new Error(`Port ${options.port} is busy.`);
  return freePort();
}

/**
 * Starts code-server on 127.0.0.1 with private user-data, extensions and config folders (fresh
 * temporary ones) and quiet settings. Resolves once it answers HTTP.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const log = options.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-code-server-'));
  const keep = process.env[harnessEnv.keep] === '1';
  const removeDir = (): void => {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  runOnExit(removeDir);
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const logFile = path.join(dir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  const env = codeServerEnv(dir, options.env ?? {});
  for (const vsix of options.vsixFiles ?? []) await installVsix(options.harness, dir, vsix, env);

  for (let attempt = 1; ; attempt++) {
    const port = await choosePort(options);
    // Always a config file of our own: without --config code-server writes ~/.config/code-server.
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`,
    );
    const args = [
      options.harness.codeServerEntry,
      ...commonArgs(dir),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(options.folder ? [options.folder] : []),
    ];
    const out = fs.openSync(logFile, 'a');
    const child = spawnTracked(options.harness.nodeBinary, args, { env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const pid = child.pid;
    if (pid === undefined) throw new Error('code-server did not start');
    let exited = false;
    const exitedPromise = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        exited = true;
        resolve(code);
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    let status: number | undefined;
    while (!exited && Date.now() < deadline && (status = await httpStatus(`${url}/healthz`)) !== 200) {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (status === 200 && !exited) {
      log(`[harness] code-server pid ${pid} on ${url} (${dir})`);
      const server: CodeServer = {
        port,
        url,
        dir,
        userDataDir,
        extensionsDir,
        logFile,
        workbenchUrl: (folder, payload) =>
          `${url}/?folder=${encodeURIComponent(folder)}` +
          (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
        exited: exitedPromise,
        stop: async () => {
          await stopGroup(pid);
          removeDir();
          cancelOnExit(removeDir);
        },
      };
      return server;
    }
    await stopGroup(pid, 1000);
    const logTail = tail(logFile);
    const portTaken = /EADDRINUSE/.test(logTail) && !options.strictPort;
    if (!portTaken || attempt >= 3) {
      removeDir();
      cancelOnExit(removeDir);
      throw new Error(
        `code-server did not answer on ${url} (${exited ? 'it exited' : 'timeout'}):\n${logTail}`,
      );
    }
    log(`[harness] port ${port} was taken meanwhile; trying another`);
  }
}
