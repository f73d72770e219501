module.exports = {
  ...require('../../jest.preset.cjs')(__dirname, 'eslint-plugin'),
  // The corpora hold third-party projects (their own package.json files): data, not modules.
  modulePathIgnorePatterns: ['<rootDir>/corpus/'],
};
