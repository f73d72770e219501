import { analyze, siteIn } from '../engine/analysis.js';
import type { LoadIssue } from '../engine/domain.js';
import { createRule, measured, reporter } from '../util/create-rule.js';

export type MessageIds =
  | 'sharpCrop'
  | 'sharpKernel'
  | 'sharpIcc'
  | 'autoOrient'
  | 'halfPixelCenters'
  | 'tfKernel'
  | 'decodeChannels'
  | 'fastDct';
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos';
export type Options = [{ interpolation?: Interpolation; checkIcc?: boolean }];

/** The sharp kernel closest to each `load_img` interpolation (none is bit-exact except nearest on downscales). */
const SHARP_KERNEL: Record<Interpolation, string> = { nearest: 'nearest', bilinear: 'linear', bicubic: 'cubic', lanczos: 'lanczos3' };

export default createRule<Options, MessageIds>({
  name: 'keras-compatible-resize',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce image loading that matches keras.utils.load_img ahead of a Keras model (resize mode, kernel, ICC, EXIF, decoding)',
      recommended: 'warn',
      ...measured('keras-compatible-resize'),
    },
    schema: [
      {
        type: 'object',
        properties: {
          interpolation: {
            type: 'string',
            enum: ['nearest', 'bilinear', 'bicubic', 'lanczos'],
            description:
              'The `load_img` interpolation of the pipeline your model was trained with. Unset (the default), resampling kernels are not compared: ImageNet weights were not trained through `load_img`.',
          },
          checkIcc: { type: 'boolean', description: "Report sharp's default ICC profile conversion (Pillow ignores profiles)." },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkIcc: true }],
    messages: {
      sharpCrop:
        "sharp's resize() crops to the target aspect ratio by default (fit: 'cover'), while keras.utils.load_img squashes the whole image into the target size. Pass { fit: 'fill' } ahead of {{model}} (model call on {{location}}).",
      sharpKernel:
        "sharp resizes with the '{{kernel}}' kernel here, while keras.utils.load_img(interpolation='{{interpolation}}') — the pipeline configured for this rule — resamples with Pillow's {{interpolation}} filter; use { kernel: '{{expectedKernel}}' } or @prepguard/preprocess loadImg.",
      sharpIcc:
        'sharp converts embedded ICC profiles to sRGB by default, while Pillow (keras.utils.load_img) keeps the stored values; pass { ignoreIcc: true } ahead of {{model}} (model call on {{location}}).',
      autoOrient:
        'This applies the EXIF orientation, while keras.utils.load_img never rotates images: for photos with an orientation tag {{model}} (model call on {{location}}) sees other pixels than the Keras pipeline gives.',
      halfPixelCenters:
        "tf.image.{{api}} without halfPixelCenters=true samples source pixels half a pixel away from where keras.utils.load_img(interpolation='{{interpolation}}') (Pillow) samples them.",
      tfKernel:
        "tf.image.{{api}} resamples with {{kernel}}, while keras.utils.load_img(interpolation='{{interpolation}}') — the pipeline configured for this rule — resamples with {{interpolation}}.",
      decodeChannels:
        "{{api}}() without channels = 3 keeps grayscale (1) or alpha (4) channels; keras.utils.load_img(color_mode='rgb') always yields 3.",
      fastDct:
        "{{api}}() decodes JPEGs with TensorFlow's fast integer DCT by default, while Pillow uses the accurate one; pass dctMethod 'INTEGER_ACCURATE'.",
    },
  },
  create(context, [{ interpolation, checkIcc = true }]) {
    return {
      'Program:exit'() {
        const analysis = analyze(context);
        if (!analysis) return;
        const report = reporter(context);
        const reported = new Set<string>();
        for (const input of analysis.inputs) {
          if (!input.model.keras) continue;
          const data = { model: input.model.name, location: input.modelCallLocation };
          for (const issue of input.value.loadIssues) {
            const node = siteIn(analysis.file, issue);
            if (!node) continue;
            for (const [messageId, extra] of findings(issue, interpolation, checkIcc)) {
              const key = `${node.range[0]}:${node.range[1]}:${messageId}`;
              if (reported.has(key)) continue;
              reported.add(key);
              report({ node, messageId, data: { ...data, ...extra } });
            }
          }
        }
      },
    };
  },
});

/**
 * The departures from load_img an issue shows. Cropping, ICC conversion, EXIF rotation and decoding change what
 * the image contains whatever the model; the resampling kernel and its pixel grid only matter against the
 * interpolation the model's own training pipeline used, which the user states with `interpolation`.
 */
function findings(issue: LoadIssue, interpolation: Interpolation | undefined, checkIcc: boolean): [MessageIds, Record<string, string>][] {
  const facts = issue.facts;
  const out: [MessageIds, Record<string, string>][] = [];
  switch (issue.kind) {
    case 'sharpInput':
      if (checkIcc && facts.ignoreIcc !== true) out.push(['sharpIcc', {}]);
      break;
    case 'autoOrient':
      out.push(['autoOrient', {}]);
      break;
    case 'sharpResize': {
      if (facts.bothSides === true && facts.fit !== 'fill' && facts.fit !== '?') out.push(['sharpCrop', {}]);
      if (!interpolation) break;
      const kernel = facts.kernel ?? 'lanczos3';
      const expectedKernel = SHARP_KERNEL[interpolation];
      if (kernel !== '?' && kernel !== expectedKernel) out.push(['sharpKernel', { kernel: String(kernel), interpolation, expectedKernel }]);
      break;
    }
    case 'tfResize': {
      if (!interpolation) break;
      const kernel = String(facts.kernel);
      const api = kernel === 'bilinear' ? 'resizeBilinear' : 'resizeNearestNeighbor';
      if ((interpolation === 'nearest' || interpolation === 'bilinear') && kernel !== interpolation) {
        out.push(['tfKernel', { api, kernel, interpolation }]);
      } else if (facts.halfPixelCenters !== true) {
        out.push(['halfPixelCenters', { api, interpolation }]);
      }
      break;
    }
    case 'decode': {
      const api = String(facts.api);
      const display = api.startsWith('node.') ? `tf.${api}` : api;
      if (facts.channels !== 3) out.push(['decodeChannels', { api: display }]);
      // Only tf.node.decodeJpeg takes a DCT method; decodeImage may be reading a PNG, so it is not judged here.
      if (api === 'node.decodeJpeg' && facts.dctMethod !== 'INTEGER_ACCURATE') out.push(['fastDct', { api: display }]);
      break;
    }
  }
  return out;
}
