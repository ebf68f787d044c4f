/**
 * Seeded pseudo-random numbers for the seed generator. sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator): 128-bit state, passes PractRand, and is pure 32-bit integer arithmetic, so
 * the same seed gives the same stream on every machine and Node version (Math.random cannot).
 */

/** 32-bit string hash (FNV-1a then xorshift mixing) to derive independent sub-streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` may be any integer or string; `stream` names an independent sub-stream. */
  constructor(seed: number | string, stream = "") {
    const s = `${seed}/${stream}`;
    this.a = hashString(`a${s}`);
    this.b = hashString(`b${s}`);
    this.c = hashString(`c${s}`);
    this.d = hashString(`d${s}`) | 1;
    // Warm up so weak seeds (small integers) are mixed.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key of `weights` with probability proportional to its weight (for-in: no array allocation, hot path). */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    let total = 0;
    for (const k in weights) total += Math.max(0, weights[k] as number);
    let r = this.next() * total;
    let last = "" as K;
    for (const k in weights) {
      r -= Math.max(0, weights[k] as number);
      last = k;
      if (r < 0) return k;
    }
    return last;
  }

  /** Index into `weights` with probability proportional to its value. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
