import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { ReferenceFileError } from '../errors.js';
import { referenceSchemaV1 } from './schema.js';
import { REFERENCE_FORMAT, REFERENCE_VERSION, type Reference } from './types.js';

// ajv is CommonJS; under NodeNext its class is the default export's `default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (
  opts: object,
) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: object }> | null } };

let compiled: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;
function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(referenceSchemaV1);
  return compiled;
}

/**
 * Checks a parsed reference against the schema of its version and returns it typed.
 * `source` names the file in errors.
 */
export function validateReference(value: unknown, source = '<reference>'): Reference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReferenceFileError(source, 'is not a JSON object');
  }
  const obj = value as Record<string, unknown>;
  if (obj.format !== REFERENCE_FORMAT) {
    throw new ReferenceFileError(source, `"format" is ${JSON.stringify(obj.format)}, expected "${REFERENCE_FORMAT}"`);
  }
  if (obj.version !== REFERENCE_VERSION) {
    throw new ReferenceFileError(
      source,
      `reference format version ${JSON.stringify(obj.version)} is not supported by this version of @prepguard/harness (supported: ${REFERENCE_VERSION}); ` +
        'upgrade @prepguard/harness or record the reference again',
    );
  }
  const validate = validator();
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)})` : ''}`);
    throw new ReferenceFileError(source, `does not match reference format v1: ${problems.join('; ')}`);
  }
  const ref = value as Reference;
  checkConsistency(ref, source);
  return ref;
}

/** Rules JSON Schema cannot express: cross-field agreement. */
function checkConsistency(ref: Reference, source: string): void {
  const seen = new Set<string>();
  for (const image of ref.images) {
    if (seen.has(image.file)) throw new ReferenceFileError(source, `image ${image.file} is listed twice`);
    seen.add(image.file);
    const channels = image.input.shape[image.input.shape.length - 1]!;
    for (const key of ['mean', 'std', 'min', 'max'] as const) {
      if (image.input.channels[key].length !== channels) {
        throw new ReferenceFileError(source, `image ${image.file}: input.channels.${key} has ${image.input.channels[key].length} entries for ${channels} channels`);
      }
    }
    for (const [name, layer] of Object.entries(image.layers)) {
      const c = layer.shape[layer.shape.length - 1]!;
      if (layer.channelMean.length !== c) {
        throw new ReferenceFileError(source, `image ${image.file}: layer ${name} has ${layer.channelMean.length} channel means for ${c} channels`);
      }
    }
    for (const entry of image.topK) {
      if (entry.index >= ref.model.outputClasses) {
        throw new ReferenceFileError(source, `image ${image.file}: top-k index ${entry.index} ≥ outputClasses ${ref.model.outputClasses}`);
      }
    }
  }
  if (ref.labels && ref.labels.length !== ref.model.outputClasses) {
    throw new ReferenceFileError(source, `labels has ${ref.labels.length} entries for ${ref.model.outputClasses} output classes`);
  }
}

/** Reads and validates a reference file. Throws ReferenceFileError naming the file and the problem. */
export function readReference(path: string): Reference {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ReferenceFileError(path, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(cause)})`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ReferenceFileError(path, `is not valid JSON (${(cause as Error).message})`, { cause });
  }
  return validateReference(parsed, path);
}
