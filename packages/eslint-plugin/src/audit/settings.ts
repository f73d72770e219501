/**
 * Where `prepguard audit` finds the user's `settings.prepguard` without an ESLint config:
 * an explicit `--config` file, else `prepguard.config.json` in the audit root, else the
 * `"prepguard"` field of the root package.json. The content is passed to the rules as-is.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AuditUsageError } from './args.js';

export type PrepguardSettings = Record<string, unknown>;

export interface LoadedSettings {
  settings: PrepguardSettings;
  /** The file the settings came from, or null when none was found. */
  source: string | null;
}

export const SETTINGS_FILE_NAME = 'prepguard.config.json';

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new AuditUsageError(`Cannot read settings file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AuditUsageError(`Settings file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function asSettings(value: unknown, file: string, what: string): PrepguardSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuditUsageError(`${what} in ${file} must be an object like { "models": [...] }.`);
  }
  return value as PrepguardSettings;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}

export async function loadSettings(root: string, explicitFile: string | null): Promise<LoadedSettings> {
  if (explicitFile !== null) {
    const file = path.resolve(root, explicitFile);
    return { settings: asSettings(await readJson(file), file, 'The settings'), source: file };
  }
  const configFile = path.join(root, SETTINGS_FILE_NAME);
  if (await exists(configFile)) {
    return { settings: asSettings(await readJson(configFile), configFile, 'The settings'), source: configFile };
  }
  const packageFile = path.join(root, 'package.json');
  if (await exists(packageFile)) {
    const pkg = await readJson(packageFile);
    const field = (pkg as { prepguard?: unknown } | null)?.prepguard;
    if (field !== undefined) {
      return { settings: asSettings(field, packageFile, 'The "prepguard" field'), source: packageFile };
    }
  }
  return { settings: {}, source: null };
}
