/**
 * Explains why a candidate model input differs from the Keras input: replays each catalogued
 * mistake and keeps the one that reproduces the candidate best.
 *
 * Normalization mistakes are tested by inverting them on the candidate tensor (which recovers the
 * pixels the pipeline fed into its normalization) and comparing those pixels with the Keras
 * pixels; that works even when a resize mistake changed the pixels too. Decode and resize mistakes
 * are then tested by replaying them on the golden image's bytes and comparing with the recovered
 * pixels. The stage where the candidate first diverges follows from which mistakes were found.
 */
import { absError } from '../stats.js';
import { applyAffine, invertAffine, modeAffine, sameAffine, type ChannelAffine } from './affine.js';
import type { BrowserDecoder } from '../browser/protocol.js';
import {
  browserDecodeVariants,
  browserResizeVariants,
  decodeVariants,
  imageFacts,
  normalizationMistakes,
  resizeVariants,
  type DecodeVariant,
  type ImageFacts,
  type ReplayContext,
  type ResizeVariant,
  type RgbPixels,
} from './catalogue.js';
import { codeInfo, type DiagnosisCode, type Stage } from './codes.js';
import { fitChannelAffine } from './fit.js';
import { nameNormalization } from './naming.js';
import { chwToHwc, hwcToChw } from '../layout.js';
import type { ReferencePreprocessing } from '../reference/types.js';
import type { KerasInput } from '../input/keras-input.js';
import type { CandidateInput } from '../pipeline/types.js';

export interface ErrorSummary {
  maxAbsError: number;
  meanAbsError: number;
}

export interface Finding {
  code: DiagnosisCode;
  stage: Stage;
  title: string;
  fix: string;
  /** The replayed mistake, e.g. "x / 255" or "sharp .resize(w, h) (default fit: 'cover', centre crop)". */
  variant: string;
}

export interface Diagnosis extends Finding {
  /** One sentence with the numbers: error of the candidate vs Keras, before and after replaying the mistake. */
  evidence: string;
  /** Candidate vs the Keras input, in model-input units. */
  errorBefore: ErrorSummary;
  /** Candidate vs the replayed mistake(s), in model-input units. */
  errorAfter: ErrorSummary;
  /** The replay reproduces the candidate (within a pixel level); otherwise it only explains most of the drift. */
  exact: boolean;
  /** Earliest stage where the candidate diverges from Keras (decode → resize → normalize). */
  firstStage: Stage;
  /** Further mistakes found in the same input (e.g. a resize mistake under a normalization mistake). */
  also: Finding[];
  /** The mistaken normalization, as a per-channel affine map (for pictures of the recovered pixels); null if normalization is right. */
  normalization: ChannelAffine | null;
}

export interface DiagnoseInput {
  bytes: Uint8Array;
  file: string;
  prep: ReferencePreprocessing;
  /** The pipeline's output, channels-last `[H, W, C]` (already transposed when it came channels-first). */
  candidate: Float32Array;
  shape: number[];
  channelsFirst: boolean;
  /** The Keras-exact pixels (after load_img) and input. */
  referencePixels: ArrayLike<number>;
  referenceInput: Float32Array;
  /** The browser a browser pipeline ran in: its own decodes and canvas resizes are replayed too. */
  browser?: BrowserDecoder;
}

/** A mistake must remove at least this share of the error to count as the explanation. */
const EXPLAINS = 0.5;

function meanAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / Math.max(1, a.length);
}

interface NormalizationHypothesis {
  code: DiagnosisCode | null;
  variant: string;
  affine: ChannelAffine;
}

/**
 * The correct normalization first, then each distinct catalogued mistake, each named by what its
 * map does (naming.ts), so that a replay is called the same whichever way it was written.
 */
function normalizationHypotheses(mode: string): NormalizationHypothesis[] {
  const list: NormalizationHypothesis[] = [{ code: null, variant: `Keras '${mode}'`, affine: modeAffine(mode) }];
  for (const m of normalizationMistakes(mode)) {
    if (list.some((c) => sameAffine(c.affine, m.affine))) continue;
    const named = nameNormalization(m.affine, mode);
    const renamed = named && named.code !== null && named.code !== m.code;
    list.push({ code: renamed ? named.code : m.code, variant: renamed ? named.variant : m.variant, affine: m.affine });
  }
  return list;
}

/** A fitted map this far (RMS, in pixel levels) from the candidate is not a description of it. */
const FIT_RESIDUAL_LEVELS = 1;

/**
 * The channel-affine map fitted to the candidate on Keras' pixels, as one more hypothesis, when it
 * describes the candidate (within a pixel level) and names a mistake: this is what catches variants
 * the catalogue does not list (the means in the other order, a partial normalization).
 */
