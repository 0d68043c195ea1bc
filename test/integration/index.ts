import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { testResultEnv, type TestOutcome, type TestResults } from '../support/harness/testResults';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The `extensionTestsPath` module: VS Code loads it in the extension host and awaits run()
 * (the contract of @vscode/test-electron and of code-server's smoke-test driver). Outcomes are also
 * written as JSON to the file named by MIA_TEST_RESULT, because the workbench only passes on an
 * exit code.
 */
export async function run(): Promise<void> {
  // MIA_TEST_GREP (see scripts/test.mjs) runs only the matching tests while developing.
  const grep = process.env.MIA_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  const files = testFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  const outcomes: TestOutcome[] = [];
  const resultFile = process.env[testResultEnv];
  const write = (): void => {
    if (!resultFile) return;
    const passed = outcomes.filter((o) => o.state === 'passed').length;
    const results: TestResults = { passed, failed: outcomes.length - passed, tests: outcomes };
    fs.writeFileSync(resultFile, JSON.stringify(results, null, 2));
  };
  try {
    await mocha.loadFilesAsync();
  } catch (error) {
    outcomes.push({ title: 'loading the test files', state: 'failed', error: String(error) });
    write();
    throw error;
  }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) =>
      outcomes.push({ title: test.fullTitle(), state: 'passed' }),
    );
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) }),
    );
  });
  write();
  if (files.length === 0) throw new Error(`No *.test.js files in ${__dirname}`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed.`);
}
