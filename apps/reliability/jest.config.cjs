// Scenarios start gateways, hundreds of sockets and worker threads: one file at a time, so that
// the figures of one scenario are not skewed by another on a 2-core machine.
module.exports = require('../../jest.base.cjs').jestConfig(__dirname, {
  maxWorkers: 1,
  testTimeout: 180_000,
  globalSetup: '<rootDir>/tests/global-setup.cjs',
  setupFiles: ['<rootDir>/tests/quiet-function-logs.cjs'],
});
