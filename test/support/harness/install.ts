import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  defaultChromiumPath,
  harnessEnv,
  harnessPaths,
  harnessVersions,
  nodePackageName,
  type HarnessPaths,
} from './harnessConfig';
import { withInstallLock } from './installLock';
import { runTracked } from './processes';
import { installDebianPackages, isExecutable, onPath } from './systemPackages';

/** What a ready harness offers. */
export interface Harness {
  paths: HarnessPaths;
  /** The Node 24 binary that runs code-server. */
  nodeBinary: string;
  /** code-server's `out/node/entry.js`. */
  codeServerEntry: string;
  /** The Chromium executable playwright-core drives. */
  chromium: string;
}

const markerName = '.mia-harness.json';

/** Marker contents per install folder: a different value means "reinstall". */
function wantedMarkers(): { node: object; codeServer: object } {
  const node = { package: nodePackageName(), version: harnessVersions.node };
  // Native modules are compiled against Node's ABI: a new Node means a new code-server build.
  return { node, codeServer: { version: harnessVersions.codeServer, node } };
}

function markerMatches(dir: string, wanted: object): boolean {
  try {
    return fs.readFileSync(path.join(dir, markerName), 'utf8') === JSON.stringify(wanted);
  } catch {
    return false;
  }
}

function chromiumPath(): string {
  return process.env[harnessEnv.chromium] || defaultChromiumPath;
}

/** Files that exist only when code-server's postinstall (native modules, bundled extensions) ran. */
function codeServerSentinels(home: string): string[] {
  const vscode = path.join(home, 'lib', 'vscode');
  return [
    path.join(home, 'out', 'node', 'entry.js'),
    path.join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscode, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
    path.join(vscode, 'node_modules', '@vscode', 'sqlite3', 'build', 'Release', 'vscode-sqlite3.node'),
    path.join(vscode, 'bin', 'remote-cli', 'code-server'),
    path.join(vscode, 'extensions', 'node_modules', 'typescript', 'package.json'),
  ];
}

function isReady(paths: HarnessPaths): boolean {
  const markers = wantedMarkers();
  return (
    markerMatches(paths.nodeDir, markers.node) &&
    isExecutable(paths.nodeBinary) &&
    markerMatches(paths.codeServerDir, markers.codeServer) &&
    codeServerSentinels(paths.codeServerHome).every((f) => fs.existsSync(f)) &&
    isExecutable(chromiumPath())
  );
}

/**
 * npm's environment without what an outer `npm test` put there: its project prefix would make the
 * nested install land in the repository, its user agent names the wrong Node.
 */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const invocationSpecific =
    /^npm_(command|execpath|node_execpath|package_.*|lifecycle_.*|config_(local_prefix|prefix|global_prefix|user_agent|allow_scripts|nodedir|node_gyp))$/i;
  for (const [key, value] of Object.entries(process.env)) if (!invocationSpecific.test(key)) env[key] = value;
  return { ...env, ...extra };
}

async function npmInstall(
  dir: string,
  manifest: object,
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const logFile = path.join(dir, 'install.log');
  const result = await runTracked('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: dir,
    env,
  });
  fs.writeFileSync(logFile, result.output);
  if (result.code !== 0) {
    throw new Error(
      `Installing ${what} failed (exit ${result.code}); log: ${logFile}\n${result.output.slice(-4000)}`,
    );
  }
}

async function installNode(paths: HarnessPaths, log: (line: string) => void): Promise<void> {
  const { node } = wantedMarkers();
  if (markerMatches(paths.nodeDir, node) && isExecutable(paths.nodeBinary)) return;
  log(
    `[harness] installing Node ${harnessVersions.node} (${nodePackageName()} from npm) into ${paths.nodeDir}`,
  );
  const manifest = {
    name: 'mia-harness-node',
    private: true,
    dependencies: { [nodePackageName()]: harnessVersions.node },
  };
  await npmInstall(paths.nodeDir, manifest, npmEnv({}), `Node ${harnessVersions.node}`);
  const version = await runTracked(paths.nodeBinary, ['--version']);
  if (version.output.trim() !== `v${harnessVersions.node}`) {
    throw new Error(
      `${paths.nodeBinary} reports ${version.output.trim()}, expected v${harnessVersions.node}`,
    );
  }
  fs.writeFileSync(path.join(paths.nodeDir, markerName), JSON.stringify(node));
}

