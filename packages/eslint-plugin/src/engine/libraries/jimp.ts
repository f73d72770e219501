// Jimp (pure-JS image library): what its images hold and how code reads pixels out of them.
// A Jimp image keeps decoded 8-bit RGBA samples in `image.bitmap.data`; `scan(x, y, w, h, fn)` calls `fn`
// with `this` bound to the image and `idx` the offset of the pixel's red sample; `Jimp.intToRGBA(
// image.getPixelColor(x, y))` gives `{ r, g, b, a }` in 0..255.
import { pixels, type ImageObjectValue, type ObjectValue, type PixelValue, type Value } from '../domain.js';

export const JIMP_PACKAGES = ['jimp', 'jimp/es', '@jimp/custom'];

/** Calls on the module that yield an image (`Jimp.read(path)`, `Jimp.create(w, h)`, `new Jimp(...)`), and the colour helper. */
export const JIMP_FUNCTIONS = ['read', 'create', 'intToRGBA', 'Jimp.read', 'Jimp.create', 'Jimp.intToRGBA'];

/** Image methods that return the (same, transformed) image: Jimp mutates and returns `this`. */
const IMAGE_METHODS = new Set([
  'resize', 'crop', 'cover', 'contain', 'scale', 'scaleToFit', 'clone', 'quality', 'background', 'rgba', 'then',
]);
/** Methods that encode the image (PNG/JPEG bytes). */
const ENCODING_METHODS = new Set(['getBufferAsync', 'getBuffer', 'getBase64Async', 'getBase64']);
/** Methods whose callback gets `this` = the image (and the pixel offset `idx` as third argument). */
export const SCAN_METHODS = new Set(['scan', 'scanQuiet', 'scanIterator']);

export function jimpImage(): ImageObjectValue {
  return { kind: 'image', library: 'jimp', loadIssues: [] };
}

/** The bitmap's samples: raw RGBA bytes straight from the decoder. */
function bitmapData(image: ImageObjectValue): PixelValue {
  return pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 1, loadIssues: image.loadIssues });
}

/** `Jimp.intToRGBA(colour)`: one pixel's channels as raw values, each with the channel it reads. */
export function rgbaObject(): ObjectValue {
  const channel = (offset: number) => () => ({ ...pixels({ range: 'raw', order: 'RGB', fromSource: true }), elementOffset: offset });
  return { kind: 'object', props: new Map([['r', channel(0)], ['g', channel(1)], ['b', channel(2)], ['a', channel(3)]]) };
}

export function jimpCall(name: string): Value | undefined {
  if (name.endsWith('intToRGBA')) return rgbaObject();
  return jimpImage();
}

export function jimpProperty(image: ImageObjectValue, key: string): Value | undefined {
  if (key === 'bitmap') return { kind: 'object', props: new Map([['data', () => bitmapData(image)]]) };
  return undefined;
}

export function jimpMethod(image: ImageObjectValue, method: string): Value | undefined {
  if (IMAGE_METHODS.has(method)) return image;
  if (ENCODING_METHODS.has(method)) return { kind: 'encoded', loadIssues: image.loadIssues };
  if (method === 'getPixelColor' || method === 'getPixelColour') return { ...bitmapData(image), elementOffset: undefined };
  return undefined;
}
