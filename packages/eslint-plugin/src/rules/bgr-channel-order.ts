import { siteIn } from '../engine/analysis.js';
import { normalizingSteps } from '../engine/diagnose.js';
import { createRule, measured, reporter } from '../util/create-rule.js';
import { ruleFindings } from '../util/rule-findings.js';
import { canRewrite, chainOf, usePreprocessInput } from '../util/suggestions.js';

export type MessageIds = 'meansWithoutFlip' | 'meansOrder' | 'doubleFlip' | 'usePreprocessInput';
export type Options = [];

export default createRule<Options, MessageIds>({
  name: 'bgr-channel-order',
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the RGB→BGR flip and BGR-ordered ImageNet means that caffe-mode models (VGG, ResNet v1) expect',
      recommended: 'error',
      ...measured('bgr-channel-order'),
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      meansWithoutFlip:
        '{{model}} (model call on {{location}}) expects BGR input, but the channels are never flipped from RGB: the ImageNet means line up with RGB and the model sees red where it learned blue.',
      meansOrder:
        'The ImageNet means are subtracted in {{meansOrder}} order from a tensor in {{order}} order, so each mean hits the wrong channel ({{model}}, model call on {{location}}).',
      doubleFlip:
        'The channels are flipped twice, so {{model}} (model call on {{location}}) receives RGB where Keras caffe mode gives BGR.',
      usePreprocessInput: "Use preprocessInput(x, { mode: 'caffe' }) from @prepguard/preprocess instead.",
    },
  },
  create(context) {
    return {
      'Program:exit'() {
        const found = ruleFindings(context, 'bgr-channel-order');
        if (!found) return;
        const { analysis, findings, firstReportOn } = found;
        const report = reporter(context);
        for (const { input, diagnosis } of findings) {
          const node = siteIn(analysis.file, diagnosis.step);
          if (!firstReportOn(node)) continue;
          const steps = normalizingSteps(input.value.steps).concat(input.value.steps.filter((s) => s.kind === 'flip'));
          const size = (s: { node: { range: [number, number] } }) => s.node.range[1] - s.node.range[0];
          const bySize = [...steps].sort((a, b) => size(a) - size(b));
          const innermost = bySize[0];
          const outermost = bySize[bySize.length - 1];
          const local = steps.every((s) => s.file === analysis.file.filename && !s.elementwise);
          const source = innermost?.input;
          const chain = outermost ? chainOf(outermost.node) : new Set();
          const canFix =
            outermost && source && canRewrite(outermost.node, source, local) && steps.every((s) => chain.has(s.node));
          report({
            node,
            messageId: diagnosis.messageId,
            data: {
              model: input.model.name,
              location: input.modelCallLocation,
              meansOrder: diagnosis.step.detail === 'BGR' ? 'BGR' : 'RGB',
              order: diagnosis.step.detail === 'BGR' ? 'RGB' : 'BGR',
            },
            suggest:
              canFix && outermost && source
                ? [{ messageId: 'usePreprocessInput', fix: usePreprocessInput(context, outermost.node, source, 'caffe') }]
                : [],
          });
        }
      },
    };
  },
});
