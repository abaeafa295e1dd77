// Shared Jest setup for every package: TypeScript source (ESM, NodeNext) is compiled by swc to
// CommonJS for the test runtime only. Workspace packages resolve to their `src/` through the
// `source` export condition, so tests never need a prior build of their dependencies.
const path = require('node:path');

/** @param {string} packageDir @param {import('jest').Config} [overrides] */
function jestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    testEnvironmentOptions: { customExportConditions: ['source', 'node', 'require', 'default'] },
    roots: ['<rootDir>/tests'],
    testMatch: ['**/*.test.ts'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    transform: {
      '^.+\\.(t|j|mj)sx?$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' },
          module: { type: 'commonjs' },
        },
      ],
    },
    // ESM-only dependencies must go through swc as well.
    transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(jose|aws-local-stepfunctions)[@/])'],
    // NodeNext sources import './x.js'; map to the .ts file.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    reporters: ['default', path.join(__dirname, 'tools/jest-count-reporter.cjs')],
    testTimeout: 20_000,
    ...overrides,
  };
}

module.exports = { jestConfig };
