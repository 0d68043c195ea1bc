import { writeFileSync } from 'node:fs';
import * as Mocha from 'mocha';
import { failuresFileEnv, summaryLine, type TestOutcome } from './testResults';

/**
 * Mocha's spec output followed by the closing `N passed, N failed` line every test tier prints
 * (scripts/test.mjs reads it back). Used as `mocha --reporter out/test/support/harness/summaryReporter.js`.
 * When {@link failuresFileEnv} names a file, the failed tests are also written there, so the run's
 * closing summary can name them (a CI log is often read from its tail only).
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: TestOutcome[] = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => {
      failures.push({ title: test.fullTitle(), state: 'failed', error: firstLine(error) });
    });
    // Registered after Spec's own listener, so the line comes after mocha's epilogue.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0 };
      console.log(summaryLine(stats.passes, stats.failures));
      const file = process.env[failuresFileEnv];
      if (file) writeFileSync(file, JSON.stringify(failures));
    });
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? '';
}

// Mocha loads a reporter file with require() and expects the constructor itself as the module.
export = SummaryReporter;
