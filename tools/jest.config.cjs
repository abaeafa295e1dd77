module.exports = require('../jest.base.cjs').jestConfig(__dirname, { testTimeout: 60_000 });
