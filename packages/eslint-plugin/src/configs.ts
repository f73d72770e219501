// Flat configs, derived from each rule's `meta.docs.recommended` so they never drift from the rules.
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';

type Severity = 'error' | 'warn';
export type RuleName = keyof typeof rules;

function ruleEntries(pick: (recommended: Severity | undefined) => Severity | undefined): Record<string, Severity> {
  const entries: Record<string, Severity> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const severity = pick(rule.meta.docs?.recommended);
    if (severity) entries[`@prepguard/${name}`] = severity;
  }
  return entries;
}

export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<'recommended' | 'strict' | 'all', TSESLint.FlatConfig.Config> {
  const base = { plugins: { '@prepguard': plugin } };
  return {
    recommended: { name: '@prepguard/recommended', ...base, rules: ruleEntries((r) => r) },
    // strict: every rule as an error, including the heuristic resize checks.
    strict: { name: '@prepguard/strict', ...base, rules: ruleEntries((r) => (r ? 'error' : undefined)) },
    all: { name: '@prepguard/all', ...base, rules: ruleEntries(() => 'error') },
  };
}
