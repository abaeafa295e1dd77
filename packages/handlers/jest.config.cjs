module.exports = require('../../jest.base.cjs').jestConfig(__dirname, {
  // Region and fake credentials for the real SDK clients the tests build.
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/support/'],
});
