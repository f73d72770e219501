// The abstract values of the Python analysis. Pixel states are the engine's own `PixelValue` (same ranges,
// same steps, same transfer functions); the rest describes Keras objects that only exist on the Python side.
import type { TSESTree } from '@typescript-eslint/utils';
import type { Operand } from '../engine/constants.js';
import type { ModelInfo, PixelValue, PreprocessMode } from '../engine/domain.js';
import type { PyNode } from './parser.js';

/**
 * The engine records where each step happened as an AST node it never looks into (only the rules do, and
 * Python findings are reported by this module). Tree-sitter nodes travel in that slot.
 */
export function engineNode(node: PyNode): TSESTree.Node {
  return node as unknown as TSESTree.Node;
}
export function pyNode(node: TSESTree.Node): PyNode {
  return node as unknown as PyNode;
}

/** How an image was resized on its way to the model, when not by `load_img`. */
export interface ResizeFact {
  api: 'cv2.resize' | 'PIL.Image.resize';
  /** The interpolation the call uses, in that library's words (its default when not given). */
  interpolation: string;
  node: PyNode;
}

/**
 * A pixel state, plus Python-only facts the engine's transfer functions carry along in their spread copies:
 * how the image was resized, and whether it is still a Pillow image (whose `.resize` resamples).
 */
export type PyPixels = PixelValue & { resize?: ResizeFact; pil?: boolean };

/** A number or a per-channel vector known statically (`1./255`, `[103.939, 116.779, 123.68]`). */
export interface NumberValue {
  kind: 'number';
  operand: Operand;
}

/** A Keras model: an application, a model built around one, a loaded file, or an unknown custom model. */
export interface PyModel {
  kind: 'model';
  /** What its input must look like; undefined for custom models whose training data the analysis cannot see. */
  info?: ModelInfo;
  /** Where the expectation was decided (the application constructor, the Rescaling layer...). */
  decidedAt: PyNode;
  /** What `fit` fed it, once seen. */
  trainedWith?: { value: PyPixels; at: PyNode };
  /** How its training images were loaded and resized, when `fit` got them through load_img. */
  trainedThroughLoadImg?: LoadImgReference;
  /** A `Sequential()` model still being built with `.add(...)`: what it does to its input so far. */
  building?: Symbolic;
}

/** A `load_img` call (direct or inside a generator's `flow_from_directory`) and its resampling filter. */
export interface LoadImgReference {
  interpolation: string;
  node: PyNode;
}

/** A reference to an application's `preprocess_input` (or `imagenet_utils.preprocess_input` with a mode). */
export interface PreprocessFunction {
  kind: 'preprocess';
  mode: PreprocessMode;
  /** The family it belongs to, e.g. VGG16; `normalizesInside` families make it a pass-through. */
  family: ModelInfo;
}

/** `ImageDataGenerator(rescale=..., preprocessing_function=...)`. */
export interface Generator {
  kind: 'generator';
  rescale?: { factor: number; node: PyNode };
  preprocessing?: Callable;
  node: PyNode;
}

/** A preprocessing layer (`Rescaling`) usable inside a model or on a batch. */
export interface Layer {
  kind: 'layer';
  apply: (value: PyPixels) => PyPixels;
  node: PyNode;
}

/** A tensor inside a functional/sequential model definition: what the model does to its input so far. */
export interface Symbolic {
  kind: 'symbolic';
  /** The input after the model's own preprocessing layers (starts `opaque` at `keras.Input`). */
  pixels: PyPixels;
  /** The pretrained application the tensor went through, if any. */
  base?: PyModel;
  /** The preprocessing layer that normalized the input, if any. */
  normalizedBy?: PyNode;
}

/** A source of batches: `flow_from_directory`, `image_dataset_from_directory`, `tf.data` pipelines. */
export interface Batches {
  kind: 'batches';
  pixels: PyPixels;
  /** Set when the images are decoded and resized by load_img. */
  loadImg?: LoadImgReference;
}

/** A function defined in the analysed file (`def` or `lambda`). */
export interface UserFunction {
  kind: 'function';
  node: PyNode;
}

/** An imported module or one of its members, by canonical dotted name. */
export interface QualifiedName {
  kind: 'name';
  name: string;
}

/** A tuple or list; `list.append(x)` adds to `items`. */
export interface TupleValue {
  kind: 'tuple';
  items: (PyValue | undefined)[];
}

export type Callable = PreprocessFunction | UserFunction | QualifiedName;

export type PyValue = PyPixels | NumberValue | PyModel | PreprocessFunction | Generator | Layer | Symbolic | Batches | UserFunction | QualifiedName | TupleValue;
