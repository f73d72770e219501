// Canvas 2D (browsers, node-canvas, OffscreenCanvas): `ctx.getImageData(...)` returns an ImageData whose
// `data` holds the drawn image as raw 8-bit RGBA samples.
import { pixels, type ObjectValue } from '../domain.js';

export function imageData(): ObjectValue {
  const data = pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 1 });
  return { kind: 'object', props: new Map([['data', () => data]]) };
}

/** Methods of a 2D context that read pixels. */
export function isPixelRead(method: string): boolean {
  return method === 'getImageData';
}
