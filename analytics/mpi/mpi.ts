/**
 * Alkire–Foster adjusted headcount (M0), pure. The SQL version (./mpi.server.ts) produces the
 * same additive sums per area and finishes with mpiFromSums, so both share one formula:
 *   c_i = Σ_j w_j g_ij, poor when c_i ≥ k; H = q / n; A = Σ_{poor} c_i / q; M0 = H × A;
 *   censored headcount h_j = (poor and deprived in j) / n; contribution_j = w_j h_j / M0.
 */
import { mpiIndicatorIds, scoreEpsilon, type MpiConfig, type MpiIndicatorId } from "./config";

/** One unit of analysis (a person, or a household standing for `weight` persons). */
export interface MpiUnit {
  /** How many persons this row stands for (household size); default 1. */
  weight?: number;
  /** Deprivations; missing or null counts as not deprived (domain.md section 8). */
  deprived: Partial<Record<MpiIndicatorId, boolean | null>>;
}

/** Additive sums: what an area's SQL aggregate returns; areas add up by summing these. */
export interface MpiSums {
  n: number;
  q: number;
  /** Σ c_i over the poor. */
  sumScorePoor: number;
  /** Persons poor and deprived in j. */
  censored: Record<MpiIndicatorId, number>;
  /** Persons deprived in j, poor or not. */
  uncensored: Record<MpiIndicatorId, number>;
}

export interface MpiResult {
  n: number;
  q: number;
  /** Headcount ratio, 0–1 (null when n = 0). */
  H: number | null;
  /** Intensity among the poor, 0–1 (null when q = 0). */
  A: number | null;
  M0: number | null;
  /** Censored headcount ratio per indicator, 0–1. */
  censoredHeadcount: Record<MpiIndicatorId, number | null>;
  /** Uncensored (raw) headcount ratio per indicator, 0–1. */
  uncensoredHeadcount: Record<MpiIndicatorId, number | null>;
  /** Percentage contribution of each indicator to M0 (sums to 100), null when M0 = 0. */
  contribution: Record<MpiIndicatorId, number | null>;
}

const zeroes = (): Record<MpiIndicatorId, number> =>
  Object.fromEntries(mpiIndicatorIds.map((id) => [id, 0])) as Record<MpiIndicatorId, number>;

export function deprivationScore(deprived: MpiUnit["deprived"], config: MpiConfig): number {
  let c = 0;
  for (const id of mpiIndicatorIds) if (deprived[id] === true) c += config.weights[id];
  return c;
}

export function isPoor(score: number, config: MpiConfig): boolean {
  return score >= config.k - scoreEpsilon;
}

export function emptySums(): MpiSums {
  return { n: 0, q: 0, sumScorePoor: 0, censored: zeroes(), uncensored: zeroes() };
}

export function addSums(a: MpiSums, b: MpiSums): MpiSums {
  const out = emptySums();
  out.n = a.n + b.n;
  out.q = a.q + b.q;
  out.sumScorePoor = a.sumScorePoor + b.sumScorePoor;
  for (const id of mpiIndicatorIds) {
    out.censored[id] = a.censored[id] + b.censored[id];
    out.uncensored[id] = a.uncensored[id] + b.uncensored[id];
  }
  return out;
}

export function mpiSums(units: readonly MpiUnit[], config: MpiConfig): MpiSums {
  const s = emptySums();
  for (const u of units) {
    const w = u.weight ?? 1;
    if (w <= 0) continue;
    const c = deprivationScore(u.deprived, config);
    const poor = isPoor(c, config);
    s.n += w;
    for (const id of mpiIndicatorIds) {
      if (u.deprived[id] !== true) continue;
      s.uncensored[id] += w;
      if (poor) s.censored[id] += w;
    }
    if (poor) {
      s.q += w;
      s.sumScorePoor += w * c;
    }
  }
  return s;
}

export function mpiFromSums(s: MpiSums, config: MpiConfig): MpiResult {
  const ratio = (x: number) => (s.n > 0 ? x / s.n : null);
  const H = ratio(s.q);
  const A = s.q > 0 ? s.sumScorePoor / s.q : null;
  const M0 = ratio(s.sumScorePoor);
  const censoredHeadcount = {} as Record<MpiIndicatorId, number | null>;
  const uncensoredHeadcount = {} as Record<MpiIndicatorId, number | null>;
  const contribution = {} as Record<MpiIndicatorId, number | null>;
  for (const id of mpiIndicatorIds) {
    censoredHeadcount[id] = ratio(s.censored[id]);
    uncensoredHeadcount[id] = ratio(s.uncensored[id]);
    // w_j h_j / M0 = w_j × censored_j / Σ c_i(poor): the n cancels.
    contribution[id] = s.sumScorePoor > 0 ? (100 * config.weights[id] * s.censored[id]) / s.sumScorePoor : null;
  }
  return { n: s.n, q: s.q, H, A, M0, censoredHeadcount, uncensoredHeadcount, contribution };
}

export function computeMpi(units: readonly MpiUnit[], config: MpiConfig): MpiResult {
  return mpiFromSums(mpiSums(units, config), config);
}
