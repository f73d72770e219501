/**
 * Conformance on a corpus nobody here chose: every file of Pillow's own Tests/images (its sdist at
 * the pinned version, fetched into the cache) through the port, compared with what real Keras
 * recorded for the same file and options (scripts/pillow_corpus.py).
 *
 * Every disagreement must be listed in golden/pillow-corpus/known-disagreements.json, and every
 * listed one must still disagree, so the list is the exact state of the port. A case where the
 * port returns an image and Pillow raises is allowed only as a deliberate extension
 * (deliberate-extensions.json, with the reason). Update the known list after a fix with
 * PREPGUARD_UPDATE_KNOWN=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CORPUS_GOLDEN,
  caseKey,
  compareFile,
  currentPins,
  fetchCorpus,
  readRecording,
  type CaseResult,
  type Outcome,
} from './helpers/pillow-corpus.js';

const TIMEOUT_MS = 240_000;

const recording = readRecording();
const KNOWN_FILE = join(CORPUS_GOLDEN, 'known-disagreements.json');
const EXTENSIONS_FILE = join(CORPUS_GOLDEN, 'deliberate-extensions.json');

/** Known disagreements, one line per file: the option indices and what the first of them does. */
interface KnownList {
  description: string;
  files: Record<string, { options: number[]; outcome: string }>;
}
interface Extension {
  file: string;
  reason: string;
}

const known = JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as KnownList;
let knownKeys = keysOf(known);

function keysOf(list: KnownList): Set<string> {
  return new Set(Object.entries(list.files).flatMap(([file, e]) => e.options.map((option) => caseKey({ file, option }))));
}

/** One line per file, so a diff of the list reads as "which files changed". */
function writeKnown(list: KnownList): void {
  const lines = Object.entries(list.files).map(([file, e]) => `  ${JSON.stringify(file)}: ${JSON.stringify(e)}`);
  writeFileSync(KNOWN_FILE, `{\n "description": ${JSON.stringify(list.description)},\n "files": {\n${lines.join(',\n')}\n }\n}\n`);
}

/**
 * Formats the port decodes, by the name Pillow gives them. Files Pillow opens as any other format
 * (DDS, TGA, PSD, ...) are out of scope: the port must reject them as an unsupported format.
 */
const IN_SCOPE = new Set(['JPEG', 'MPO', 'PNG', 'GIF', 'WEBP', 'TIFF', 'BMP', 'DIB', 'PPM']);
const inScope = (file: string): boolean => {
  const format = recording.files[file]!.format;
  return format === null || IN_SCOPE.has(format);
};
const extensions = JSON.parse(readFileSync(EXTENSIONS_FILE, 'utf8')) as Extension[];
const extensionFiles = new Set(extensions.map((e) => e.file));

/** The target of the conformance work: at least this share identical or both-raise. */
const TARGET = 0.99;

function summary(title: string, rs: CaseResult[]): string {
  const counts: Record<Outcome, number> = { identical: 0, 'both-raise': 0, 'port-raises': 0, 'port-returns': 0, different: 0 };
  for (const r of rs) counts[r.outcome]++;
  const files = new Set(rs.map((r) => r.file)).size;
  const agree = counts.identical + counts['both-raise'];
  return (
    `Pillow corpus, ${title}: ${files} files x ${recording.options.length} option sets = ${rs.length} cases; ` +
    `identical ${counts.identical}, both raise ${counts['both-raise']}, port raises ${counts['port-raises']}, ` +
    `port returns where Pillow raises ${counts['port-returns']} (deliberate: ${rs.filter((r) => r.outcome === 'port-returns' && extensionFiles.has(r.file)).length}), ` +
    `different ${counts.different}, silent blank ${rs.filter((r) => r.silentBlank).length}; ` +
    `agreement ${((100 * agree) / rs.length).toFixed(2)}% (target ${TARGET * 100}%)`
  );
}