function fittedHypothesis(candidate: Float32Array, referencePixels: ArrayLike<number>, mode: string): NormalizationHypothesis | null {
  const correct = modeAffine(mode);
  const fit = fitChannelAffine(candidate, referencePixels, [correct.source, [0, 1, 2]]);
  if (!fit || fit.residualLevels > FIT_RESIDUAL_LEVELS) return null;
  const named = nameNormalization(fit, mode);
  if (!named || named.code === null) return null;
  return { code: named.code, variant: named.variant, affine: { source: fit.source, scale: fit.scale, offset: fit.offset } };
}

interface PixelHypothesis {
  decode: DecodeVariant | null;
  resize: ResizeVariant | null;
  pixels: ArrayLike<number>;
}

interface Explanation {
  norm: NormalizationHypothesis;
  pixels: PixelHypothesis;
  scrambled: boolean;
  data: Float32Array;
  /** Mean abs difference, in pixel levels, between the pixels recovered from the candidate and the replay. */
  error: number;
}

/**
 * Replays decode × resize mistakes that can change this image, most common first, skipping outputs
 * identical to an earlier (simpler) replay. Decode mistakes are tried with Keras' resize first.
 */
async function* replayPixels(ctx: ReplayContext, expectedLength: number): AsyncGenerator<PixelHypothesis> {
  const seen = new Set<string>();
  const resizes = ctx.prep.targetSize ? resizeVariants(ctx.prep) : resizeVariants(ctx.prep).slice(0, 1);
  const decodes = decodeVariants(ctx.facts);
  const pairs: Array<[DecodeVariant, ResizeVariant]> = [];
  if (ctx.browser) {
    // A browser pipeline most likely made the browser's own mistakes: those pairs first.
    const browserDecodes = browserDecodeVariants(ctx.facts);
    const browserResizes = ctx.prep.targetSize ? browserResizeVariants(ctx.prep) : [];
    for (const decode of browserDecodes) pairs.push([decode, resizes[0]!]);
    for (const resize of browserResizes) pairs.push([decodes[0]!, resize]);
    for (const decode of browserDecodes) for (const resize of browserResizes) pairs.push([decode, resize]);
    decodes.push(...browserDecodes);
  }
  for (const decode of decodes.slice(1)) if (!decode.browser) pairs.push([decode, resizes[0]!]);
  for (const resize of resizes.slice(1)) pairs.push([decodes[0]!, resize]);
  for (const decode of decodes.slice(1)) for (const resize of resizes.slice(1)) if (resize.combine) pairs.push([decode, resize]);
  for (const [decode, resize] of pairs) {
    if (decode.browser && resize.sharpDecodes) continue; // sharp cannot replay a browser decode
    let pixels: RgbPixels;
    try {
      pixels = await resize.replay(ctx, decode);
    } catch {
      continue; // a variant that cannot run on this image (e.g. an exotic format) explains nothing
    }
    if (pixels.length !== expectedLength) continue;
    const key = fingerprint(pixels);
    if (seen.has(key)) continue;
    seen.add(key);
    yield { decode, resize, pixels };
  }
}

/** The (layout, normalization, pixels) combination whose replay is closest to the candidate. */
function bestExplanation(
  layouts: Array<{ data: Float32Array; scrambled: boolean }>,
  norms: NormalizationHypothesis[],
  pixelSets: PixelHypothesis[],
): Explanation {
  let best: Explanation | null = null;
  for (const { data, scrambled } of layouts) {
    for (const norm of norms) {
      const recovered = invertAffine(norm.affine, data);
      for (const pixels of pixelSets) {
        const error = meanAbs(recovered, pixels.pixels);
        // Simpler explanations come first and keep ties: a mistake must do strictly better.
        if (!best || error < best.error) best = { norm, pixels, scrambled, data, error };
      }
    }
  }
  return best!;
}

/** Mean and std per channel: geometry-independent, to judge a normalization when no replay fits. */
function channelMoments(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    let sq = 0;
    let n = 0;
    for (let i = c; i < values.length; i += 3) {
      sum += values[i]!;
      sq += values[i]! * values[i]!;
      n++;
    }
    const mean = sum / n;
    out.push(mean, Math.sqrt(Math.max(0, sq / n - mean * mean)));
  }
  return out;
}

/** Which normalization gives pixels whose per-channel mean/std look like Keras' pixels. */
function normalizationByMoments(data: Float32Array, referencePixels: ArrayLike<number>, norms: NormalizationHypothesis[]) {
  const target = channelMoments(referencePixels);
  const scored = norms.map((norm) => {
    const m = channelMoments(invertAffine(norm.affine, data));
    return { norm, distance: m.reduce((acc, v, i) => acc + Math.abs(v - target[i]!), 0) / m.length };
  });
  const correct = scored[0]!;
  const best = scored.reduce((a, b) => (b.distance < a.distance ? b : a));
  return best.norm.code !== null && best.distance < EXPLAINS * correct.distance ? best.norm : null;
}

