module.exports = require('../../jest.base.cjs').jestConfig(__dirname, {
  // Port 3001 is taken for the whole run, so no test can depend on it being free.
  globalSetup: '<rootDir>/tests/hold-default-port.cjs',
  globalTeardown: '<rootDir>/tests/release-default-port.cjs',
});
