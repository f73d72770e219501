/**
 * The catalogue of known preprocessing mistakes. Each entry can replay the mistake: normalization
 * mistakes as channel-affine maps (invertible, see affine.ts), decode and resize mistakes as what
 * the mistaken decoder/resizer produces from the golden image's bytes (sharp, tfjs, or the Pillow
 * port with other settings).
 */
import * as tf from '@tensorflow/tfjs';
import { kerasBox, loadImg, resizeImage, type Interpolation as PortInterpolation } from '@prepguard/preprocess';
import sharp, { type Sharp } from 'sharp';
import type { BrowserDecoder } from '../browser/protocol.js';
import type { ReferencePreprocessing } from '../reference/types.js';
import {
  CAFFE,
  CAFFE_MEAN_BGR,
  compose,
  IDENTITY,
  modeAffine,
  reverseChannels,
  SYMMETRIC,
  TORCH,
  TORCH_MEAN,
  TORCH_STD,
  UNIT,
  type ChannelAffine,
} from './affine.js';
import type { DiagnosisCode } from './codes.js';

const PORT = '@prepguard/preprocess';

// ---------------------------------------------------------------------------------------------
// Normalization stage

export interface NormalizationMistake {
  code: DiagnosisCode;
  /** Human-readable replay, e.g. "x / 255". */
  variant: string;
  /** RGB pixels (0..255) → model input, as the mistaken pipeline computes it. */
  affine: ChannelAffine;
}

/**
 * Normalization mistakes relative to the reference's mode. Entries that coincide with the correct
 * preprocessing (e.g. "raw pixels" for a pass-through model) are left out by the caller.
 */
