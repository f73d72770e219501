/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/packages/preprocess', '<rootDir>/packages/eslint-plugin', '<rootDir>/packages/harness', '<rootDir>/test/consumer'],
  testTimeout: 120000,
};
