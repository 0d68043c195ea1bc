import * as Mocha from 'mocha';
import { summaryLine } from './testResults';

/**
 * Mocha's spec output followed by the closing `N passed, N failed` line every test tier prints
 * (scripts/test.mjs reads it back). Used as `mocha --reporter out/test/support/harness/summaryReporter.js`.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after Spec's own listener, so the line comes after mocha's epilogue.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0 };
      console.log(summaryLine(stats.passes, stats.failures));
    });
  }
}

// Mocha loads a reporter file with require() and expects the constructor itself as the module.
export = SummaryReporter;
