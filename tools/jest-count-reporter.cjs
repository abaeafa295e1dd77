// Writes this package's pass/fail counts to .test-results/<name>.json so that .ci/run can sum
// every package into one `N passed, N failed` line, and fails a run that executed no test.
const fs = require('node:fs');
const path = require('node:path');

class JestCountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const pkg = JSON.parse(fs.readFileSync(path.join(this.rootDir, 'package.json'), 'utf8'));
    const suite = process.env.SWITCHBOARD_SUITE || 'test';
    const counts = {
      package: pkg.name,
      suite,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const dir = path.join(this.rootDir, '.test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${suite}.json`), `${JSON.stringify(counts)}\n`);
    if (results.numTotalTests === 0) {
      process.stderr.write(`${pkg.name}: ran zero tests; that is a failure.\n`);
      results.success = false;
      process.exitCode = 1;
    }
  }
}

module.exports = JestCountReporter;
