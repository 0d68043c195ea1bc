import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { remoteUri, startCodeServer } from './codeServer';
import { harnessVerbose } from './harnessConfig';
import type { Harness } from './install';
import { cancelOnExit, runOnExit } from './processes';
import { testResultEnv, type TestResults } from './testResults';

/** How to run an `extensionTestsPath` module inside code-server's real extension host. */
export interface ExtensionHostTestOptions {
  harness: Harness;
  /** Folder with the extension's package.json (its `main` must be built). */
  extensionDevelopmentPath: string;
  /** Compiled test index exporting `run(): Promise<void>`. */
  extensionTestsPath: string;
  /** Folder the workbench opens. */
  workspace: string;
  /** Budget for the whole run (default {@link integrationTimeoutMs}). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Environment variable that overrides the integration tier's budget, in milliseconds. */
export const integrationTimeoutEnv = 'MIA_INTEGRATION_TIMEOUT_MS';

/** Budget of the integration tier when nobody says otherwise: generous, the tier keeps growing. */
export const defaultIntegrationTimeoutMs = 900_000;

/**
 * The integration tier's budget: `MIA_INTEGRATION_TIMEOUT_MS` when it holds a positive number of
 * milliseconds, else {@link defaultIntegrationTimeoutMs}. A value that is not a positive number is
 * an error (a typo must not silently mean "the default").
 */
export function integrationTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[integrationTimeoutEnv];
  if (raw === undefined || raw.trim() === '') return defaultIntegrationTimeoutMs;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${integrationTimeoutEnv} must be a positive number of milliseconds, not "${raw}"`);
  return value;
}

/** What came back from the extension host. */
export interface ExtensionHostTestRun {
  /** Exit code the workbench reported through `codeAutomationExit`, or 'timeout'. */
  exitCode: number | 'timeout';
  /** Per-test outcomes the test index wrote, when it got that far. */
  results?: TestResults;
  /** The last workbench log lines (for diagnosing a run that produced no results). */
  workbenchLog: string[];
}

/**
 * Starts a private code-server with the smoke-test driver, opens the workbench in Chromium with a
 * `payload` naming the extension under development and the test module (exactly what
 * @vscode/test-electron passes on the command line), waits for `codeAutomationExit`, and reads the
 * results file the test index wrote. Everything started here is stopped before returning.
 */
export async function runExtensionHostTests(
  options: ExtensionHostTestOptions,
): Promise<ExtensionHostTestRun> {
  const log = options.log ?? ((line: string) => console.error(line));
  const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-integration-results-'));
  const removeResultDir = (): void => fs.rmSync(resultDir, { recursive: true, force: true });
  runOnExit(removeResultDir);
  const resultFile = path.join(resultDir, 'results.json');
  const workbenchLog: string[] = [];
  const server = await startCodeServer({
    harness: options.harness,
    smokeTestDriver: true,
    env: { [testResultEnv]: resultFile },
    log: harnessVerbose() ? log : undefined,
  });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    browser = await launchBrowser(options.harness);
    const { page } = browser;
    let finish: (code: number | 'timeout') => void = () => undefined;
    const exited = new Promise<number | 'timeout'>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const line = `[${String(type)}] ${typeof args === 'string' ? args : JSON.stringify(args)}`;
      workbenchLog.push(line);
      if (workbenchLog.length > 200) workbenchLog.shift();
      if (harnessVerbose()) log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(path.resolve(options.extensionDevelopmentPath))],
      ['extensionTestsPath', remoteUri(path.resolve(options.extensionTestsPath))],
      ['skipWelcome', 'true'],
    ] as const;
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? integrationTimeoutMs());
    await page.goto(server.workbenchUrl(path.resolve(options.workspace), payload));
    const exitCode = await exited;
    clearTimeout(timer);
    let results: TestResults | undefined;
    if (fs.existsSync(resultFile)) results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as TestResults;
    if (exitCode !== 0 || !results) {
      workbenchLog.push(`--- code-server log (${server.logFile}) ---`, ...tailLines(server.logFile, 30));
    }
    return { exitCode, results, workbenchLog };
  } finally {
    await browser?.close();
    await server.stop();
    removeResultDir();
    cancelOnExit(removeResultDir);
  }
}

function tailLines(file: string, count: number): string[] {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count);
  } catch {
    return [];
  }
}