export function normalizationMistakes(mode: string): NormalizationMistake[] {
  const correct = modeAffine(mode);
  const caffeNoFlip: ChannelAffine = { source: [0, 1, 2], scale: [1, 1, 1], offset: CAFFE_MEAN_BGR.map((m) => -m) };
  const torchOnTf: ChannelAffine = {
    source: [0, 1, 2],
    scale: TORCH_STD.map((s) => 1 / s),
    offset: TORCH_MEAN.map((m, i) => -m / TORCH_STD[i]!),
  };
  return [
    { code: 'unit-scaling', variant: 'x / 255', affine: UNIT },
    { code: 'symmetric-scaling', variant: 'x / 127.5 - 1', affine: SYMMETRIC },
    { code: 'torch-normalization', variant: '(x / 255 - mean) / std', affine: TORCH },
    { code: 'raw-pixels', variant: 'x (no preprocessing)', affine: IDENTITY },
    { code: 'caffe-without-bgr', variant: 'x - [103.939, 116.779, 123.68] on RGB', affine: caffeNoFlip },
    { code: 'channel-order', variant: `${mode} preprocessing with the channels reversed`, affine: reverseChannels(correct) },
    // In caffe mode the line above is RGB minus the means (named caffe-without-bgr, see naming.ts);
    // the channel-order mistake there is BGR channels minus the means in RGB order.
    { code: 'channel-order', variant: 'BGR channels minus the ImageNet means in RGB order', affine: { source: [2, 1, 0], scale: [1, 1, 1], offset: [...CAFFE_MEAN_BGR].reverse().map((m) => -m) } },
    { code: 'double-preprocessing', variant: `${mode} preprocessing applied twice`, affine: compose(correct, correct) },
    { code: 'scaled-then-mean', variant: '(x / 127.5 - 1), then caffe (BGR, minus ImageNet means)', affine: compose(CAFFE, SYMMETRIC) },
    { code: 'scaled-then-mean', variant: '(x / 127.5 - 1) - [103.939, 116.779, 123.68]', affine: compose(caffeNoFlip, SYMMETRIC) },
    { code: 'scaled-then-mean', variant: '((x / 127.5 - 1) - mean) / std', affine: compose(torchOnTf, SYMMETRIC) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Decode and resize stages

/** RGB pixels at the target size, channels-last (uint8 from decoders, float32 from tfjs resizes). */
export type RgbPixels = Uint8Array | Float32Array;

export interface ImageFacts {
  width: number;
  height: number;
  hasAlpha: boolean;
  hasIcc: boolean;
  /** EXIF orientation, 1 when absent. */
  orientation: number;
  /** CMYK pixels: sharp always converts them through a colour profile, Pillow with a naive formula. */
  cmyk: boolean;
}

export interface ReplayContext {
  bytes: Uint8Array;
  file: string;
  prep: ReferencePreprocessing;
  /** [height, width] of the model input. */
  size: [number, number];
  facts: ImageFacts;
  /** The browser that ran a browser pipeline, to replay its own decodes and canvas resizes. */
  browser?: BrowserDecoder;
  /** Full-size decodes shared by the variants of one diagnosis (decoding is the slow part). */
  decoded?: Map<string, Promise<{ data: Uint8Array; width: number; height: number }>>;
}

/** How the mistaken pipeline decoded the file. `keras` = like Pillow (no ICC, no rotation, alpha dropped). */
export interface DecodeVariant {
  id: string;
  code: DiagnosisCode | null;
  description: string;
  sharpOptions: { ignoreIcc: boolean; autoOrient: boolean; flatten: [number, number, number] | null };
  /** A browser decode (replayed in the page): colour-managed or not, through a premultiplying 2D canvas or not. */
  browser?: { icc: boolean; premultiply: boolean };
  /** The fix when it differs from the code's general one (the browser's mistakes need browser fixes). */
  fix?: string;
}

/** How the mistaken pipeline resized. `keras` = the reference's Pillow filter and crop setting. */
export interface ResizeVariant {
  id: string;
  /** Decodes with sharp itself, so a CMYK file goes through sharp's colour conversion whatever the decode variant. */
  sharpDecodes?: boolean;
  code: DiagnosisCode | null;
  description: string;
  /** The fix when it differs from the code's general one. */
  fix?: string;
  /** Also tried after a mistaken decode (the common combinations); others only after a Keras decode. */
  combine: boolean;
  replay(ctx: ReplayContext, decode: DecodeVariant): Promise<RgbPixels>;
}

export async function imageFacts(bytes: Uint8Array): Promise<ImageFacts> {
  const meta = await sharp(bytes).metadata();
  return {
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    hasAlpha: meta.hasAlpha ?? false,
    hasIcc: meta.icc !== undefined,
    orientation: meta.orientation ?? 1,
    cmyk: meta.space === 'cmyk',
  };
}

const KERAS_DECODE: DecodeVariant = {
  id: 'keras',
  code: null,
  description: 'decoded like Pillow',
  sharpOptions: { ignoreIcc: true, autoOrient: false, flatten: null },
};

/** Decode mistakes that can change this image (an image without ICC profile cannot show icc-conversion). */
export function decodeVariants(facts: ImageFacts): DecodeVariant[] {
  const variants = [KERAS_DECODE];
  if (facts.hasIcc) {
    variants.push({ id: 'icc', code: 'icc-conversion', description: 'ICC profile applied (sharp default)', sharpOptions: { ignoreIcc: false, autoOrient: false, flatten: null } });
  }
  if (facts.cmyk) {
    variants.push({ id: 'cmyk', code: 'icc-conversion', description: 'CMYK converted to sRGB through a colour profile (sharp)', sharpOptions: { ignoreIcc: false, autoOrient: false, flatten: null } });
  }
  if (facts.orientation > 1) {
    variants.push({ id: 'exif', code: 'exif-orientation', description: `rotated by EXIF orientation ${facts.orientation} (sharp .rotate())`, sharpOptions: { ignoreIcc: true, autoOrient: true, flatten: null } });
  }
  if (facts.hasAlpha) {
    for (const [name, bg] of [['black', [0, 0, 0]], ['white', [255, 255, 255]]] as const) {
      variants.push({
        id: `alpha-${name}`,
        code: 'alpha-composited',
        description: `alpha composited on ${name} (sharp .flatten(${name === 'black' ? '' : "{ background: '#fff' }"}))`,
        sharpOptions: { ignoreIcc: true, autoOrient: false, flatten: [...bg] },
      });
    }
  }
  return variants;
}

/**
 * The browser's own decode mistakes, replayed in the page (Chromium): it rotates every decoded image
 * by its EXIF orientation, colour-manages embedded ICC profiles by default, and a 2D canvas stores
 * premultiplied alpha, so drawImage + getImageData loses the colour of transparent pixels.
 */
export function browserDecodeVariants(facts: ImageFacts): DecodeVariant[] {
  const keras = KERAS_DECODE.sharpOptions;
  const variants: DecodeVariant[] = [];
  if (facts.orientation > 1) {
    variants.push({
      id: 'browser-exif',
      code: 'exif-orientation',
      description: `rotated by EXIF orientation ${facts.orientation} (the browser's decode: <img>, createImageBitmap, tf.browser.fromPixels)`,
      sharpOptions: keras,
      browser: { icc: false, premultiply: false },
      fix:
        "Chromium rotates every decoded image by its EXIF orientation (createImageBitmap's imageOrientation: 'none' no longer turns it off): " +
        'remove the EXIF segment from the bytes before decoding (examples/browser-pipelines/shared/strip-exif.ts), or preprocess on the server with loadImg from ' + PORT,
    });
  }
  if (facts.hasIcc) {
    variants.push({
      id: 'browser-icc',
      code: 'icc-conversion',
      description: "colour-managed through the embedded ICC profile (the browser's default for <img> and createImageBitmap)",
      sharpOptions: keras,
      browser: { icc: true, premultiply: false },
      fix: "createImageBitmap(blob, { colorSpaceConversion: 'none' }) (an <img> drawn on a canvas is always colour-managed)",
    });
  }
  if (facts.hasAlpha) {
    variants.push({
      id: 'browser-premultiplied',
      code: 'alpha-composited',
      description: 'alpha premultiplied by a 2D canvas (drawImage + getImageData): colour lost where alpha is low',
      sharpOptions: keras,
      browser: { icc: false, premultiply: true },
      fix:
        "do not read pixels back from a 2D canvas: createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' }), " +
        'upload it to WebGL with UNPACK_PREMULTIPLY_ALPHA_WEBGL false and readPixels, then drop alpha (examples/browser-pipelines/shared/exact-pixels.ts)',
    });
  }
  return variants;
}

/** A canvas resize in the browser: drawImage onto a canvas of the target size, with its smoothing. */
export function browserResizeVariants(prep: ReferencePreprocessing): ResizeVariant[] {
  return (['low', 'high'] as const).map((quality) => ({
    id: `canvas-${quality}`,
    code: 'resize-filter' as const,
    description: `canvas drawImage(image, 0, 0, w, h) (imageSmoothingQuality '${quality}') instead of Pillow '${prep.interpolation}'`,
    fix: `draw the image at its natural size and resize with resizeImage from ${PORT} (Pillow's '${prep.interpolation}'); a canvas's smoothing is never Pillow's filter`,
    combine: true,
    replay: async (ctx, decode) => {
      if (!ctx.browser) throw new Error('no browser to replay a canvas resize');
      // The browser's decode rotates by EXIF whatever the options: only the EXIF variant replays it truthfully.
      if (ctx.facts.orientation > 1 && decode.id !== 'browser-exif') throw new Error('the browser cannot decode this image unrotated');
      const [height, width] = ctx.size;
      const out = await ctx.browser.decode(ctx.bytes, ctx.file, { icc: decode.browser?.icc ?? false, premultiply: true, resize: { width, height, quality } });
      return out.data;
    },
  }));
}

function sharpFor(bytes: Uint8Array, decode: DecodeVariant): Sharp {
  let s = sharp(bytes, { ignoreIcc: decode.sharpOptions.ignoreIcc, failOn: 'none' });
  if (decode.sharpOptions.autoOrient) s = s.rotate();
  if (decode.sharpOptions.flatten) {
    const [r, g, b] = decode.sharpOptions.flatten;
    s = s.flatten({ background: { r, g, b } });
  }
  return s.removeAlpha().toColourspace('srgb');
}

async function rawRgb(s: Sharp): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return { data: new Uint8Array(data), width: info.width, height: info.height };
  // Grayscale sources can come back with one band: replicate it, as Pillow's L→RGB does.
  const n = info.width * info.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) out.fill(data[i * info.channels]!, i * 3, i * 3 + 3);
  return { data: out, width: info.width, height: info.height };
}

/** Full-size RGB pixels as this decode variant gives them. */
function decodeFull(ctx: ReplayContext, decode: DecodeVariant): Promise<{ data: Uint8Array; width: number; height: number }> {
  ctx.decoded ??= new Map();
  let decoded = ctx.decoded.get(decode.id);
  if (!decoded) {
    decoded = decodeFullUncached(ctx, decode);
    ctx.decoded.set(decode.id, decoded);
  }
  return decoded;
}

async function decodeFullUncached(ctx: ReplayContext, decode: DecodeVariant): Promise<{ data: Uint8Array; width: number; height: number }> {
  if (decode.browser) {
    if (!ctx.browser) throw new Error('no browser to replay a browser decode');
    return ctx.browser.decode(ctx.bytes, ctx.file, { ...decode.browser, resize: null });
  }
  if (decode.id === 'keras') {
    const img = await loadImg(ctx.bytes, { targetSize: null, colorMode: 'rgb', fileName: ctx.file });
    return { data: img.data as Uint8Array, width: img.width, height: img.height };
  }
  return rawRgb(sharpFor(ctx.bytes, decode));
}

/** Pillow's resize (via the port) of a decoded image, with Keras' crop box when keepAspectRatio. */
function pillowResize(
  full: { data: Uint8Array; width: number; height: number },
  size: [number, number],
  interpolation: PortInterpolation,
  keepAspectRatio: boolean,
): Uint8Array {
  const [h, w] = size;
  const box = keepAspectRatio ? kerasBox(full.width, full.height, w, h) : undefined;
  const out = resizeImage({ mode: 'RGB', width: full.width, height: full.height, channels: 3, data: full.data }, size, interpolation, box);
  return out.data as Uint8Array;
}

const INTERPOLATIONS: PortInterpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];
const SHARP_KERNELS = ['lanczos3', 'nearest', 'linear', 'cubic', 'mitchell', 'lanczos2', 'mks2013', 'mks2021'] as const;

