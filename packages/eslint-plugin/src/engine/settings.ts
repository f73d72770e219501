// `settings.prepguard` from the user's ESLint config.
import type { PreprocessMode } from './domain.js';
import type { EngineSettings } from './evaluator.js';
import type { UserModelSetting } from './model-families.js';

const MODES: readonly PreprocessMode[] = ['caffe', 'tf', 'torch', 'raw', 'unit'];

export class PrepguardSettingsError extends Error {
  constructor(message: string) {
    super(`Invalid settings.prepguard: ${message}`);
    this.name = 'PrepguardSettingsError';
  }
}

const cache = new WeakMap<object, EngineSettings>();

/**
 * Validates `settings.prepguard.models: [{ pattern, mode }]`. A wrong entry is a configuration error the user
 * must see, so it throws with the offending entry instead of being ignored.
 */
export function readSettings(settings: Record<string, unknown> | undefined): EngineSettings {
  const own = (settings?.prepguard ?? {}) as { models?: unknown };
  if (typeof own === 'object' && own !== null) {
    const hit = cache.get(own);
    if (hit) return hit;
  }
  const models: UserModelSetting[] = [];
  if (own.models !== undefined) {
    if (!Array.isArray(own.models)) throw new PrepguardSettingsError('"models" must be an array of { pattern, mode }');
    own.models.forEach((entry: unknown, i) => {
      const { pattern, mode, source } = (entry ?? {}) as { pattern?: unknown; mode?: unknown; source?: unknown };
      if (typeof pattern !== 'string') throw new PrepguardSettingsError(`models[${i}].pattern must be a string (a regular expression)`);
      try {
        new RegExp(pattern, 'i');
      } catch (error) {
        throw new PrepguardSettingsError(`models[${i}].pattern is not a valid regular expression: ${(error as Error).message}`);
      }
      if (typeof mode !== 'string' || !MODES.includes(mode as PreprocessMode)) {
        throw new PrepguardSettingsError(`models[${i}].mode must be one of ${MODES.join(', ')}`);
      }
      // `source`: where the model's training preprocessing is decided (set by `prepguard audit` from Python code).
      models.push(typeof source === 'string' ? { pattern, mode: mode as PreprocessMode, source } : { pattern, mode: mode as PreprocessMode });
    });
  }
  const result = { models };
  if (typeof own === 'object' && own !== null) cache.set(own, result);
  return result;
}
