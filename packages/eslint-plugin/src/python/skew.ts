// Train/serve skew across languages: a model trained in Python and served from JS/TS must get the same
// preprocessing in both. The Python side says "the export at X was trained with mode M (file:line)"; here
// that becomes a `settings.prepguard.models` entry whose pattern matches the URL/path the JS/TS code loads
// the converted model from, so the existing rules check the serving code against the training code.
import type { PreprocessMode } from '../engine/domain.js';
import type { PythonExport } from './analyze-file.js';

export interface TrainedModelSetting {
  pattern: string;
  mode: PreprocessMode;
  /** Where the training preprocessing is decided, e.g. `train/train.py:42`; rules name it in messages. */
  source: string;
}

/** File names that say nothing about which model a directory holds. */
const GENERIC_NAMES = /^(model|model\.json|saved_model|saved_model\.pb|weights|export|1)$/i;
const KERAS_FILE = /\.(h5|hdf5|keras|json|pb|tflite)$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `models/vgg_cats.h5` and `web/vgg_cats/` both serve as `.../vgg_cats/model.json`: the name that identifies
 * the export is its last meaningful path segment, without a Keras file extension.
 */
export function exportPattern(exportPath: string): string | undefined {
  const segments = exportPath.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  while (segments.length > 0 && GENERIC_NAMES.test(segments[segments.length - 1] as string)) segments.pop();
  const last = segments.pop();
  if (!last) return undefined;
  const stem = last.replace(KERAS_FILE, '');
  if (stem.length < 2) return undefined;
  return `(^|[\\\\/])${escapeRegExp(stem)}([\\\\/.]|$)`;
}

export function trainedModelSettings(
  exports: readonly { file: string; exported: PythonExport }[],
  displayPath: (file: string) => string,
): TrainedModelSetting[] {
  const settings: TrainedModelSetting[] = [];
  const seen = new Set<string>();
  for (const { file, exported } of exports) {
    if (!exported.mode || !exported.decidedAt) continue;
    const pattern = exportPattern(exported.path);
    if (!pattern || seen.has(pattern)) continue;
    seen.add(pattern);
    const where = exported.decidedAt.label.startsWith('cell') ? `${displayPath(file)} (${exported.decidedAt.label})` : `${displayPath(file)}:${exported.decidedAt.line}`;
    settings.push({ pattern, mode: exported.mode, source: where });
  }
  return settings;
}

/** The user's own entries come first, so they win over what was inferred from Python. */
export function withTrainedModels(settings: Record<string, unknown> | null, trained: readonly TrainedModelSetting[]): Record<string, unknown> | null {
  if (trained.length === 0) return settings;
  const own = settings ?? {};
  const models = Array.isArray(own.models) ? own.models : [];
  return { ...own, models: [...models, ...trained] };
}
