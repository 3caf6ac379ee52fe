// A random sample anyone can redraw: items 1..N drawn with a seeded generator (mulberry32) by a
// partial Fisher–Yates shuffle, so the same population size, sample size and seed always give
// the same items, on any machine.

export const MAX_POPULATION = 1_000_000;
export const MAX_SAMPLE = 500;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `sampleSize` distinct items of 1..`populationSize`, in ascending order. */
export function drawRandomSample(populationSize: number, sampleSize: number, seed: number): number[] {
  const next = mulberry32(seed);
  // Only the swapped positions are kept, so a large population costs nothing.
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i + 1;
  const out: number[] = [];
  for (let i = 0; i < Math.min(sampleSize, populationSize); i++) {
    const j = i + Math.floor(next() * (populationSize - i));
    const pick = at(j);
    swapped.set(j, at(i));
    out.push(pick);
  }
  return out.sort((a, b) => a - b);
}