function fingerprint(pixels: RgbPixels): string {
  let h = 2166136261;
  for (let i = 0; i < pixels.length; i += 7) h = Math.imul(h ^ Math.round(pixels[i]! * 16), 16777619);
  return `${pixels.length}:${h >>> 0}`;
}

function finding(code: DiagnosisCode, variant: string, prep: ReferencePreprocessing, fix?: string): Finding {
  const info = codeInfo(code, prep.mode, prep.interpolation);
  return { code, stage: info.stage, title: info.title, fix: fix ?? info.fix, variant };
}

const STAGE_ORDER: Stage[] = ['decode', 'resize', 'normalize'];

/** Errors for people: 151.1, 2.35, 0.004, 0.000 (float noise reads as zero). */
function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(1) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}

/** Diagnoses a drifting candidate input; returns null when the candidate equals the Keras input. */
/** Diagnoses a pipeline's output against the Keras-exact input computed from the same image bytes. */
export function diagnoseCandidate(
  bytes: Uint8Array,
  file: string,
  prep: ReferencePreprocessing,
  candidate: CandidateInput,
  keras: KerasInput,
  browser?: BrowserDecoder,
): Promise<Diagnosis | null> {
  return diagnose({
    bytes,
    file,
    prep,
    candidate: candidate.data,
    shape: candidate.shape,
    channelsFirst: candidate.channelsFirst,
    referencePixels: keras.pixels.data,
    referenceInput: keras.data,
    ...(browser ? { browser } : {}),
  });
}

export async function diagnose(input: DiagnoseInput): Promise<Diagnosis | null> {
  const { prep } = input;
  const channels = input.shape[input.shape.length - 1]!;
  // Measure the drift on the values as the pipeline laid them out (a channels-first output was
  // transposed for comparison; the model would have seen the untransposed buffer).
  const asReturned = input.channelsFirst ? hwcToChw(input.candidate, input.shape[0]!, input.shape[1]!, channels) : input.candidate;
  const errorBefore = absError(asReturned, input.referenceInput);
  if (errorBefore.maxAbsError === 0) return null;
  if (channels !== 3) {
    return unknownDiagnosis(input, errorBefore, 'normalize', `the diagnosis replays RGB pipelines only (this input has ${channels} channels)`);
  }

  // Layout: channels-first by shape was already transposed; channels-first data reshaped to
  // channels-last without transposing is found by reading the buffer as [C, H, W].
  const [h, w] = input.shape as [number, number, number];
  const layouts = [{ data: input.candidate, scrambled: false }];
  if (!input.channelsFirst) layouts.push({ data: chwToHwc(input.candidate, 3, h, w), scrambled: true });
  const norms = normalizationHypotheses(prep.mode);
  const kerasPixels: PixelHypothesis = { decode: null, resize: null, pixels: input.referencePixels };

  // 1. Normalization (and layout) mistakes alone, on Keras' own pixels: cheap, and the usual case.
  let best = bestExplanation(layouts, norms, [kerasPixels]);
  if (!isExact(best, levelSize(best.norm.affine))) {
    const fitted = fittedHypothesis(input.candidate, input.referencePixels, prep.mode);
    if (fitted) {
      norms.push(fitted);
      best = bestExplanation(layouts, norms, [kerasPixels]);
    }
  }
  const baseline = meanAbs(invertAffine(norms[0]!.affine, input.candidate), input.referencePixels);
  // 2. Otherwise replay decode/resize mistakes too, jointly with every normalization, so that a
  //    resize mistake under a normalization mistake is found as both.
  let facts: ImageFacts | null = null;
  if (!isExact(best, levelSize(best.norm.affine))) {
    facts = await imageFacts(input.bytes);
    const ctx: ReplayContext = { bytes: input.bytes, file: input.file, prep, size: [h, w], facts, ...(input.browser ? { browser: input.browser } : {}) };
    for await (const replay of replayPixels(ctx, input.candidate.length)) {
      const candidate = bestExplanation(layouts, norms, [replay]);
      if (candidate.error < best.error) best = candidate;
      if (isExact(best, levelSize(best.norm.affine))) break; // reproduced: no need to replay the rest
    }
  }
  best = preferSimpler(best, layouts, norms);

  const findings: Finding[] = [];
  let explained = best.error < EXPLAINS * baseline;
  let norm = best.norm;
  let pixels = best.pixels;
  let data = best.data;
  if (!explained) {
    // No replay reproduces the candidate; the normalization may still be recognisable from the
    // per-channel moments of the pixels it implies.
    const byMoments = normalizationByMoments(input.candidate, input.referencePixels, norms);
    if (byMoments) {
      norm = byMoments;
      pixels = kerasPixels;
      data = input.candidate;
      explained = true;
      findings.push(finding(byMoments.code!, byMoments.variant, prep));
    }
  } else {
    if (input.channelsFirst || best.scrambled) {
      findings.push(finding('layout', input.channelsFirst ? 'returned [C, H, W]' : 'channels-first values reshaped to [H, W, C] without transposing', prep));
    }
    if (norm.code) findings.push(finding(norm.code, norm.variant, prep));
    if (pixels.resize?.code) findings.push(finding(pixels.resize.code, pixels.resize.description, prep, pixels.resize.fix));
    if (pixels.decode?.code) findings.push(finding(pixels.decode.code, pixels.decode.description, prep, pixels.decode.fix));
    else if (pixels.resize?.sharpDecodes && facts?.cmyk) findings.push(finding('icc-conversion', 'CMYK converted to sRGB through a colour profile (sharp)', prep));
  }
  if (input.channelsFirst && !findings.some((f) => f.code === 'layout')) {
    findings.unshift(finding('layout', 'returned [C, H, W]', prep));
  }

  if (findings.length === 0) {
    const stage: Stage = baseline > 0.05 && baseline < 64 ? 'resize' : 'normalize';
    const why =
      stage === 'resize'
        ? `normalization matches Keras '${prep.mode}', but the pixels before it differ (mean ${fmt(baseline)} levels): a decode or resize difference no catalogued mistake reproduces`
        : 'no catalogued normalization reproduces the values';
    return unknownDiagnosis(input, errorBefore, stage, why);
  }

  // Replay the whole explanation forward and measure what is left.
  const replayed = applyAffine(norm.affine, pixels.pixels);
  const errorAfter = absError(data, replayed);
  const exact = errorAfter.maxAbsError <= levelSize(norm.affine) * 1.01;
  const [primary, ...also] = findings as [Finding, ...Finding[]];
  const firstStage = STAGE_ORDER.find((s) => findings.some((f) => f.stage === s)) ?? primary.stage;
  const replay = findings.map((f) => f.variant).join(' + ');
  const evidence =
    `replaying ${replay} ${exact ? 'reproduces the input' : 'explains most of the drift'}: ` +
    `max abs error ${fmt(errorBefore.maxAbsError)} → ${fmt(errorAfter.maxAbsError)}, ` +
    `mean ${fmt(errorBefore.meanAbsError)} → ${fmt(errorAfter.meanAbsError)}`;
  return { ...primary, evidence, errorBefore, errorAfter, exact, firstStage, also, normalization: norm.code ? norm.affine : null };
}

