// A tiny seeded PRNG (mulberry32) shared by the tests, the demo model and the benchmarks, so that
// "seed N" means the same numbers everywhere. Not part of any published package.

/** Deterministic pseudo-random numbers in [0, 1) for a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
