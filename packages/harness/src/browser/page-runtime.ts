/// <reference lib="dom" />
/**
 * Runs in the page, bundled with the user's pipeline module (see bundle.ts). It hands each golden
 * image to the pipeline the way a web page gets it, counts the pipeline's tensors in the page's own
 * tfjs, and sends the output back to Node. It also decodes golden images with the browser's default
 * and explicit options, so the diagnosis in Node can replay the browser's own decode mistakes.
 */
import * as tf from '@tensorflow/tfjs';
import type { BrowserDecodeOptions, InputKind, PageDecoded, PageRunResult } from './protocol.js';
import { INPUT_KINDS } from './protocol.js';

type PipelineModule = Record<string, unknown>;
type PageFunction = (input: unknown, context: { file: string }) => unknown;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function findFunction(mod: PipelineModule, exportName: string | null): PageFunction | string {
  const names = exportName ? [exportName] : ['default', 'pipeline'];
  for (const name of names) if (typeof mod[name] === 'function') return mod[name] as PageFunction;
  return `no function export ${names.map((n) => `"${n}"`).join(' or ')} (exports: ${Object.keys(mod).join(', ') || 'none'})`;
}

/** `export const input = ...` wins; else the parameter's name (bitmap, canvas, blob, bytes); else an <img>. */
function inputKind(mod: PipelineModule, fn: PageFunction): InputKind | string {
  if (mod.input !== undefined) {
    return INPUT_KINDS.includes(mod.input as InputKind) ? (mod.input as InputKind) : `export "input" is ${JSON.stringify(mod.input)}; use one of ${INPUT_KINDS.join(', ')}`;
  }
  const param = /^[^(]*\(\s*([A-Za-z_$][\w$]*)/.exec(fn.toString())?.[1]?.toLowerCase() ?? '';
  return INPUT_KINDS.find((kind) => kind !== 'image' && param.includes(kind)) ?? 'image';
}

async function loadImage(blob: Blob): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = URL.createObjectURL(blob);
  await img.decode();
  return img;
}

/** The image as the pipeline declared it wants it, each made with the browser's default options. */
async function makeInput(kind: InputKind, blob: Blob): Promise<unknown> {
  switch (kind) {
    case 'blob':
      return blob;
    case 'bytes':
      return new Uint8Array(await blob.arrayBuffer());
    case 'bitmap':
      return createImageBitmap(blob);
    case 'canvas': {
      const img = await loadImage(blob);
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')!.drawImage(img, 0, 0);
      URL.revokeObjectURL(img.src);
      return canvas;
    }
    case 'image':
      return loadImage(blob);
  }
}

function isTensor(x: unknown): x is tf.Tensor {
  return typeof x === 'object' && x !== null && 'dataSync' in x && 'shape' in x && 'dtype' in x;
}

function encodeOutput(output: unknown): Pick<PageRunResult, 'output'>['output'] {
  if (isTensor(output)) {
    if (output.dtype === 'string' || output.dtype === 'complex64') return { kind: 'tensor', dtype: output.dtype, shape: [...output.shape], base64: '' };
    const values = Float32Array.from(output.dataSync() as ArrayLike<number>);
    return { kind: 'tensor', dtype: output.dtype, shape: [...output.shape], base64: toBase64(new Uint8Array(values.buffer)) };
  }
  if (typeof output === 'object' && output !== null && 'data' in output && 'shape' in output) {
    const { data, shape } = output as { data: unknown; shape: unknown };
    const numeric = ArrayBuffer.isView(data) || (Array.isArray(data) && data.every((v) => typeof v === 'number'));
    const dtype = data instanceof Float32Array ? 'float32' : Array.isArray(data) ? 'number[]' : ((data as object | null)?.constructor?.name ?? typeof data);
    const values = numeric ? Float32Array.from(data as ArrayLike<number>) : new Float32Array(0);
    return { kind: 'pixels', dtype, numeric, shape: Array.isArray(shape) ? (shape as number[]) : [], base64: toBase64(new Uint8Array(values.buffer)) };
  }
  return { kind: 'other', type: output === null ? 'null' : typeof output };
}

/** Exact RGBA of a decoded image: WebGL uploads without premultiplying (a 2D canvas always premultiplies). */
function readExact(source: TexImageSource, width: number, height: number, colourManaged: boolean): Uint8ClampedArray<ArrayBuffer> {
  const canvas = new OffscreenCanvas(width, height);
  const gl = canvas.getContext('webgl2', { premultipliedAlpha: false });
  if (!gl) throw new Error('WebGL2 is not available in this browser');
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, colourManaged ? gl.BROWSER_DEFAULT_WEBGL : gl.NONE);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, source);
  const framebuffer = gl.createFramebuffer();
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const out = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return out;
}

