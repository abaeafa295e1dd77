// Sums the per-package counts written by tools/jest-count-reporter.cjs into the one closing line
// CI reads: `N passed, N failed`. Exits non-zero when a package with tests left no counts
// (it crashed or ran nothing) or when nothing ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packageDirs = ['packages', 'apps']
  .flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => join(group, d)) : [],
  )
  .concat(['infra', 'tools'])
  .filter((dir) => existsSync(join(root, dir, 'package.json')));

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
const rows = [];
for (const dir of packageDirs) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  // `test` runs under `pnpm test`; other suites (reliability) are declared in `switchboardSuites`.
  const suites = [...(pkg.scripts?.test ? ['test'] : []), ...Object.keys(pkg.switchboardSuites ?? {})];
  for (const suite of suites) {
    const file = join(root, dir, '.test-results', `${suite}.json`);
    if (!existsSync(file)) {
      missing.push(`${pkg.name} (${suite})`);
      continue;
    }
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    rows.push(
      `  ${pkg.name.padEnd(32)} ${suite.padEnd(12)} ${String(counts.passed).padStart(5)} passed ${String(counts.failed).padStart(4)} failed`,
    );
  }
}

console.log('Test counts by package:');
for (const row of rows) console.log(row);
for (const name of missing) console.log(`  ${name}: no results (the suite crashed or ran no test)`);
const exitCode = missing.length > 0 || failed > 0 || passed === 0 ? 1 : 0;
if (passed === 0) console.log('No test passed: that is a failure.');
console.log(`${passed} passed, ${failed + missing.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);
