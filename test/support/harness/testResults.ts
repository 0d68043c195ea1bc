/** One test's outcome, as the in-host test index records it. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

/**
 * What the extension-host test index writes to the file named by {@link testResultEnv}: the
 * workbench only reports an exit code, so the details travel through this file.
 */
export interface TestResults {
  passed: number;
  failed: number;
  tests: TestOutcome[];
}

/** Environment variable naming the results file (inherited by the extension host). */
export const testResultEnv = 'MIA_TEST_RESULT';

/** Environment variable naming the file the mocha reporter writes failed tests to (JSON TestOutcome[]). */
export const failuresFileEnv = 'MIA_TEST_FAILURES';

/** The closing line every tier prints. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}
