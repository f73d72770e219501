// What every engine-driven rule does first: take the file's analysis, keep the findings the
// engine gave to this rule, and report each AST node once (several model calls can share one
// mistaken expression, and one report per expression is what users expect).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { analyze, type FileAnalysis, type ModelInput } from '../engine/analysis.js';
import { diagnose, type Diagnosis } from '../engine/diagnose.js';

export type RuleDiagnosis<Rule extends Diagnosis['rule']> = Extract<Diagnosis, { rule: Rule }>;

export interface RuleFindings<Rule extends Diagnosis['rule']> {
  analysis: FileAnalysis;
  findings: { input: ModelInput; diagnosis: RuleDiagnosis<Rule> }[];
  /** True the first time a node is seen; false for `undefined` and for repeats. */
  firstReportOn: (node: TSESTree.Node | undefined) => node is TSESTree.Node;
}

export function ruleFindings<Rule extends Diagnosis['rule']>(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  rule: Rule,
): RuleFindings<Rule> | undefined {
  const analysis = analyze(context);
  if (!analysis) return undefined;
  const findings: RuleFindings<Rule>['findings'] = [];
  for (const input of analysis.inputs) {
    const diagnosis = diagnose(input);
    if (diagnosis?.rule === rule) findings.push({ input, diagnosis: diagnosis as RuleDiagnosis<Rule> });
  }
  const reported = new Set<TSESTree.Node>();
  const firstReportOn = (node: TSESTree.Node | undefined): node is TSESTree.Node => {
    if (!node || reported.has(node)) return false;
    reported.add(node);
    return true;
  };
  return { analysis, findings, firstReportOn };
}
