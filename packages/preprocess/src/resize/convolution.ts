/**
 * Pillow's separable convolution resize (Resample.c `ImagingResampleInner`): a horizontal pass
 * over only the source rows the vertical pass will read, rounded back to the image's own pixel
 * type, then a vertical pass over that intermediate. 8-bit images use 22-bit fixed-point
 * weights; `I;16` uses double weights, rounded half away from zero and clamped to 0..65535
 */
import { fixedPointWeights, precomputeCoefficients, PRECISION_BITS, type AxisCoefficients } from './coefficients.js';
import type { ResampleFilter } from './filters.js';
import { wasmHorizontal8, wasmPassesAvailable, wasmVertical8 } from './wasm/passes.js';

/** Interleaved pixels of one image plane set. */
export interface Raster<T extends Uint8Array | Uint16Array | Int32Array> {
  data: T;
  width: number;
  height: number;
  channels: number;
}

/** Source region [left, top, right, bottom] in source pixels (Pillow's `box`). */
export type Box = readonly [number, number, number, number];

const HALF = 1 << (PRECISION_BITS - 1);

/** `clip8(acc)`: arithmetic shift then clamp to 0..255 (Pillow uses a lookup table). */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/*
 * The 8-bit passes run in WebAssembly SIMD (./wasm) where available; the TypeScript passes
 * below give the same bytes and stay as the fallback for hosts without it.
 *
 * The inner loops of both 8-bit passes. `convolveN` sums sample x weight over the taps
 * `kp..kEnd` for N neighbouring samples from `p` (the source moving `step` per tap) and stores
 * the clipped sums at `out[o..o+N)`: one weight load serves every lane and the sums stay in
 * registers. The horizontal pass uses them per output pixel (N = bands, step = pixel size), the
 * vertical pass per 4 columns (step = row stride), walking a few adjacent columns down the rows
 * rather than keeping a row of accumulators in memory. They are separate small functions, not
 * one with a lane-count switch, so that V8 inlines them into the pixel loops.
 */
function convolve1(
  s: Uint8Array,
  p: number,
  step: number,
  k: Float64Array,
  kp: number,
  kEnd: number,
  out: Uint8Array,
  o: number,
): void {
  let a0 = HALF;
  for (; kp < kEnd; kp++, p += step) a0 += s[p] * k[kp];
  out[o] = clip8(a0);
}

function convolve3(
  s: Uint8Array,
  p: number,
  step: number,
  k: Float64Array,
  kp: number,
  kEnd: number,
  out: Uint8Array,
  o: number,
): void {
  let a0 = HALF;
  let a1 = HALF;
  let a2 = HALF;
  // Two taps per iteration halve the loop's fixed cost (V8 re-checks the arrays every turn);
  // the sums are exact integers, so their order does not matter. (The RGB horizontal pass is
  // the hot loop; unrolling convolve4 measured no gain.)
  for (; kp + 1 < kEnd; kp += 2, p += 2 * step) {
    const w = k[kp];
    const v = k[kp + 1];
    const q = p + step;
    a0 += s[p] * w + s[q] * v;
    a1 += s[p + 1] * w + s[q + 1] * v;
    a2 += s[p + 2] * w + s[q + 2] * v;
  }
  if (kp < kEnd) {
    const w = k[kp];
    a0 += s[p] * w;
    a1 += s[p + 1] * w;
    a2 += s[p + 2] * w;
  }
  out[o] = clip8(a0);
  out[o + 1] = clip8(a1);
  out[o + 2] = clip8(a2);
}

function convolve4(
  s: Uint8Array,
  p: number,
  step: number,
  k: Float64Array,
  kp: number,
  kEnd: number,
  out: Uint8Array,
  o: number,
): void {
  let a0 = HALF;
  let a1 = HALF;
  let a2 = HALF;
  let a3 = HALF;
  for (; kp < kEnd; kp++, p += step) {
    const w = k[kp];
    a0 += s[p] * w;
    a1 += s[p + 1] * w;
    a2 += s[p + 2] * w;
    a3 += s[p + 3] * w;
  }
  out[o] = clip8(a0);
  out[o + 1] = clip8(a1);
  out[o + 2] = clip8(a2);
  out[o + 3] = clip8(a3);
}

