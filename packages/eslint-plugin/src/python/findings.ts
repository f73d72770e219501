// From what the interpreter observed to findings: the engine's `diagnose` decides which rule owns a mistake
// (one report per mistake, as for JS/TS), and the message is the rule's own message where one fits.
// Python-only situations (a generator, a notebook cell, cv2.imread) get the Python wording below.
import type { ModelInput } from '../engine/analysis.js';
import { diagnose, describeRange, type Diagnosis } from '../engine/diagnose.js';
import type { Step } from '../engine/domain.js';
import { describeExpectation } from '../engine/model-families.js';
import { rules } from '../rules/index.js';
import type { InterpretResult, PyObservation } from './interpreter.js';
import type { PyNode } from './parser.js';
import { pyNode, type PyModel, type PyPixels } from './values.js';

export type PythonRule = Diagnosis['rule'] | 'keras-compatible-resize';

export interface PythonFinding {
  rule: PythonRule;
  message: string;
  node: PyNode;
  /** Where the model call is, when the message names one. */
  modelCall?: PyNode;
}

/** Messages for situations only Python code has; same rules, same tone as the rules' own messages. */
const PYTHON_MESSAGES = {
  appliedTwice: 'Preprocessing applied twice: {{earlier}} on {{line}} already normalized this input before {{fn}}.',
  generatorTwice:
    'ImageDataGenerator runs preprocessing_function ({{fn}}) and then multiplies by {{rescale}} on the same images: preprocessing applied twice.',
  doubleFlipBeforePreprocess:
    'This image is BGR already ({{source}} on {{line}}) and {{fn}} flips it again, so the model receives RGB where Keras caffe mode gives BGR; convert with cv2.cvtColor(img, cv2.COLOR_BGR2RGB) first.',
  resize:
    "{{api}} resizes with {{interpolation}} here, but the model was trained on images resized by keras.utils.load_img with '{{reference}}' ({{referenceLine}}); resize the same way ahead of {{model}} (model call on {{location}}).",
} as const;

/** Pillow/OpenCV names of the filters `load_img(interpolation=...)` accepts. */
const SAME_FILTER: Record<string, string[]> = {
  nearest: ['NEAREST', 'INTER_NEAREST', 'Resampling.NEAREST', '0'],
  bilinear: ['BILINEAR', 'INTER_LINEAR', 'LINEAR', '2'],
  bicubic: ['BICUBIC', 'INTER_CUBIC', 'CUBIC', '3'],
  lanczos: ['LANCZOS', 'ANTIALIAS', 'INTER_LANCZOS4', '1'],
  box: ['BOX', '4'],
  hamming: ['HAMMING', '5'],
};

/** Fills a message template; a message that starts with a model name ("the model built on...") is capitalized. */
function fill(template: string, data: Record<string, string>): string {
  const text = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? '');
  return text.startsWith('the ') ? `T${text.slice(1)}` : text;
}

function ruleMessage(rule: Diagnosis['rule'], messageId: string, data: Record<string, string>): string {
  const messages = rules[rule].meta.messages as Record<string, string>;
  return fill(messages[messageId] as string, data);
}

const STEP_WORDS: Partial<Record<Step['kind'], string>> = {
  scale255: 'the division by 255',
  scale127: 'the division by 127.5',
  shift: 'the shift',
  scale2: 'the multiplication by 2',
  meanSub: 'the ImageNet mean subtraction',
  torchMean: 'the torch mean subtraction',
  torchStd: 'the torch std division',
  preprocessInput: 'preprocess_input',
};

function code(node: PyNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length <= 40 ? ` \`${text}\`` : '';
}

export interface FindingContext {
  /** "line 12", or "cell 3, line 2" in a notebook. */
  lineLabel: (node: PyNode) => string;
}

function stepNode(step: Step): PyNode {
  return pyNode(step.node);
}

