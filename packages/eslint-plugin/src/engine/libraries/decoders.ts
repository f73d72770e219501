// Pure-JS image decoders: `jpeg-js` (`jpeg.decode(bytes, { useTArray })`) and `pngjs` (`PNG.sync.read(bytes)`)
// return `{ width, height, data }` with `data` the decoded 8-bit RGBA samples.
import { pixels, type ObjectValue, type Value } from '../domain.js';

export const DECODER_CALLS: Record<string, string[]> = {
  'jpeg-js': ['decode'],
  pngjs: ['PNG.sync.read'],
};

/** `{ data }` of a decoded image; `encoded` carries the load issues of how the bytes were made. */
export function decodedImage(encoded: Value | undefined): ObjectValue {
  const loadIssues = encoded?.kind === 'encoded' ? encoded.loadIssues : [];
  const data = pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 1, loadIssues });
  return { kind: 'object', props: new Map([['data', () => data]]) };
}
