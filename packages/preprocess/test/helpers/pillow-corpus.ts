/**
 * The port against Keras on Pillow's own test corpus (recorded by scripts/pillow_corpus.py into
 * golden/pillow-corpus/keras-cases.json.gz): fetch the corpus, run every case, classify it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeImage, imgToArray, loadImgFromDecoded, type ColorMode, type Interpolation, type PillowImage } from '../../src/index.js';
import { PYTHON, REPO_ROOT, sha256Of } from './keras.js';

export const CORPUS_GOLDEN = join(REPO_ROOT, 'golden', 'pillow-corpus');

export interface CorpusOption {
  colorMode: ColorMode;
  targetSize: [number, number] | null;
  interpolation: Interpolation;
  keepAspectRatio: boolean;
}

export interface CorpusRecording {
  pins: Record<string, string>;
  producer: Record<string, string>;
  options: CorpusOption[];
  /** results[i]: SHA-256 of Keras' float32 array for options[i], or "!<ExceptionClass>". */
  files: Record<string, { sha256: string; format: string | null; results: string[] }>;
}

export function readRecording(): CorpusRecording {
  return JSON.parse(gunzipSync(readFileSync(join(CORPUS_GOLDEN, 'keras-cases.json.gz'))).toString('utf8')) as CorpusRecording;
}

/** The pins of scripts/requirements.txt that decide the recorded results (as the recorder reads them). */
export function currentPins(): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of readFileSync(join(REPO_ROOT, 'scripts', 'requirements.txt'), 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z0-9_.-]+)==([^\s#]+)/.exec(line);
    if (m && ['pillow', 'keras', 'tensorflow-cpu', 'numpy'].includes(m[1]!.toLowerCase())) pins[m[1]!.toLowerCase()] = m[2]!;
  }
  return pins;
}

/** Tests/images of Pillow's sdist, fetched into the cache by the project venv's pip when missing. */
export function fetchCorpus(): string {
  if (!existsSync(PYTHON)) throw new Error(`Python venv not found at ${PYTHON}: run "bash scripts/setup-python.sh"`);
  const run = spawnSync(PYTHON, [join(REPO_ROOT, 'scripts', 'pillow_corpus.py'), 'fetch'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/pillow_corpus.py fetch failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return run.stdout.trim();
}

/**
 * How one case compares:
 * - `identical`: same float32 array; `both-raise`: Keras and the port both refuse the file;
 * - `port-raises`: Keras returns an array, the port throws;
 * - `port-returns`: Keras (Pillow) raises, the port returns an image;
 * - `different`: both return arrays that differ (shape or values).
 */
export type Outcome = 'identical' | 'both-raise' | 'port-raises' | 'port-returns' | 'different';

export interface CaseResult {
  file: string;
  option: number;
  outcome: Outcome;
  /** The port returned an all-zero image where Keras raised or returned something else. */
  silentBlank: boolean;
  /** The port's error message, or Keras' exception class. */
  detail: string;
}

function allZero(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}

/** Runs the port on one corpus file under every option set of the recording. */
export async function compareFile(dir: string, file: string, recording: CorpusRecording): Promise<CaseResult[]> {
  const expected = recording.files[file]!.results;
  let decoded: PillowImage | null = null;
  let decodeError = '';
  try {
    decoded = await decodeImage(join(dir, file));
  } catch (err) {
    decodeError = err instanceof Error ? err.message : String(err);
  }
  return recording.options.map((option, i) => {
    const keras = expected[i]!;
    const kerasRaised = keras.startsWith('!');
    let sha: string | null = null;
    let blank = false;
    let error = decodeError;
    if (decoded !== null) {
      try {
        const array = imgToArray(loadImgFromDecoded(decoded, option));
        sha = sha256Of(array);
        blank = allZero(array.data);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    let outcome: Outcome;
    if (sha === null) outcome = kerasRaised ? 'both-raise' : 'port-raises';
    else if (kerasRaised) outcome = 'port-returns';
    else outcome = sha === keras ? 'identical' : 'different';
    const silentBlank = blank && (outcome === 'port-returns' || outcome === 'different');
    return { file, option: i, outcome, silentBlank, detail: sha === null ? error : kerasRaised ? `Keras raised ${keras.slice(1)}` : '' };
  });
}

/** `file#option`, the key used by the checked-in lists. */
export const caseKey = (c: { file: string; option: number }): string => `${c.file}#${c.option}`;
