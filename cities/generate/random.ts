/**
 * Seeded randomness. Every random choice in the demo city comes from here, so the generated file is
 * byte-identical on every run and on every machine (mulberry32 uses only 32-bit integer arithmetic).
 *
 * Each consumer asks for its own stream by a key (`randomFor('names:longting-beishudian')`), so adding a
 * street or a category changes only the data that depends on it, not every name after it in the file.
 */

/** Bump to reshuffle the whole demo city; the committed file must then be regenerated. */
const SEED = 'kaifeng-demo/1';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A float in [lo, hi). */
  between(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit seed from a string key. */
function hashKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    between: (lo, hi) => lo + (hi - lo) * next(),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[int(items.length)] as T;
    },
  };
}

export const randomFor = (key: string): Random => createRandom(hashKey(`${SEED}:${key}`));