/**
 * The golden image as the browser decodes it with these options. Chromium always applies the EXIF
 * orientation of a decoded image (imageOrientation: 'none' is read as 'from-image' since the spec
 * change), so `orientation` is what every browser decode does.
 */
async function decode(url: string, options: BrowserDecodeOptions): Promise<PageDecoded> {
  const blob = await (await fetch(url)).blob();
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: options.icc ? 'default' : 'none', premultiplyAlpha: 'none' });
  let { width, height } = bitmap;
  let rgba = readExact(bitmap, width, height, options.icc);
  bitmap.close();
  if (options.premultiply || options.resize) {
    // A 2D canvas stores premultiplied colour: drawing and reading back loses it where alpha is low.
    const source = await createImageBitmap(new ImageData(rgba, width, height));
    const [h, w] = options.resize ? [options.resize.height, options.resize.width] : [height, width];
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    if (options.resize) ctx.imageSmoothingQuality = options.resize.quality;
    ctx.drawImage(source, 0, 0, w, h);
    rgba = ctx.getImageData(0, 0, w, h).data;
    [width, height] = [w, h];
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { width, height, base64: toBase64(rgb) };
}

async function run(mod: PipelineModule, exportName: string | null, url: string, file: string): Promise<PageRunResult> {
  const fn = findFunction(mod, exportName);
  if (typeof fn === 'string') return { error: { name: 'PipelineLoadError', message: fn }, leaked: 0, ms: 0 };
  const kind = inputKind(mod, fn);
  if (!INPUT_KINDS.includes(kind as InputKind)) return { error: { name: 'PipelineLoadError', message: kind }, leaked: 0, ms: 0 };
  const blob = await (await fetch(url)).blob();
  const input = await makeInput(kind as InputKind, blob);
  const before = tf.memory().numTensors;
  const start = performance.now();
  let output: unknown;
  try {
    output = await fn(input, { file });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { error: { name: e.name, message: e.message }, leaked: 0, ms: performance.now() - start };
  }
  const ms = performance.now() - start;
  const leaked = tf.memory().numTensors - before - (isTensor(output) ? 1 : 0);
  try {
    return { output: encodeOutput(output), inputKind: kind as InputKind, leaked, ms };
  } finally {
    if (isTensor(output)) output.dispose();
    if (input instanceof ImageBitmap) input.close();
    if (input instanceof HTMLImageElement) URL.revokeObjectURL(input.src);
  }
}

/** Installs `window.prepguard` for the Node side (called by the bundle's entry with the pipeline module). */
export function install(mod: PipelineModule): void {
  (window as unknown as { prepguard: unknown }).prepguard = {
    backend: async () => {
      await tf.ready();
      return tf.getBackend();
    },
    /** Why the module cannot run (no such export, a bad `input`), or null. */
    describe: async (exportName: string | null) => {
      const fn = findFunction(mod, exportName);
      if (typeof fn === 'string') return fn;
      const kind = inputKind(mod, fn);
      return INPUT_KINDS.includes(kind as InputKind) ? null : kind;
    },
    run: (exportName: string | null, url: string, file: string) => run(mod, exportName, url, file),
    decode,
  };
}
