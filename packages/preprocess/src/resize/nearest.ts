/**
 * Pillow's NEAREST resize: `_resize` maps it to an affine transform (Geometry.c
 * `ImagingTransformAffine`), which takes one of two routes with different rounding:
 * - 8-bit modes: `ImagingScaleAffine`, where the source coordinate is ACCUMULATED
 *   (`xo += a0`, starting at box0 + a0/2) in doubles;
 * - `I;16` (a "special" pixel type): `ImagingGenericTransform` with `nearest_filter16`, where each
 *   coordinate is computed directly as `a0 * (x + 0.5) + box0`.
 * The two disagree whenever the accumulated sum drifts below an integer.
 */
import type { Box, Raster } from './convolution.js';

/** C's `COORD(v)`: -1 for negatives, else truncation. */
function coord(v: number): number {
  return v < 0 ? -1 : Math.trunc(v);
}

/** Source index for every output position along one axis. */
function sourceIndices(b0: number, b1: number, outSize: number, accumulate: boolean): Int32Array {
  // The box is a C float array; its width is a float subtraction, widened to double.
  const start = Math.fround(b0);
  const a = Math.fround(Math.fround(b1) - start) / outSize;
  const idx = new Int32Array(outSize);
  if (accumulate) {
    let pos = start + a * 0.5;
    for (let i = 0; i < outSize; i++) {
      idx[i] = coord(pos);
      pos += a;
    }
  } else {
    for (let i = 0; i < outSize; i++) idx[i] = coord(a * (i + 0.5) + start);
  }
  return idx;
}

/** Nearest-neighbour resize of `src` over `box` to outW x outH, Pillow-exact. */
export function nearestResize<T extends Uint8Array | Uint16Array | Int32Array>(
  src: Raster<T>,
  outW: number,
  outH: number,
  box: Box,
): T {
  // I;16 is Pillow's "special" pixel type (generic transform); 8-bit and I (INT32) accumulate.
  const accumulate = !(src.data instanceof Uint16Array);
  const xs = sourceIndices(box[0], box[2], outW, accumulate);
  const ys = sourceIndices(box[1], box[3], outH, accumulate);
  const ch = src.channels;
  const out = new (src.data.constructor as { new (n: number): T })(outW * outH * ch);
  const s = src.data;
  const inStride = src.width * ch;
  let o = 0;
  for (let y = 0; y < outH; y++) {
    const sy = ys[y];
    const row = sy * inStride;
    // Pillow leaves pixels whose source lies outside the image at the fill value (0);
    // a valid box never produces them, but we keep the same behaviour.
    const rowValid = sy >= 0 && sy < src.height;
    if (!rowValid) {
      o += outW * ch;
      continue;
    }
    // Upscaling repeats source rows: the output row is then a copy of the one above.
    if (y > 0 && sy === ys[y - 1]) {
      out.copyWithin(o, o - outW * ch, o);
      o += outW * ch;
      continue;
    }
    // The common band counts unrolled: this copy is the whole cost of a nearest resize.
    if (ch === 3) {
      for (let x = 0; x < outW; x++, o += 3) {
        const sx = xs[x];
        if (sx < 0 || sx >= src.width) continue;
        const p = row + sx * 3;
        out[o] = s[p];
        out[o + 1] = s[p + 1];
        out[o + 2] = s[p + 2];
      }
      continue;
    }
    if (ch === 1) {
      for (let x = 0; x < outW; x++, o++) {
        const sx = xs[x];
        if (sx >= 0 && sx < src.width) out[o] = s[row + sx];
      }
      continue;
    }
    for (let x = 0; x < outW; x++) {
      const sx = xs[x];
      if (sx >= 0 && sx < src.width) {
        const p = row + sx * ch;
        for (let b = 0; b < ch; b++) out[o + b] = s[p + b];
      }
      o += ch;
    }
  }
  return out;
}
