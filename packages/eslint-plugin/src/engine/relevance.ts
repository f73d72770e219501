// The engine's early exit: a look at the source text, before any index is built or the AST walked.
// Most files in a codebase never touch pixels or models, and ESLint lints them all, so the rules
// must cost next to nothing there. Everything the engine acts on shows up in the text.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Model calls (`MODEL_METHODS`, less `apply`/`call`, which nearly every file uses on plain functions),
 * model loaders and Keras-style preprocessing.
 */
const MODEL_TEXT =
  /\.(predict|predictOnBatch|execute|executeAsync|classify|infer|detect|estimate\w*|segment\w*)\s*\(|preprocessInput|loadLayersModel|loadGraphModel|@tensorflow-models\//;
/** A project file imported by path: it may be a wrapper around a model call (cross-file flow). */
const LOCAL_IMPORT_TEXT = /\bfrom\s+['"]\.|require\(\s*['"]\./;
/** Something that makes or scales pixels, worth passing to such a wrapper. */
const PIXEL_TEXT = /255|127\.5|fromPixels|decode(Image|Jpeg|Png)|sharp|getImageData|loadImg|resize/;

const verdicts = new WeakMap<TSESTree.Program, boolean>();

/** False when nothing in the file can reach a model call, so the engine would find nothing. */
export function mayConcernModels(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const cached = verdicts.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const text = sourceCode.text;
  const verdict = MODEL_TEXT.test(text) || (LOCAL_IMPORT_TEXT.test(text) && PIXEL_TEXT.test(text));
  verdicts.set(sourceCode.ast, verdict);
  return verdict;
}
