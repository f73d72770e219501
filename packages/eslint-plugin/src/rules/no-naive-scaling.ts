import { siteIn } from '../engine/analysis.js';
import { describeExpectation } from '../engine/model-families.js';
import { createRule, measured, reporter } from '../util/create-rule.js';
import { ruleFindings } from '../util/rule-findings.js';
import { canRewrite, removeStep, usePreprocessInput } from '../util/suggestions.js';

export type MessageIds = 'naiveScaling' | 'naiveScalingSelfNormalizing' | 'usePreprocessInput' | 'removeScaling';
export type Options = [];

export default createRule<Options, MessageIds>({
  name: 'no-naive-scaling',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow dividing pixels by 255 ahead of a model that expects a different preprocessing',
      recommended: 'error',
      ...measured('no-naive-scaling'),
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      naiveScaling:
        'Pixels are scaled to [0, 1] here, but {{model}} (model call on {{location}}) expects {{expected}}. Dividing by 255 is not its preprocessing.',
      naiveScalingSelfNormalizing:
        'Pixels are scaled to [0, 1] here, but {{model}} (model call on {{location}}) expects {{expected}}.',
      usePreprocessInput: "Use preprocessInput(x, { mode: '{{mode}}' }) from @prepguard/preprocess instead.",
      removeScaling: 'Remove the scaling and pass raw 0–255 pixels.',
    },
  },
  create(context) {
    return {
      'Program:exit'() {
        const found = ruleFindings(context, 'no-naive-scaling');
        if (!found) return;
        const { analysis, findings, firstReportOn } = found;
        const report = reporter(context);
        for (const { input, diagnosis } of findings) {
          const node = siteIn(analysis.file, diagnosis.step);
          if (!firstReportOn(node)) continue;
          const { model } = input;
          const local = diagnosis.step.file === analysis.file.filename;
          const rewritable = canRewrite(diagnosis.step.node, diagnosis.step.input, local, diagnosis.step.elementwise);
          const stepInput = diagnosis.step.input;
          const suggest =
            !rewritable || !stepInput
              ? []
              : model.normalizesInside || model.mode === 'raw'
                ? [{ messageId: 'removeScaling' as const, fix: removeStep(context, node, stepInput) }]
                : [
                    {
                      messageId: 'usePreprocessInput' as const,
                      data: { mode: model.mode },
                      fix: usePreprocessInput(context, node, stepInput, model.mode),
                    },
                  ];
          report({
            node,
            messageId: diagnosis.messageId,
            data: { model: model.name, location: input.modelCallLocation, expected: describeExpectation(model) },
            suggest,
          });
        }
      },
    };
  },
});
