import { siteIn } from '../engine/analysis.js';
import { describeRange } from '../engine/diagnose.js';
import { describeExpectation } from '../engine/model-families.js';
import { createRule, measured, reporter } from '../util/create-rule.js';
import { ruleFindings } from '../util/rule-findings.js';
import { canRewrite, usePreprocessInput } from '../util/suggestions.js';

export type MessageIds = 'wrongMode' | 'missingPreprocessing' | 'usePreprocessInput';
export type Options = [{ reportMissing?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'preprocess-mode-mismatch',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow normalization that contradicts the model's Keras preprocessing mode, or no preprocessing at all",
      recommended: 'error',
      ...measured('preprocess-mode-mismatch'),
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          reportMissing: {
            type: 'boolean',
            description: 'Report raw 0–255 pixels reaching a caffe/tf/torch/unit model when the whole path from the decoder is visible.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportMissing: true }],
    messages: {
      wrongMode: 'This input reaches {{model}} (model call on {{location}}) as {{actual}}, but the model expects {{expected}}.',
      missingPreprocessing:
        'Raw 0–255 pixels reach {{model}} (model call on {{location}}) without preprocessing; the model expects {{expected}}.',
      usePreprocessInput: "Use preprocessInput(x, { mode: '{{mode}}' }) from @prepguard/preprocess instead.",
    },
  },
  create(context, [{ reportMissing }]) {
    return {
      'Program:exit'() {
        const found = ruleFindings(context, 'preprocess-mode-mismatch');
        if (!found) return;
        const { analysis, findings, firstReportOn } = found;
        const report = reporter(context);
        for (const { input, diagnosis } of findings) {
          const { model } = input;
          const data = { model: model.name, location: input.modelCallLocation, expected: describeExpectation(model) };
          const mode = model.mode === 'raw' || model.mode === 'unit' ? undefined : model.mode;
          if (diagnosis.messageId === 'missingPreprocessing') {
            if (!reportMissing) continue;
            const node = siteIn(analysis.file, input.argumentSite);
            if (!firstReportOn(node)) continue;
            const isArgument = input.argumentSite.node !== input.callSite.node;
            report({
              node,
              messageId: 'missingPreprocessing',
              data,
              suggest:
                mode && isArgument
                  ? [{ messageId: 'usePreprocessInput', data: { mode }, fix: usePreprocessInput(context, node, node, mode) }]
                  : [],
            });
            continue;
          }
          const node = siteIn(analysis.file, diagnosis.step);
          if (!firstReportOn(node)) continue;
          const local = diagnosis.step.file === analysis.file.filename && diagnosis.first.file === analysis.file.filename;
          const firstInput = diagnosis.first.input;
          report({
            node,
            messageId: 'wrongMode',
            data: { ...data, actual: describeRange(input.value.range) },
            suggest:
              mode && firstInput && canRewrite(diagnosis.step.node, firstInput, local, diagnosis.step.elementwise || diagnosis.first.elementwise)
                ? [{ messageId: 'usePreprocessInput', data: { mode }, fix: usePreprocessInput(context, node, firstInput, mode) }]
                : [],
          });
        }
      },
    };
  },
});
