/**
 * Getis–Ord Gi* hot-spot statistic (pure). Binary contiguity weights with the area itself
 * included (the "star"); analytic z-scores under the normality assumption; two-sided p-values
 * corrected for multiple testing by Benjamini–Hochberg (false discovery rate).
 *
 *   Gi* = (Σj wij xj − x̄ Σj wij) / (S √((n Σj wij² − (Σj wij)²) / (n − 1)))
 *   x̄ = mean of x, S = √(Σ x² / n − x̄²)
 *
 * An area whose neighbourhood is the whole map (or a constant map) has no defined z: null.
 */
import { errorFunction } from "simple-statistics";

export interface GiStarInput {
  id: string;
  value: number;
  /** Ids of contiguous areas (queen: sharing a boundary or a corner); self is added. */
  neighbours: string[];
}

export type HotspotClass = "panas" | "dingin" | "tidak_signifikan";

export interface GiStarResult {
  id: string;
  value: number;
  z: number | null;
  p: number | null;
  /** Benjamini–Hochberg adjusted p-value. */
  q: number | null;
  kelas: HotspotClass;
}

export const hotspotMethod =
  "Getis–Ord Gi* atas tingkat kesalahan eksklusi per desa, bobot ketetanggaan queen (bersinggungan sisi " +
  "atau sudut) termasuk desa itu sendiri, skor z analitik, p dua arah dikoreksi Benjamini–Hochberg (FDR); " +
  "panas/dingin bila q < 0,05.";

const normalCdf = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

/** Benjamini–Hochberg adjusted p-values (same order as the input; nulls stay null). */
export function benjaminiHochberg(ps: Array<number | null>): Array<number | null> {
  const idx = ps.map((p, i) => ({ p, i })).filter((x): x is { p: number; i: number } => x.p !== null);
  idx.sort((a, b) => a.p - b.p);
  const m = idx.length;
  const out: Array<number | null> = ps.map(() => null);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (idx[k].p * m) / (k + 1));
    out[idx[k].i] = running;
  }
  return out;
}

export function giStar(areas: GiStarInput[], alpha = 0.05): GiStarResult[] {
  const n = areas.length;
  const index = new Map(areas.map((a, i) => [a.id, i]));
  const mean = areas.reduce((s, a) => s + a.value, 0) / n;
  const s = Math.sqrt(areas.reduce((acc, a) => acc + a.value * a.value, 0) / n - mean * mean);
  const zs = areas.map((a) => {
    const members = new Set([a.id, ...a.neighbours.filter((id) => index.has(id))]);
    const w = members.size;
    let sum = 0;
    for (const id of members) sum += areas[index.get(id)!].value;
    const denomSq = (n * w - w * w) / (n - 1);
    if (n < 2 || !(s > 1e-12) || !(denomSq > 1e-12)) return null;
    return (sum - mean * w) / (s * Math.sqrt(denomSq));
  });
  const ps = zs.map((z) => (z === null ? null : 2 * (1 - normalCdf(Math.abs(z)))));
  const qs = benjaminiHochberg(ps);
  return areas.map((a, i) => {
    const z = zs[i];
    const q = qs[i];
    const kelas: HotspotClass = z === null || q === null || q >= alpha ? "tidak_signifikan" : z > 0 ? "panas" : "dingin";
    return { id: a.id, value: a.value, z, p: ps[i], q, kelas };
  });
}