function label(r: CaseResult): string {
  return `${r.outcome}${r.silentBlank ? ' (silent blank)' : ''}${r.detail ? `: ${r.detail.replace(/^Cannot decode image "[^"]*": /, '')}` : ''}`;
}

test('the recording was made with the pinned Keras/Pillow (re-record when a pin changes)', () => {
  expect({
    pins: recording.pins,
    hint: 'pins in scripts/requirements.txt changed: re-record with `.venv/bin/python scripts/pillow_corpus.py record`',
  }).toEqual({
    pins: currentPins(),
    hint: 'pins in scripts/requirements.txt changed: re-record with `.venv/bin/python scripts/pillow_corpus.py record`',
  });
});

describe("Pillow's Tests/images", () => {
  let results: CaseResult[] = [];

  beforeAll(async () => {
    const dir = fetchCorpus();
    const { createHash } = await import('node:crypto');
    for (const file of Object.keys(recording.files).sort()) {
      const digest = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex').slice(0, 16);
      if (digest !== recording.files[file]!.sha256) throw new Error(`corpus file ${file} differs from the recorded one: re-record`);
      results.push(...(await compareFile(dir, file, recording)));
    }
    console.log(`${summary('all files', results)}\n${summary(`in scope (${[...IN_SCOPE].join('/')} or unidentified)`, results.filter((r) => inScope(r.file)))}`);
    if (process.env.PREPGUARD_UPDATE_KNOWN === '1') {
      const files: KnownList['files'] = {};
      for (const r of results) {
        if (!isDisagreement(r)) continue;
        const entry = (files[r.file] ??= { options: [], outcome: label(r) });
        entry.options.push(r.option);
      }
      writeKnown({ description: known.description, files });
      knownKeys = keysOf({ description: known.description, files });
    }
  }, TIMEOUT_MS);

  /** Out-of-scope formats count as agreeing only when the port rejects them as unsupported. */
  const isDisagreement = (r: CaseResult): boolean => {
    if (r.outcome === 'identical' || r.outcome === 'both-raise') return false;
    if (r.outcome === 'port-returns' && extensionFiles.has(r.file) && !r.silentBlank) return false;
    if (r.outcome === 'port-raises' && !inScope(r.file) && /unsupported image format/.test(r.detail)) return false;
    return true;
  };

  test('every case agrees with Keras, or is a listed known disagreement', () => {
    const unexpected = results.filter((r) => isDisagreement(r) && !knownKeys.has(caseKey(r))).map((r) => `${caseKey(r)}: ${label(r)}`);
    expect(unexpected).toEqual([]);
  });

  test('every listed known disagreement still disagrees (remove fixed ones: PREPGUARD_UPDATE_KNOWN=1)', () => {
    const byKey = new Map(results.map((r) => [caseKey(r), r]));
    const fixed = [...knownKeys].filter((k) => {
      const r = byKey.get(k);
      return r === undefined || !isDisagreement(r);
    });
    expect(fixed).toEqual([]);
  });

  test('agreement is at least the recorded floor (the known list) and silent blanks are all listed', () => {
    const agree = results.filter((r) => !isDisagreement(r)).length;
    expect(results.length).toBe(Object.keys(recording.files).length * recording.options.length);
    expect(agree).toBe(results.length - knownKeys.size);
    const unlistedBlanks = results.filter((r) => r.silentBlank && !knownKeys.has(caseKey(r))).map(caseKey);
    expect(unlistedBlanks).toEqual([]);
  });

  test(`the target holds: at least ${TARGET * 100}% of in-scope cases identical or both-raise, and no silent blank image`, () => {
    const scoped = results.filter((r) => inScope(r.file));
    const agree = scoped.filter((r) => r.outcome === 'identical' || r.outcome === 'both-raise').length;
    expect(agree / scoped.length).toBeGreaterThanOrEqual(TARGET);
    expect(results.filter((r) => r.silentBlank).map(caseKey)).toEqual([]);
  });

  test('each deliberate extension names a file where the port returns an image and Pillow raises, with a reason', () => {
    for (const e of extensions) {
      expect(e.reason.length).toBeGreaterThan(20);
      const cases = results.filter((r) => r.file === e.file);
      expect(cases.some((r) => r.outcome === 'port-returns')).toBe(true);
    }
  });
});
