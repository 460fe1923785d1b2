// A small seeded pseudo-random generator (mulberry32): benchmarks, tests and reports that sample at random
// build the same data on every run, and a failing run can be replayed from its seed. Not for anything secret.

/** A generator of numbers in [0, 1) determined by `seed` (a 32-bit integer). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
