/**
 * Pillow's mode conversions (src/libImaging/Convert.c), restricted to the ones
 * `keras.utils.load_img` can trigger, plus the premultiplication Pillow applies around
 * resizing RGBA images (Image.resize converts RGBA -> RGBa -> RGBA).
 */
import type { ColorMode, PillowImage, PillowMode } from './types.js';

/** ITU-R 601-2 luma in Pillow's 16-bit fixed point (Convert.c `L24`), rounded. */
function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
}

/** a*b/255 rounded, exactly as Pillow's `MULDIV255` macro computes it. */
function mulDiv255(a: number, b: number): number {
  const tmp = a * b + 128;
  return ((tmp >> 8) + tmp) >> 8;
}

const BANDS: Record<PillowMode, number> = { L: 1, 'I;16': 1, 'I;16B': 1, I: 1, F: 1, LA: 2, RGB: 3, RGBA: 4, CMYK: 4 };

function blank(src: PillowImage, mode: PillowMode): PillowImage {
  const channels = BANDS[mode];
  const size = src.width * src.height * channels;
  return {
    mode,
    width: src.width,
    height: src.height,
    channels,
    data: mode === 'I;16' || mode === 'I;16B' ? new Uint16Array(size) : mode === 'I' ? new Int32Array(size) : mode === 'F' ? new Float32Array(size) : new Uint8Array(size),
  };
}

/**
 * Writes the RGB colour of every pixel of `src` into `out` (stride `outBands`), the way Pillow's
 * `convert("RGB")` sees it: alpha dropped without compositing (`rgba2rgb`, `la2rgb`), gray
 * replicated, CMYK through the naive `cmyk2rgb` formula (no ICC), 16-bit gray clamped at 255
 * (`I16_RGB`: anything with a non-zero high byte becomes 255, no scaling).
 */
function writeRgb(src: PillowImage, out: Uint8Array, outBands: number): void {
  const n = src.width * src.height;
  const d = src.data;
  switch (src.mode) {
    case 'RGB':
    case 'RGBA': {
      const s = src.channels;
      for (let i = 0, j = 0, o = 0; i < n; i++, j += s, o += outBands) {
        out[o] = d[j];
        out[o + 1] = d[j + 1];
        out[o + 2] = d[j + 2];
      }
      return;
    }
    case 'L':
    case 'LA': {
      const s = src.channels;
      for (let i = 0, j = 0, o = 0; i < n; i++, j += s, o += outBands) {
        const v = d[j];
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
      }
      return;
    }
    case 'I;16':
    case 'I;16B':
    case 'I':
    case 'F': {
      for (let i = 0, o = 0; i < n; i++, o += outBands) {
        const v = grayTo8(d[i]);
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
      }
      return;
    }
    case 'CMYK': {
      for (let i = 0, j = 0, o = 0; i < n; i++, j += 4, o += outBands) {
        const nk = 255 - d[j + 3];
        out[o] = clip8(nk - mulDiv255(d[j], nk));
        out[o + 1] = clip8(nk - mulDiv255(d[j + 1], nk));
        out[o + 2] = clip8(nk - mulDiv255(d[j + 2], nk));
      }
      return;
    }
  }
}

/**
 * A wide gray sample as Pillow's converters to 8 bits see it (`I16_L`, `i2l`, `f2l`): clipped
 * to 0..255; a float is truncated first, and NaN becomes 0.
 */
function grayTo8(v: number): number {
  if (!(v > 0)) return 0;
  return v >= 255 ? 255 : Math.trunc(v);
}

function clip8(v: number): number {
  return v <= 0 ? 0 : v < 256 ? v : 255;
}

/** Pillow `convert("RGB")`. */
export function toRgb(src: PillowImage): PillowImage {
  if (src.mode === 'RGB') return src;
  const out = blank(src, 'RGB');
  writeRgb(src, out.data as Uint8Array, 3);
  return out;
}