/** Turns the interpreter's observations into at most one finding per rule and place. */
export function pythonFindings(result: InterpretResult, context: FindingContext): PythonFinding[] {
  const found = new Map<string, PythonFinding>();
  const add = (finding: PythonFinding) => {
    const key = `${finding.rule}:${finding.node.startIndex}`;
    if (!found.has(key)) found.set(key, finding);
  };
  const ordered = [...result.observations].sort((a, b) => rank(a) - rank(b));
  for (const observation of ordered) {
    if (observation.kind === 'modelInput') {
      const finding = modelInputFinding(observation.value, observation.model, observation.call, context);
      if (finding) add(finding);
      const resize = resizeFinding(observation.value, observation.model, observation.call, context);
      if (resize) add(resize);
    } else if (observation.kind === 'preprocessed') {
      const finding = preprocessFinding(observation, context);
      if (finding) add(finding);
    } else {
      const { generator, fn } = observation;
      add({
        rule: 'no-double-preprocessing',
        node: generator.rescale?.node ?? generator.node,
        message: fill(PYTHON_MESSAGES.generatorTwice, { fn: `${fn.family.name} preprocess_input`, rescale: generator.rescale?.node.text ?? 'rescale' }),
      });
    }
  }
  return [...found.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** Model calls first: their messages name the model, which says more than the preprocess_input call alone. */
function rank(observation: PyObservation): number {
  return observation.kind === 'modelInput' ? 0 : observation.kind === 'generatorTwice' ? 1 : 2;
}

function appliedTwice(step: Step, earlier: Step, context: FindingContext): PythonFinding {
  return {
    rule: 'no-double-preprocessing',
    node: stepNode(step),
    message: fill(PYTHON_MESSAGES.appliedTwice, {
      earlier: `${STEP_WORDS[earlier.kind] ?? 'a normalization'}${code(stepNode(earlier))}`,
      line: context.lineLabel(stepNode(earlier)),
      fn: 'preprocess_input',
    }),
  };
}

function modelInputFinding(value: PyPixels, model: PyModel, call: PyNode, context: FindingContext): PythonFinding | undefined {
  const info = model.info;
  if (!info) return undefined;
  const input = { model: info, value } as unknown as ModelInput;
  const diagnosis = diagnose(input);
  if (!diagnosis) return undefined;
  if (diagnosis.rule === 'no-double-preprocessing' && diagnosis.messageId === 'appliedTwice') return appliedTwice(diagnosis.step, diagnosis.earlier, context);
  const location = context.lineLabel(call);
  const data: Record<string, string> = { model: info.name, location, expected: describeExpectation(info) };
  let node: PyNode = call;
  if ('step' in diagnosis) node = stepNode(diagnosis.step);
  if (diagnosis.rule === 'preprocess-mode-mismatch' && diagnosis.messageId === 'wrongMode') data.actual = describeRange(value.range);
  if (diagnosis.rule === 'bgr-channel-order') {
    data.meansOrder = diagnosis.step.detail === 'BGR' ? 'BGR' : 'RGB';
    data.order = diagnosis.step.detail === 'BGR' ? 'RGB' : 'BGR';
  }
  return { rule: diagnosis.rule, node, modelCall: call, message: ruleMessage(diagnosis.rule, diagnosis.messageId, data) };
}

function preprocessFinding(observation: Extract<PyObservation, { kind: 'preprocessed' }>, context: FindingContext): PythonFinding | undefined {
  const { value, fn } = observation;
  const last = value.steps[value.steps.length - 1];
  if (last?.kind === 'preprocessInput' && last.double) return appliedTwice(last, last.double, context);
  if (fn.mode === 'caffe' && value.order === 'RGB') {
    const flips = value.steps.filter((s) => s.kind === 'flip' || (s.kind === 'preprocessInput' && s.detail === 'caffe'));
    const source = flips[0];
    if (flips.length >= 2 && source && last) {
      return {
        rule: 'bgr-channel-order',
        node: stepNode(last),
        message: fill(PYTHON_MESSAGES.doubleFlipBeforePreprocess, {
          source: code(stepNode(source)).trim() || 'cv2.imread',
          line: context.lineLabel(stepNode(source)),
          fn: `${fn.family.name}'s preprocess_input`,
        }),
      };
    }
  }
  return undefined;
}

/**
 * A cv2/Pillow resize ahead of a model that was trained, in this file, on images that load_img resized
 * (`flow_from_directory` and friends): serving must resample the way training did.
 */
function resizeFinding(value: PyPixels, model: PyModel, call: PyNode, context: FindingContext): PythonFinding | undefined {
  const resize = value.resize;
  const reference = model.trainedThroughLoadImg;
  if (!resize || !reference || !model.info?.keras) return undefined;
  const same = SAME_FILTER[reference.interpolation.toLowerCase()];
  if (!same || same.some((name) => resize.interpolation.toUpperCase() === name.toUpperCase())) return undefined;
  return {
    rule: 'keras-compatible-resize',
    node: resize.node,
    modelCall: call,
    message: fill(PYTHON_MESSAGES.resize, {
      api: resize.api,
      interpolation: resize.interpolation,
      reference: reference.interpolation,
      referenceLine: context.lineLabel(reference.node),
      model: model.info.name,
      location: context.lineLabel(call),
    }),
  };
}
