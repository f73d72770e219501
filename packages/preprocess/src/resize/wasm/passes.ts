/**
 * The 8-bit convolution passes run by the WebAssembly SIMD kernel (convolve.wat). Same inputs,
 * same bytes as the TypeScript passes in ../convolution.ts, about 4 samples per instruction.
 *
 * The module is compiled synchronously once, on first use: it is a few hundred bytes, and a
 * synchronous resize API cannot wait for `WebAssembly.instantiate`. Each pass copies its input
 * rows, weights and tap offsets into the module's memory, runs, and copies the result out, so
 * nothing outlives a call except the memory itself (grown to the largest image seen).
 */
import type { AxisCoefficients } from '../coefficients.js';
import { CONVOLVE_WASM_BASE64 } from './convolve-wasm.js';

/*
 * The slice of the WebAssembly JS API used here, typed locally: the project compiles without
 * the DOM lib and its @types/node does not declare the namespace. Reading it off globalThis
 * also covers hosts that lack it.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface ConvolveExports {
  memory: WasmMemory;
  horizontal(
    src: number, srcStride: number, rows: number, outW: number, bands: number,
    weights: number, ksize: number, start: number, count: number, out: number,
  ): void;
  vertical(
    src: number, srcStride: number, outH: number, rowBytes: number,
    weights: number, ksize: number, start: number, count: number, out: number,
  ): void;
}

/** The kernel reads and writes up to this many bytes past its source and output arrays. */
const SLACK = 16;
const WASM_PAGE = 65536;

let kernel: ConvolveExports | null | undefined;

/** The kernel, or null where WebAssembly or its SIMD extension is missing (callers fall back). */
function loadKernel(): ConvolveExports | null {
  if (kernel !== undefined) return kernel;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  kernel = null;
  if (!api) return kernel;
  try {
    // Throws where SIMD128 is not supported: the module then fails validation.
    const module = new api.Module(Buffer.from(CONVOLVE_WASM_BASE64, 'base64'));
    kernel = new api.Instance(module).exports as ConvolveExports;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether the WebAssembly passes can run here: 8-bit images of 1..4 bands. */
export function wasmPassesAvailable(bands: number): boolean {
  return bands >= 1 && bands <= 4 && loadKernel() !== null;
}

/** Lays arrays out one after another in the kernel's memory, 16-byte aligned. */
class MemoryLayout {
  private end = 0;

  /** Reserves `bytes` (plus slack) and returns their address. */
  place(bytes: number): number {
    const at = this.end;
    this.end = at + Math.ceil((bytes + SLACK) / 16) * 16;
    return at;
  }

  /**
   * Grows the memory to hold everything placed and returns its (possibly new) buffer, or null
   * when it cannot grow that far (4 GiB address space, or the host refuses).
   */
  commit(memory: WasmMemory): ArrayBuffer | null {
    const missing = this.end - memory.buffer.byteLength;
    if (missing > 0) {
      try {
        memory.grow(Math.ceil(missing / WASM_PAGE));
      } catch {
        return null;
      }
    }
    return memory.buffer;
  }
}

/** Room for the tap table of `c`: int32 weights, then per output the first tap's offset and the tap count. */
function placeTaps(layout: MemoryLayout, c: AxisCoefficients, outSize: number) {
  return {
    weights: layout.place(c.weights.length * 4),
    start: layout.place(outSize * 4),
    count: layout.place(outSize * 4),
  };
}

function writeTaps(
  buffer: ArrayBuffer,
  at: { weights: number; start: number; count: number },
  fixedWeights: Float64Array,
  c: AxisCoefficients,
  startOf: (i: number) => number,
  outSize: number,
): void {
  // Int32Array.set converts the integer-valued doubles exactly.
  new Int32Array(buffer, at.weights, fixedWeights.length).set(fixedWeights);
  const start = new Int32Array(buffer, at.start, outSize);
  for (let i = 0; i < outSize; i++) start[i] = startOf(i);
  new Int32Array(buffer, at.count, outSize).set(c.count.subarray(0, outSize));
}

/**
 * Horizontal pass over `rows` source rows from `rowOffset`; output pixel x reads from source
 * column `first[x] - colShift`. Returns outW * rows * bands bytes, or null when the image
 * does not fit the kernel's memory (the caller then runs the TypeScript pass).
 */
export function wasmHorizontal8(
  data: Uint8Array,
  srcWidth: number,
  bands: number,
  rowOffset: number,
  rows: number,
  c: AxisCoefficients,
  fixedWeights: Float64Array,
  outW: number,
  colShift: number,
): Uint8Array | null {
  const k = loadKernel()!;
  const srcStride = srcWidth * bands;
  const srcBytes = rows * srcStride;
  const outBytes = outW * rows * bands;
  const layout = new MemoryLayout();
  const src = layout.place(srcBytes);
  const taps = placeTaps(layout, c, outW);
  const out = layout.place(outBytes);
  const buffer = layout.commit(k.memory);
  if (!buffer) return null;

  const firstRow = rowOffset * srcStride;
  new Uint8Array(buffer, src, srcBytes).set(data.subarray(firstRow, firstRow + srcBytes));
  writeTaps(buffer, taps, fixedWeights, c, (x) => (c.first[x] - colShift) * bands, outW);
  k.horizontal(src, srcStride, rows, outW, bands, taps.weights, c.ksize, taps.start, taps.count, out);
  return new Uint8Array(buffer, out, outBytes).slice();
}

/**
 * Vertical pass: output row y reads source rows from `first[y] - rowShift`, columns
 * `colStart .. colStart + cols`. Returns outH * cols * bands bytes, or null as above.
 */
export function wasmVertical8(
  data: Uint8Array,
  srcWidth: number,
  bands: number,
  rowShift: number,
  c: AxisCoefficients,
  fixedWeights: Float64Array,
  outH: number,
  colStart: number,
  cols: number,
): Uint8Array | null {
  const k = loadKernel()!;
  const srcStride = srcWidth * bands;
  const rowBytes = cols * bands;
  const outBytes = outH * rowBytes;
  const layout = new MemoryLayout();
  const src = layout.place(data.length);
  const taps = placeTaps(layout, c, outH);
  const out = layout.place(outBytes);
  const buffer = layout.commit(k.memory);
  if (!buffer) return null;

  new Uint8Array(buffer, src, data.length).set(data);
  const colOffset = colStart * bands;
  writeTaps(buffer, taps, fixedWeights, c, (y) => (c.first[y] - rowShift) * srcStride + colOffset, outH);
  k.vertical(src, srcStride, outH, rowBytes, taps.weights, c.ksize, taps.start, taps.count, out);
  return new Uint8Array(buffer, out, outBytes).slice();
}