function horizontal8(
  src: Raster<Uint8Array>,
  rowOffset: number,
  rows: number,
  c: AxisCoefficients,
  outW: number,
  colShift: number,
): Uint8Array {
  const k = fixedPointWeights(c);
  const ch = src.channels;
  if (wasmPassesAvailable(ch)) {
    const viaWasm = wasmHorizontal8(src.data, src.width, ch, rowOffset, rows, c, k, outW, colShift);
    if (viaWasm) return viaWasm;
  }
  const inStride = src.width * ch;
  const out = new Uint8Array(outW * rows * ch);
  const s = src.data;
  const { first, count, ksize } = c;
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const rowBase = (y + rowOffset) * inStride;
    for (let xx = 0; xx < outW; xx++, o += ch) {
      const kp = xx * ksize;
      const kEnd = kp + count[xx];
      const p = rowBase + (first[xx] - colShift) * ch;
      if (ch === 3) convolve3(s, p, 3, k, kp, kEnd, out, o);
      else if (ch === 4) convolve4(s, p, 4, k, kp, kEnd, out, o);
      else for (let b = 0; b < ch; b++) convolve1(s, p + b, ch, k, kp, kEnd, out, o + b);
    }
  }
  return out;
}

function vertical8(
  src: Raster<Uint8Array>,
  rowShift: number,
  c: AxisCoefficients,
  outH: number,
  colStart: number,
  cols: number,
): Uint8Array {
  const k = fixedPointWeights(c);
  if (wasmPassesAvailable(src.channels)) {
    const viaWasm = wasmVertical8(src.data, src.width, src.channels, rowShift, c, k, outH, colStart, cols);
    if (viaWasm) return viaWasm;
  }
  const inStride = src.width * src.channels;
  const stride = cols * src.channels;
  const colOffset = colStart * src.channels;
  const out = new Uint8Array(outH * stride);
  const s = src.data;
  const { first, count, ksize } = c;
  const wholeQuads = stride - (stride % 4);
  for (let yy = 0; yy < outH; yy++) {
    const kp = yy * ksize;
    const kEnd = kp + count[yy];
    const p = (first[yy] - rowShift) * inStride + colOffset;
    const o = yy * stride;
    let i = 0;
    for (; i < wholeQuads; i += 4) convolve4(s, p + i, inStride, k, kp, kEnd, out, o + i);
    for (; i < stride; i++) convolve1(s, p + i, inStride, k, kp, kEnd, out, o + i);
  }
  return out;
}

/** `ROUND_UP` (half away from zero) then clamp to the I;16 range. */
function store16(ss: number): number {
  const v = Math.trunc(ss >= 0 ? ss + 0.5 : ss - 0.5);
  return v < 0 ? 0 : v > 65535 ? 65535 : v;
}

/** `ROUND_UP` into a 32-bit integer (mode I keeps negatives and values above 65535). */
function store32(ss: number): number {
  const v = Math.trunc(ss >= 0 ? ss + 0.5 : ss - 0.5);
  return v < -2147483648 ? -2147483648 : v > 2147483647 ? 2147483647 : v;
}

type Wide = Uint16Array | Int32Array;
const storeFor = (a: Wide): ((ss: number) => number) => (a instanceof Int32Array ? store32 : store16);

/** The double-precision pass Pillow uses for I;16 and I (one band). */
function horizontalWide<T extends Wide>(
  src: Raster<T>,
  rowOffset: number,
  rows: number,
  c: AxisCoefficients,
  outW: number,
  colShift: number,
): T {
  const out = new (src.data.constructor as { new (n: number): T })(outW * rows);
  const store16 = storeFor(out);
  const s = src.data;
  const { first, count, ksize, weights } = c;
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const rowBase = (y + rowOffset) * src.width;
    for (let xx = 0; xx < outW; xx++) {
      const n = count[xx];
      const kBase = xx * ksize;
      const p = rowBase + first[xx] - colShift;
      let ss = 0.0;
      for (let x = 0; x < n; x++) ss += s[p + x] * weights[kBase + x];
      out[o++] = store16(ss);
    }
  }
  return out;
}

