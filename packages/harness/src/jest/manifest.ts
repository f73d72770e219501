/**
 * The run manifest: structured per-image results that describeGolden writes as sidecar JSON files
 * and the jest reporter reads to build the HTML report. Jest gives reporters no structured data
 * from tests (only failure strings), and parsing messages would be fragile.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckReport, ImageResult } from '../check/types.js';
import type { ImageVisuals } from '../report/visuals.js';

export const MANIFEST_VERSION = 1;

/** `PREPGUARD_REPORT_DIR`, else `reports/prepguard` under the current directory (jest's rootDir when run from it). */
export function reportDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PREPGUARD_REPORT_DIR ?? join('reports', 'prepguard'));
}

export function manifestDir(dir = reportDir()): string {
  return join(dir, 'manifest');
}

export interface ManifestEntry {
  version: typeof MANIFEST_VERSION;
  suite: string;
  testPath: string | null;
  run: Omit<CheckReport, 'images' | 'summary' | 'ok' | 'inference'>;
  image: ImageResult;
  visuals: ImageVisuals | null;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

export function writeManifestEntry(entry: ManifestEntry, dir = manifestDir()): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${safe(entry.suite)}--${safe(entry.image.file)}.json`), JSON.stringify(entry));
}

export function readManifest(dir = manifestDir()): ManifestEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const entries: ManifestEntry[] = [];
  for (const f of files) {
    try {
      const entry = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ManifestEntry;
      if (entry.version === MANIFEST_VERSION) entries.push(entry);
    } catch {
      // A half-written file from an interrupted run is skipped, not fatal.
    }
  }
  return entries;
}

export function clearManifest(dir = manifestDir()): void {
  rmSync(dir, { recursive: true, force: true });
}