function kerasResize(): ResizeVariant {
  return {
    id: 'keras',
    code: null,
    description: 'resized like Keras',
    combine: true,
    replay: async (ctx, decode) => pillowResize(await decodeFull(ctx, decode), ctx.size, ctx.prep.interpolation, ctx.prep.keepAspectRatio),
  };
}

/** Resize mistakes, for this reference's interpolation and crop setting. */
export function resizeVariants(prep: ReferencePreprocessing): ResizeVariant[] {
  const variants: ResizeVariant[] = [kerasResize()];
  for (const interpolation of INTERPOLATIONS) {
    if (interpolation === prep.interpolation) continue;
    variants.push({
      id: `pillow-${interpolation}`,
      code: 'resize-filter',
      description: `Pillow '${interpolation}' instead of '${prep.interpolation}'`,
      combine: false,
      replay: async (ctx, decode) => pillowResize(await decodeFull(ctx, decode), ctx.size, interpolation, prep.keepAspectRatio),
    });
  }
  for (const kernel of SHARP_KERNELS) {
    variants.push({
      id: `sharp-fill-${kernel}`,
      sharpDecodes: true,
      code: 'resize-filter',
      description: `sharp .resize(w, h, { fit: 'fill', kernel: '${kernel}' })`,
      combine: kernel === 'lanczos3' || kernel === 'nearest',
      replay: async (ctx, decode) => {
        const [h, w] = ctx.size;
        return (await rawRgb(sharpFor(ctx.bytes, decode).resize(w, h, { fit: 'fill', kernel }))).data;
      },
    });
  }
  for (const [name, halfPixelCenters] of [['resizeBilinear', false], ['resizeBilinear (halfPixelCenters)', true]] as const) {
    variants.push({
      id: `tfjs-${name}`,
      code: 'resize-filter',
      description: `tf.image.${name}`,
      combine: false,
      replay: async (ctx, decode) => {
        const full = await decodeFull(ctx, decode);
        return tf.tidy(() => {
          const t = tf.tensor3d(Float32Array.from(full.data), [full.height, full.width, 3]);
          return tf.image.resizeBilinear(t, ctx.size, false, halfPixelCenters).dataSync() as Float32Array;
        });
      },
    });
  }
  variants.push({
    id: 'tfjs-resizeNearestNeighbor',
    code: 'resize-filter',
    description: 'tf.image.resizeNearestNeighbor',
    combine: false,
    replay: async (ctx, decode) => {
      const full = await decodeFull(ctx, decode);
      return tf.tidy(() => {
        const t = tf.tensor3d(Float32Array.from(full.data), [full.height, full.width, 3]);
        return Float32Array.from(tf.image.resizeNearestNeighbor(t, ctx.size).dataSync());
      });
    },
  });
  for (const kernel of ['lanczos3', 'nearest'] as const) {
    variants.push({
      id: `sharp-cover-${kernel}`,
      sharpDecodes: true,
      code: 'resize-crop',
      description: `sharp .resize(w, h${kernel === 'lanczos3' ? '' : ", { kernel: 'nearest' }"}) (default fit: 'cover', centre crop)`,
      combine: true,
      replay: async (ctx, decode) => {
        const [h, w] = ctx.size;
        return (await rawRgb(sharpFor(ctx.bytes, decode).resize(w, h, { fit: 'cover', kernel }))).data;
      },
    });
  }
  variants.push({
    id: 'keras-crop-toggle',
    code: 'resize-crop',
    description: prep.keepAspectRatio ? 'squashed instead of Keras keep_aspect_ratio crop' : `centre crop (keep_aspect_ratio) with Pillow '${prep.interpolation}'`,
    combine: false,
    replay: async (ctx, decode) => pillowResize(await decodeFull(ctx, decode), ctx.size, prep.interpolation, !prep.keepAspectRatio),
  });
  // The most common mistakes first: the diagnosis stops at the first replay that reproduces the
  // candidate exactly, and sharp's replays are much cheaper than the Pillow port's on large images.
  const rank = (id: string) => {
    const i = COMMON_FIRST.indexOf(id);
    return i === -1 ? COMMON_FIRST.length : i;
  };
  return variants.sort((a, b) => rank(a.id) - rank(b.id));
}

const COMMON_FIRST = ['keras', 'sharp-fill-lanczos3', 'sharp-cover-lanczos3', 'sharp-fill-nearest', 'sharp-cover-nearest', 'tfjs-resizeBilinear', 'keras-crop-toggle'];