/**
 * Pillow `convert("RGBA")`: alpha kept from LA/RGBA, 255 for modes without alpha, except the
 * pixels equal to a transparency value (`info["transparency"]`), which become transparent.
 */
export function toRgba(src: PillowImage): PillowImage {
  if (src.mode === 'RGBA') return src;
  const out = blank(src, 'RGBA');
  const o = out.data as Uint8Array;
  writeRgb(src, o, 4);
  const n = src.width * src.height;
  if (src.mode === 'LA') {
    for (let i = 0; i < n; i++) o[i * 4 + 3] = src.data[i * 2 + 1];
  } else if (src.transparency !== undefined) {
    const t = src.transparency;
    for (let i = 0; i < n; i++) o[i * 4 + 3] = src.data[i] === t ? 0 : 255;
  } else {
    for (let i = 0; i < n; i++) o[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Pillow `convert("L")`: luma of RGB(A) (alpha ignored), the L band of LA, CMYK via RGB
 * (Pillow has no direct CMYK -> L converter and goes through its base mode RGB),
 * 16-bit gray clamped at 255 (`I16_L`).
 */
export function toL(src: PillowImage): PillowImage {
  if (src.mode === 'L') return src;
  const out = blank(src, 'L');
  const o = out.data as Uint8Array;
  const n = src.width * src.height;
  const d = src.data;
  if (src.mode === 'LA') {
    for (let i = 0; i < n; i++) o[i] = d[i * 2];
  } else if (src.mode === 'I;16' || src.mode === 'I;16B' || src.mode === 'I' || src.mode === 'F') {
    for (let i = 0; i < n; i++) o[i] = grayTo8(d[i]);
  } else {
    const rgb = src.mode === 'CMYK' ? toRgb(src) : src;
    const s = rgb.channels;
    const r = rgb.data;
    for (let i = 0, j = 0; i < n; i++, j += s) o[i] = luma(r[j], r[j + 1], r[j + 2]);
  }
  return out;
}

/**
 * The colour step of `keras.utils.load_img` (image_utils.py): grayscale keeps L and I;16 as
 * they are (so 16-bit gray stays 0..65535), and I (32-bit integers), and converts everything
 * else, I;16B and F included, to L; rgb and rgba
 * convert unless the image already has that mode.
 */
export function applyColorMode(img: PillowImage, colorMode: ColorMode): PillowImage {
  switch (colorMode) {
    case 'grayscale':
      return img.mode === 'L' || img.mode === 'I;16' || img.mode === 'I' ? img : toL(img);
    case 'rgb':
      return toRgb(img);
    case 'rgba':
      return toRgba(img);
    default:
      throw new TypeError(`colorMode must be "grayscale", "rgb" or "rgba", got ${JSON.stringify(colorMode)}`);
  }
}

/**
 * RGBA -> RGBa (premultiplied alpha; Convert.c `rgbA2rgba`), returned as a new array. `bands` is
 * 4, or 2 for LA -> La with the same formula (Keras never resizes LA: it converts first).
 */
export function premultiplyAlpha(data: Uint8Array, bands: number): Uint8Array {
  const out = new Uint8Array(data.length);
  const alpha = bands - 1;
  for (let i = 0; i < data.length; i += bands) {
    const a = data[i + alpha];
    for (let b = 0; b < alpha; b++) out[i + b] = mulDiv255(data[i + b], a);
    out[i + alpha] = a;
  }
  return out;
}

/**
 * RGBa -> RGBA (undo premultiplication; Convert.c `rgba2rgbA`): integer division, clipped;
 * alpha 0 and 255 leave the colour untouched. In place; `bands` as for `premultiplyAlpha`.
 */
export function unpremultiplyAlphaInPlace(data: Uint8Array, bands: number): void {
  const alpha = bands - 1;
  for (let i = 0; i < data.length; i += bands) {
    const a = data[i + alpha];
    if (a === 255 || a === 0) continue;
    for (let b = 0; b < alpha; b++) data[i + b] = clip8(((255 * data[i + b]) / a) | 0);
  }
}
