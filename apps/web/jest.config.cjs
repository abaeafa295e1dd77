module.exports = require('../../jest.base.cjs').jestConfig(__dirname, {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  testTimeout: 60_000,
});
