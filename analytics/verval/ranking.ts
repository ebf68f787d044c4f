/**
 * Ranking (Perwali Mojokerto Ps 12, Kepwal Bekasi point 8): the official desil first, then a local
 * weighted instrument defined by TKPK, then further keys. Every household's score is explained as
 * the weighted parts that made it.
 */
import { z } from "zod";

export const InstrumentSchema = z
  .object({
    version: z.number().int().positive(),
    name: z.string().min(1),
    /** indicator id (from the indicator catalogue) → weight; each indicator value is 0..1 (1 = deprived). */
    weights: z.record(z.string().min(1), z.number().positive()),
  })
  .refine((i) => Object.keys(i.weights).length > 0, { message: "instrumen memerlukan minimal satu indikator" })
  .refine((i) => Math.abs(Object.values(i.weights).reduce((a, b) => a + b, 0) - 1) < 1e-9, {
    message: "jumlah bobot harus 1",
  });
export type Instrument = z.infer<typeof InstrumentSchema>;

export interface RankInput {
  id: string;
  desil: number | null;
  /** indicator id → value in 0..1, or null when unknown (counts as 0 and is reported). */
  indicators: Record<string, number | null>;
  /** Extra sort keys (e.g. jumlah_jiwa). */
  keys?: Record<string, number | string | null>;
}

export interface ScorePart {
  indicator: string;
  weight: number;
  value: number | null;
  contribution: number;
}

export interface Ranked {
  id: string;
  rank: number;
  desil: number | null;
  score: number;
  parts: ScorePart[];
}

export interface SortKey {
  key: string;
  direction: "asc" | "desc";
}

export function scoreHousehold(instrument: Instrument, indicators: RankInput["indicators"]): { score: number; parts: ScorePart[] } {
  const parts = Object.entries(instrument.weights).map(([indicator, weight]) => {
    const value = indicators[indicator] ?? null;
    return { indicator, weight, value, contribution: weight * (value ?? 0) };
  });
  // Round to 1e-9 so floating noise never reorders households with equal scores.
  const score = Math.round(parts.reduce((a, p) => a + p.contribution, 0) * 1e9) / 1e9;
  return { score, parts };
}

function compareValues(a: number | string | null | undefined, b: number | string | null | undefined, direction: "asc" | "desc"): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1; // unknown last, whatever the direction
  const c = a < b ? -1 : a > b ? 1 : 0;
  return direction === "asc" ? c : -c;
}

/**
 * Desil ascending (unknown last), then score descending, then `extraKeys`, then id for a stable
 * order. Ties share nothing: ranks are 1..n in the resulting order.
 */
export function rankHouseholds(instrument: Instrument, households: RankInput[], extraKeys: SortKey[] = []): Ranked[] {
  const scored = households.map((h) => ({ h, ...scoreHousehold(instrument, h.indicators) }));
  scored.sort(
    (x, y) =>
      compareValues(x.h.desil, y.h.desil, "asc") ||
      compareValues(x.score, y.score, "desc") ||
      extraKeys.reduce((acc, k) => acc || compareValues(x.h.keys?.[k.key], y.h.keys?.[k.key], k.direction), 0) ||
      compareValues(x.h.id, y.h.id, "asc"),
  );
  return scored.map((s, i) => ({ id: s.h.id, rank: i + 1, desil: s.h.desil, score: s.score, parts: s.parts }));
}