/** Within a pixel level (plus float noise) of the candidate, everywhere. */
function isExact(e: Explanation, level: number): boolean {
  const replayed = applyAffine(e.norm.affine, e.pixels.pixels);
  return absError(e.data, replayed).maxAbsError <= level * 1.01;
}

/**
 * A mistake is only blamed when it explains the data clearly better than the simpler story
 * (correct normalization, unscrambled layout) with the same pixels.
 */
function preferSimpler(best: Explanation, layouts: Array<{ data: Float32Array; scrambled: boolean }>, norms: NormalizationHypothesis[]): Explanation {
  let result = best;
  if (result.scrambled) {
    const plain = bestExplanation([layouts[0]!], norms, [result.pixels]);
    if (!(result.error < EXPLAINS * plain.error)) result = plain;
  }
  if (result.norm.code !== null) {
    const correct = bestExplanation([layouts[result.scrambled ? 1 : 0]!], [norms[0]!], [result.pixels]);
    if (!(result.error < EXPLAINS * correct.error)) result = correct;
  }
  return result;
}

/** One 8-bit pixel level in the units of the tensor `affine` produces (the largest channel step). */
function levelSize(affine: ChannelAffine): number {
  return Math.max(...affine.scale.map(Math.abs));
}

function unknownDiagnosis(input: DiagnoseInput, errorBefore: ErrorSummary, stage: Stage, why: string): Diagnosis {
  const info = codeInfo('unknown', input.prep.mode, input.prep.interpolation);
  return {
    code: 'unknown',
    stage,
    title: info.title,
    fix: info.fix,
    variant: 'none',
    evidence: `${why} (max abs error ${fmt(errorBefore.maxAbsError)}, mean ${fmt(errorBefore.meanAbsError)})`,
    errorBefore,
    errorAfter: errorBefore,
    exact: false,
    firstStage: stage,
    also: [],
    normalization: null,
  };
}
