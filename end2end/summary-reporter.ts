// Prints the one summary line CI reads, `playwright: N passed, N failed[, N skipped]`,
// and writes the same counts to test-results/summary.json.
//
// Counting, per test (its last attempt decides):
// - passed:  expected outcome, or flaky (failed first, passed on retry);
// - failed:  unexpected outcome, timed out or interrupted;
// - skipped: skipped, or never started (run stopped early).
// Errors outside any test (a spec that does not load, a failing global hook) count as failed,
// so a broken run never reads "0 failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestError,
} from '@playwright/test/reporter';

interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

class SummaryReporter implements Reporter {
  private config: FullConfig | undefined;
  private suite: Suite | undefined;
  private errorsOutsideTests = 0;

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.suite = suite;
  }

  onError(_error: TestError): void {
    this.errorsOutsideTests += 1;
  }

  printsToStdio(): boolean {
    return true;
  }

  onEnd(result: FullResult): void {
    const tests = this.suite ? this.suite.allTests() : [];
    // `playwright test --list` reports the suite without running anything: print nothing then.
    if (tests.length > 0 && tests.every((t) => t.results.length === 0) && result.status === 'passed') {
      return;
    }

    const summary: Summary = { passed: 0, failed: 0, skipped: 0 };
    for (const test of tests) {
      const last = test.results[test.results.length - 1];
      if (!last) {
        summary.skipped += 1;
        continue;
      }
      if (last.status === 'timedOut' || last.status === 'interrupted') {
        summary.failed += 1;
        continue;
      }
      switch (test.outcome()) {
        case 'expected':
        case 'flaky':
          summary.passed += 1;
          break;
        case 'skipped':
          summary.skipped += 1;
          break;
        case 'unexpected':
          summary.failed += 1;
          break;
      }
    }
    summary.failed += this.errorsOutsideTests;

    let line = `playwright: ${summary.passed} passed, ${summary.failed} failed`;
    if (summary.skipped > 0) line += `, ${summary.skipped} skipped`;
    console.log(line);

    const base = this.config?.configFile ? path.dirname(this.config.configFile) : process.cwd();
    const dir = path.join(base, 'test-results');
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary) + '\n');
    } catch (e) {
      console.error(`summary-reporter: could not write ${dir}/summary.json: ${String(e)}`);
    }
  }
}

export default SummaryReporter;
