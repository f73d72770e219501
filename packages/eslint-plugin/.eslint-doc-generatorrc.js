// Settings for eslint-doc-generator, which writes the rules table in README.md and the notice
// block at the top of each docs/rules/<rule>.md from the built plugin's metadata.
// Regenerate after changing a rule's meta: `npx eslint-doc-generator` (after `npm run build`).
// The test suite runs it with `--check`, so a stale table fails CI.

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  // Every rule is in `all`; a column for it would say nothing.
  ignoreConfig: ['all'],
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleDocTitleFormat: 'desc-parens-name',
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'requiresTypeChecking'],
  ruleDocNotices: ['configs', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
  urlConfigs: 'https://github.com/prepguard/prepguard/blob/main/packages/eslint-plugin/README.md#configs',
};

export default config;