async function installCodeServer(paths: HarnessPaths, log: (line: string) => void): Promise<void> {
  const { codeServer } = wantedMarkers();
  if (
    markerMatches(paths.codeServerDir, codeServer) &&
    codeServerSentinels(paths.codeServerHome).every(fs.existsSync)
  ) {
    return;
  }
  const buildTools = ['g++', 'make', 'python3'].filter((tool) => !onPath(tool));
  const packages = [...(onPath('krb5-config') ? [] : ['libkrb5-dev']), ...buildTools];
  await installDebianPackages(packages, "to compile code-server's native modules", log);

  log(
    `[harness] installing code-server ${harnessVersions.codeServer} into ${paths.codeServerDir} (compiles native modules; 4–8 min)`,
  );
  const manifest = {
    name: 'mia-harness-code-server',
    private: true,
    dependencies: { 'code-server': harnessVersions.codeServer },
    // npm 11 asks for install scripts to be approved: code-server's postinstall installs VS Code's
    // own dependencies and builds its native modules; argon2 loads its prebuilt binary.
    allowScripts: { 'code-server': true, argon2: true },
  };
  // npm must run on Node 24 (the postinstall checks npm's user agent) and node-gyp must build
  // against Node 24's headers, not the machine's Node (npmrc may say nodedir=/usr).
  const env = npmEnv({
    PATH: `${path.join(paths.nodeHome, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodeHome,
  });
  await npmInstall(paths.codeServerDir, manifest, env, `code-server ${harnessVersions.codeServer}`);

  let missing = codeServerSentinels(paths.codeServerHome).filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    // The install-script policy skipped the postinstall: run it ourselves, as npm would have.
    log(`[harness] code-server's postinstall did not run (missing ${missing[0]}); running it now`);
    const userAgent = `npm/11 node/v${harnessVersions.node} ${process.platform} ${process.arch}`;
    const result = await runTracked('sh', ['./postinstall.sh'], {
      cwd: paths.codeServerHome,
      env: { ...env, npm_config_user_agent: userAgent },
    });
    fs.appendFileSync(path.join(paths.codeServerDir, 'install.log'), result.output);
    missing = codeServerSentinels(paths.codeServerHome).filter((f) => !fs.existsSync(f));
    if (result.code !== 0 || missing.length > 0) {
      throw new Error(
        `code-server's postinstall failed (exit ${result.code}; missing ${missing.join(', ')}):\n${result.output.slice(-4000)}`,
      );
    }
  }
  const version = await runTracked(
    paths.nodeBinary,
    [paths.codeServerEntry, '--config', '/dev/null', '--version'],
    {
      env: npmEnv({}),
    },
  );
  if (!version.output.includes(harnessVersions.codeServer)) {
    throw new Error(`code-server does not start: ${version.output.slice(-2000)}`);
  }
  fs.writeFileSync(path.join(paths.codeServerDir, markerName), JSON.stringify(codeServer));
}

async function ensureChromium(log: (line: string) => void): Promise<void> {
  const chromium = chromiumPath();
  if (isExecutable(chromium)) return;
  if (chromium !== defaultChromiumPath) {
    throw new Error(`${harnessEnv.chromium}=${chromium} is not an executable file.`);
  }
  await installDebianPackages(['chromium'], 'the browser that drives the VS Code workbench', log);
  if (!isExecutable(chromium)) throw new Error(`apt-get installed chromium but ${chromium} is missing`);
}

/**
 * Makes sure the harness's Node 24 alone is installed (as `ensureHarness` installs it; the bench
 * runs its tools on it) and returns its binary.
 */
export async function ensureHarnessNode(
  log: (line: string) => void = (l) => console.error(l),
): Promise<string> {
  const paths = harnessPaths();
  await withInstallLock(paths.lockDir, () => installNode(paths, log), log);
  return paths.nodeBinary;
}

/**
 * Makes sure Node 24, code-server and Chromium are installed (first use installs them into the
 * cache; later calls only check markers), and returns where they are. Safe to call from several
 * processes at once.
 */
export async function ensureHarness(log: (line: string) => void = (l) => console.error(l)): Promise<Harness> {
  const paths = harnessPaths();
  if (!isReady(paths)) {
    const started = Date.now();
    await withInstallLock(
      paths.lockDir,
      async () => {
        // Chromium first: it fails fast with a clear message when not root.
        await ensureChromium(log);
        await installNode(paths, log);
        await installCodeServer(paths, log);
      },
      log,
    );
    log(`[harness] ready in ${Math.round((Date.now() - started) / 1000)} s (cache: ${paths.root})`);
  }
  return {
    paths,
    nodeBinary: paths.nodeBinary,
    codeServerEntry: paths.codeServerEntry,
    chromium: chromiumPath(),
  };
}
