import { compareInput, compareLayer, compareTop1, compareTopK, topKIndices } from '../src/compare/compare.js';
import { DEFAULT_TOLERANCE, resolveTolerance } from '../src/compare/tolerance.js';
import { float32LeBytes, float32Sha256 } from '../src/hash.js';
import { absError, channelStats, cosineSimilarity, layerStats } from '../src/stats.js';

const f32 = { name: 'wasm', float32: true };
const f16 = { name: 'webgl', float32: false };
const tol = resolveTolerance({}, f32);

describe('statistics', () => {
  test('layerStats: population std, L2, zero fraction, channel means over the last axis', () => {
    // shape [2, 2] = two positions × two channels: [[0, 2], [4, 6]]
    const s = layerStats(new Float32Array([0, 2, 4, 6]), [2, 2]);
    expect(s.mean).toBe(3);
    expect(s.std).toBeCloseTo(Math.sqrt(5), 12); // numpy.std([0,2,4,6]) = 2.2360679...
    expect(s.l2).toBeCloseTo(Math.sqrt(56), 12);
    expect(s.zeroFraction).toBe(0.25);
    expect(s.channelMean).toEqual([2, 4]);
    expect([s.min, s.max]).toEqual([0, 6]);
  });

  test('channelStats per channel of a channels-last array', () => {
    const c = channelStats(new Float32Array([1, 10, 3, 30]), 2);
    expect(c).toEqual({ mean: [2, 20], std: [1, 10], min: [1, 10], max: [3, 30] });
  });

  test('cosine similarity and abs error', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([0, 0], [0, 0])).toBe(1);
    expect(absError([1, 2, 3], [1, 4, 2])).toEqual({ maxAbsError: 2, meanAbsError: 1 });
  });

  test('float32 hashes use little-endian bytes', () => {
    expect([...float32LeBytes(new Float32Array([1]))]).toEqual([0, 0, 0x80, 0x3f]);
    // hashlib.sha256(struct.pack('<2f', 1.0, -2.5)).hexdigest() in Python
    expect(float32Sha256(new Float32Array([1, -2.5]))).toBe('48943f7a0ea247f8e3c9386d0c5822fe181d323a9289980426638cc4e72a43e1');
  });
});

describe('comparisons', () => {
  const ref = [
    { index: 3, label: null, probability: 0.5 },
    { index: 1, label: null, probability: 0.2 },
    { index: 0, label: null, probability: 0.15 },
    { index: 4, label: null, probability: 0.1 },
    { index: 2, label: null, probability: 0.05 },
  ];

  test('top-k indices: largest first, ties by lower index', () => {
    expect(topKIndices([0.1, 0.3, 0.3, 0.05], 3)).toEqual([1, 2, 0]);
  });

  test('top-1 must be equal, except within the tie margin of the reference', () => {
    expect(compareTop1(ref, [0.15, 0.2, 0.05, 0.5, 0.1], null, tol).pass).toBe(true);
    expect(compareTop1(ref, [0.15, 0.5, 0.05, 0.2, 0.1], null, tol).pass).toBe(false);
    const tied = [{ ...ref[0]!, probability: 0.3 }, { ...ref[1]!, probability: 0.3 - 1e-7 }];
    const r = compareTop1(tied, [0, 0.31, 0, 0.3], null, tol);
    expect(r.tie).toBe(true);
    expect(r.pass).toBe(true);
  });

  test('top-k overlap is a fraction of the reference top-k', () => {
    const cand = [0.3, 0.2, 0.0, 0.25, 0.01, 0.24]; // top-5: 0, 3, 5, 1, 4 → shares 3,1,0,4 with ref
    const r = compareTopK(ref, cand, null, tol);
    expect(r.overlap).toBe(0.8);
    expect(r.pass).toBe(true);
    expect(compareTopK(ref, cand, null, { ...tol, minTopKOverlap: 1 }).pass).toBe(false);
  });

  test('layer stats fail only past both the absolute and the relative limit; cosine of channel means', () => {
    const base = layerStats(new Float32Array([1, 2, 3, 4]), [2, 2]);
    const near = layerStats(new Float32Array([1.01, 2, 3, 4.02]), [2, 2]);
    const far = layerStats(new Float32Array([2, 4, 6, 8]), [2, 2]);
    expect(compareLayer(base, near, tol).pass).toBe(true);
    const f = compareLayer(base, far, tol);
    expect(f.pass).toBe(false);
    expect(f.relError.mean).toBeCloseTo(1, 12);
    expect(f.minimumPassing.layerRelError).toBeCloseTo(1, 12);
    expect(f.channelMeanCosine).toBeCloseTo(1, 12); // scaled, same direction
    const rotated = compareLayer(base, layerStats(new Float32Array([2, 1, 4, 3]), [2, 2]), tol);
    expect(rotated.channelMeanCosine).toBeLessThan(0.99);
    expect(rotated.pass).toBe(false);
  });

  test('input parity in model units, with the pixel-level read-out per mode', () => {
    const a = new Float32Array([0, 0, 0]);
    const b = new Float32Array([0, 1 / 127.5, 0]);
    const r = compareInput(a, b, 'tf', tol);
    expect(r.pass).toBe(false);
    expect(r.maxAbsErrorLevels).toBeCloseTo(1, 6);
    expect(r.minimumPassing.inputMaxAbsError).toBeCloseTo(1 / 127.5, 9);
    expect(compareInput(a, b, 'tf', { ...tol, inputMaxAbsError: 0.01, inputMeanAbsError: 0.01 }).pass).toBe(true);
  });
});

describe('tolerances', () => {
  test('defaults, and backend precision widens only the model-side limits', () => {
    expect(resolveTolerance(undefined, f32)).toEqual(DEFAULT_TOLERANCE);
    const half = resolveTolerance({ layerRelError: 1e-6, top1TieMargin: 0, inputMaxAbsError: 1e-6 }, f16);
    expect(half.layerRelError).toBe(1e-2);
    expect(half.top1TieMargin).toBe(1e-3);
    expect(half.inputMaxAbsError).toBe(1e-6);
  });

  test('unknown names and ambiguous units are rejected', () => {
    expect(() => resolveTolerance({ topk: 3 } as never, f32)).toThrow(/Unknown tolerance "topk"/);
    expect(() => resolveTolerance({ minTopKOverlap: 60 }, f32)).toThrow(/fraction between 0 and 1/);
  });
});
