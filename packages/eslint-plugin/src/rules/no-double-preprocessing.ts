import { siteIn } from '../engine/analysis.js';
import { normalizingSteps } from '../engine/diagnose.js';
import type { PixelValue, Step } from '../engine/domain.js';
import { createRule, measured, reporter } from '../util/create-rule.js';
import { ruleFindings } from '../util/rule-findings.js';
import { canRewrite, chainOf, removeStep } from '../util/suggestions.js';

export type MessageIds = 'appliedTwice' | 'modelNormalizesItself' | 'removeEarlier' | 'removeStep';
export type Options = [];

const STEP_TEXT: Partial<Record<Step['kind'], string>> = {
  scale255: 'a division by 255',
  scale127: "a [-1, 1] ('tf') scaling",
  shift: 'a shift',
  meanSub: 'an ImageNet mean subtraction',
  torchMean: 'a torch mean subtraction',
  torchStd: 'a torch std division',
  preprocessInput: 'preprocessInput',
};

export default createRule<Options, MessageIds>({
  name: 'no-double-preprocessing',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow preprocessing an image twice, or normalizing before a model that normalizes its input itself',
      recommended: 'error',
      ...measured('no-double-preprocessing'),
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      appliedTwice: 'Preprocessing applied twice: {{earlier}} on line {{line}} already normalized this input before preprocessInput.',
      modelNormalizesItself:
        '{{model}} (model call on {{location}}) normalizes its input itself; normalizing it here as well distorts what the model sees.',
      removeEarlier: 'Remove the earlier normalization.',
      removeStep: 'Remove this normalization and pass raw 0–255 pixels.',
    },
  },
  create(context) {
    return {
      'Program:exit'() {
        const found = ruleFindings(context, 'no-double-preprocessing');
        if (!found) return;
        const { analysis, findings, firstReportOn } = found;
        const report = reporter(context);
        /** Suggest dropping a whole earlier normalization chain (`x.div(127.5).sub(1)` -> `x`). */
        const removal = (chainSteps: Step[]) => {
          const first = chainSteps[0];
          const lastStep = chainSteps[chainSteps.length - 1];
          const local = chainSteps.every((s) => s.file === analysis.file.filename && !s.elementwise);
          if (!first?.input || !lastStep || !canRewrite(lastStep.node, first.input, local)) return undefined;
          const chain = chainOf(lastStep.node);
          if (!chainSteps.every((s) => chain.has(s.node))) return undefined;
          return { node: lastStep.node, input: first.input };
        };
        const reportTwice = (value: PixelValue, step: Step, earlier: Step) => {
          const node = siteIn(analysis.file, step);
          if (!firstReportOn(node)) return;
          const before = normalizingSteps(value.steps.slice(0, value.steps.indexOf(step)));
          const fix = removal(before);
          report({
            node,
            messageId: 'appliedTwice',
            data: { earlier: STEP_TEXT[earlier.kind] ?? 'a normalization', line: String(earlier.node.loc.start.line) },
            suggest: fix ? [{ messageId: 'removeEarlier', fix: removeStep(context, fix.node, fix.input) }] : [],
          });
        };
        for (const value of analysis.preprocessResults) {
          const step = value.steps[value.steps.length - 1];
          if (step?.double) reportTwice(value, step, step.double);
        }
        for (const { input, diagnosis } of findings) {
          if (diagnosis.messageId === 'appliedTwice') {
            reportTwice(input.value, diagnosis.step, diagnosis.earlier);
            continue;
          }
          const node = siteIn(analysis.file, diagnosis.step);
          if (!firstReportOn(node)) continue;
          const fix = removal(normalizingSteps(input.value.steps));
          report({
            node,
            messageId: 'modelNormalizesItself',
            data: { model: input.model.name, location: input.modelCallLocation },
            suggest: fix ? [{ messageId: 'removeStep', fix: removeStep(context, fix.node, fix.input) }] : [],
          });
        }
      },
    };
  },
});
