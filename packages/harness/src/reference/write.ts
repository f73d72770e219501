import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ReferenceFileError } from '../errors.js';
import type { Reference } from './types.js';
import { validateReference } from './validate.js';

/** True when running under CI, as jest decides it for snapshots (the `CI` environment variable). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export interface WriteReferenceOptions {
  /** Overwrite an existing file. Without it, an existing reference is never replaced. */
  force?: boolean;
}

/**
 * Writes a reference (validated first) as pretty JSON. Refuses to replace an existing file unless
 * `force`: references are baselines, and a silent rewrite would hide the drift they guard against.
 */
export function writeReference(ref: Reference, path: string, options: WriteReferenceOptions = {}): void {
  validateReference(ref, path);
  if (existsSync(path) && !options.force) {
    throw new ReferenceFileError(path, 'already exists; pass force (--force) to replace it');
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(ref, null, 2)}\n`);
}
