// Flat configs, derived from each rule's `meta.docs.recommended` so they never drift from the rules.
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';

type Severity = 'error' | 'warn';
export type RuleName = keyof typeof rules;
export type ConfigName = 'recommended' | 'strict' | 'all';

/** Every JavaScript and TypeScript flavour; a preset lints them all without a `files` of its own. */
export const LINTED_FILES = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'].map((extension) => `**/*.${extension}`);

/**
 * A rule has one severity, the same in every preset: the one its docs give, else `error`.
 * Presets differ only in which rules they turn on, so switching presets never demotes a finding.
 */
function severityOf(name: RuleName): Severity {
  return rules[name].meta.docs?.recommended ?? 'error';
}

function ruleEntries(include: (name: RuleName) => boolean): Record<string, Severity> {
  const entries: Record<string, Severity> = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    if (include(name)) entries[`@prepguard/${name}`] = severityOf(name);
  }
  return entries;
}

export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const base = {
    files: LINTED_FILES,
    plugins: { '@prepguard': plugin },
    // The rules need no type information; @typescript-eslint/parser reads plain JS and JSX as well as
    // TypeScript, so one parser makes `.ts` files lint out of the box. A later config can replace it.
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
  };
  return {
    // The rules whose docs give them a recommended severity (today: all of them).
    recommended: { name: '@prepguard/recommended', ...base, rules: ruleEntries((name) => rules[name].meta.docs?.recommended !== undefined) },
    // Every rule, as `all` (the two names stay, for configs and `prepguard audit --preset` that use them).
    strict: { name: '@prepguard/strict', ...base, rules: ruleEntries(() => true) },
    all: { name: '@prepguard/all', ...base, rules: ruleEntries(() => true) },
  };
}
