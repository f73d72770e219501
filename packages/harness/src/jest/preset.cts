/**
 * `preset: '@prepguard/harness'` in a jest config: what a project needs so that jest loads the
 * harness (an ES module package) and a TypeScript or ES module pipeline, with no Babel or swc set-up.
 */
const preset = {
  testEnvironment: 'node',
  // TypeScript, JSX and ES modules, the project's and the harness's own, go through esbuild.
  transform: { '\\.[cm]?[jt]sx?$': require.resolve('./transform.cjs') },
  // node_modules stay untransformed except the prepguard packages, which are published as ES modules.
  transformIgnorePatterns: ['/node_modules/(?!@prepguard/)'],
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'json', 'node'],
  // TypeScript's NodeNext style: `import './preprocess.js'` names the `.ts` file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export = preset;
