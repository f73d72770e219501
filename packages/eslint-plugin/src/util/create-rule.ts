// The rule factory: typed docs and a stable documentation URL per rule.
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { mayConcernModels } from '../engine/relevance.js';
import { MEASURED_METRICS } from '../measured-metrics.js';

export interface PrepguardRuleDocs {
  description: string;
  /** Severity in the `recommended` config; rules without it are only in `strict`/`all`. */
  recommended?: 'error' | 'warn';
  /** Precision measured on the labelled corpus (see corpus/metrics.json), for SARIF `properties.precision`. */
  precision?: number;
  recall?: number;
  requiresTypeChecking?: false;
}

export const DOCS_BASE_URL = 'https://github.com/prepguard/prepguard/blob/main/packages/eslint-plugin/docs/rules';

const createNamedRule = ESLintUtils.RuleCreator<PrepguardRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);

/**
 * Every rule here reports what the engine finds, so on a file the engine would skip (see relevance.ts) a rule
 * registers no listener at all. Checked before the wrapped `create`, which clones the default options for
 * each rule on each file: on the many files without model code that setup was most of the plugin's cost.
 */
export const createRule: typeof createNamedRule = (definition) => {
  const rule = createNamedRule(definition);
  return { ...rule, create: (context) => (mayConcernModels(context.sourceCode) ? rule.create(context) : {}) };
};

/** Precision/recall measured on the corpus (scripts/precision-recall.mjs --write), for `meta.docs`. */
export function measured(rule: string): Pick<PrepguardRuleDocs, 'precision' | 'recall'> {
  const metrics = MEASURED_METRICS[rule];
  const result: Pick<PrepguardRuleDocs, 'precision' | 'recall'> = {};
  if (metrics?.precision != null) result.precision = metrics.precision;
  if (metrics?.recall != null) result.recall = metrics.recall;
  return result;
}

/**
 * `context.report` for this plugin's rules:
 * - a method call in a chain is reported from its method name (`.div(255)`), not from the chain's first line;
 * - an empty `suggest` list is left out (ESLint treats [] as "has suggestions").
 */
export function reporter<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
): (descriptor: TSESLint.ReportDescriptor<MessageIds>) => void {
  return (descriptor) => {
    const { suggest, ...rest } = descriptor as TSESLint.ReportDescriptor<MessageIds> & { suggest?: unknown[] | null };
    const node = 'node' in rest ? rest.node : undefined;
    const located =
      node?.type === 'CallExpression' && node.callee.type === 'MemberExpression'
        ? { ...rest, loc: { start: node.callee.property.loc.start, end: node.loc.end } }
        : rest;
    const final = suggest && suggest.length > 0 ? { ...located, suggest } : located;
    context.report(final as TSESLint.ReportDescriptor<MessageIds>);
  };
}