function verticalWide<T extends Wide>(
  src: Raster<T>,
  rowShift: number,
  c: AxisCoefficients,
  outH: number,
  colStart: number,
  cols: number,
): T {
  const inW = src.width;
  const w = cols;
  const out = new (src.data.constructor as { new (n: number): T })(outH * w);
  const store16 = storeFor(out);
  const s = src.data;
  const { first, count, ksize, weights } = c;
  for (let yy = 0; yy < outH; yy++) {
    const n = count[yy];
    const kBase = yy * ksize;
    const rowBase = (first[yy] - rowShift) * inW + colStart;
    for (let xx = 0; xx < w; xx++) {
      let ss = 0.0;
      for (let y = 0; y < n; y++) ss += s[rowBase + y * inW + xx] * weights[kBase + y];
      out[yy * w + xx] = store16(ss);
    }
  }
  return out;
}

/**
 * Pass order of Pillow 13 (python-pillow/Pillow#9549, in `ImagingResampleInner`): the vertical
 * pass runs first when the image loses more than twice as many rows as columns. The order
 * matters because the intermediate image is rounded to the pixel type. The rule is stated on
 * the whole image's size, not the box; we established it by comparing both orders against
 * Pillow 13.0.0 on 900 random size/box pairs (see docs/keras-parity.md).
 */
export function verticalFirst(inW: number, inH: number, outW: number, outH: number): boolean {
  return outH < inH && inH - outH > 2 * (inW - outW);
}

/**
 * Resizes `src` to outW x outH over `box` with a convolution filter, exactly as Pillow's
 * `ImagingResample`. 8-bit rasters may have any band count (bands are independent);
 * 16-bit rasters must have one band (`I;16`).
 */
export function convolutionResize<T extends Uint8Array | Uint16Array | Int32Array>(
  src: Raster<T>,
  outW: number,
  outH: number,
  filter: ResampleFilter,
  box: Box,
): T {
  const is16 = !(src.data instanceof Uint8Array);
  if (is16 && src.channels !== 1) throw new TypeError('16- and 32-bit resize supports one band (I;16, I) only');
  const [b0, b1, b2, b3] = box.map(Math.fround) as unknown as [number, number, number, number];
  // Pillow compares the box's far edge with the OUTPUT size here; reproduced as written.
  const needHorizontal = outW !== src.width || b0 !== 0 || b2 !== outW;
  const needVertical = outH !== src.height || b1 !== 0 || b3 !== outH;

  const horiz = precomputeCoefficients(src.width, b0, b2, outW, filter);
  const vert = precomputeCoefficients(src.height, b1, b3, outH, filter);

  const horizontal = (r: Raster<Uint8Array | Wide>, rowOffset: number, rows: number, colShift: number) =>
    is16
      ? horizontalWide(r as Raster<Wide>, rowOffset, rows, horiz, outW, colShift)
      : horizontal8(r as Raster<Uint8Array>, rowOffset, rows, horiz, outW, colShift);
  const vertical = (r: Raster<Uint8Array | Wide>, rowShift: number, colStart: number, cols: number) =>
    is16
      ? verticalWide(r as Raster<Wide>, rowShift, vert, outH, colStart, cols)
      : vertical8(r as Raster<Uint8Array>, rowShift, vert, outH, colStart, cols);

  let current: Raster<Uint8Array | Wide> = src;
  if (needHorizontal && needVertical && verticalFirst(src.width, src.height, outW, outH)) {
    // Only the source columns the horizontal pass will read.
    const xFirst = horiz.first[0];
    const xLast = horiz.first[outW - 1] + horiz.count[outW - 1];
    const cols = xLast - xFirst;
    current = { data: vertical(src, 0, xFirst, cols), width: cols, height: outH, channels: src.channels };
    return horizontal(current, 0, outH, xFirst) as T;
  }

  let rowShift = 0;
  if (needHorizontal) {
    // Only the source rows the vertical pass will read.
    const yFirst = vert.first[0];
    const yLast = vert.first[outH - 1] + vert.count[outH - 1];
    const rows = yLast - yFirst;
    current = { data: horizontal(src, yFirst, rows, 0), width: outW, height: rows, channels: src.channels };
    rowShift = yFirst;
  }
  if (needVertical) return vertical(current, rowShift, 0, current.width) as T;
  return (current === src ? src.data.slice() : current.data) as T;
}
