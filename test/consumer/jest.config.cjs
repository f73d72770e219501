// The consumer test: its own jest project, so `npm test` runs it beside the packages' tests.
const base = require('../../jest.preset.cjs')(__dirname, 'consumer');
module.exports = { ...base, testMatch: ['<rootDir>/*.test.ts'] };
