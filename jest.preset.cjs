// Shared jest settings for every package: TypeScript tests compiled by swc to ESM,
// with `.js` import specifiers mapped back to the `.ts` sources.
// TensorFlow (Python children recording Keras references, and libtensorflow under tfjs-node) logs
// oneDNN/CPU-feature INFO lines unless told otherwise. Set here, in jest's parent process, so every
// worker and every child process inherits it; a user's own setting wins.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

/** @type {(dir: string, displayName: string) => import('jest').Config} */
module.exports = (dir, displayName) => ({
  displayName,
  rootDir: dir,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: [require.resolve('./support/jest-quiet-tfjs.cjs')],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
});
