module.exports = {
  ...require('../../jest.preset.cjs')(__dirname, 'harness'),
  // tfjs-node returns Node-realm typed arrays (see the file).
  testEnvironment: '<rootDir>/test/helpers/node-realm-environment.cjs',
};
