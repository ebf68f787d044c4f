/**
 * Benchmark of the indicator engine on whatever is loaded: full recompute of every level, and
 * per-area latency (p50/p95) of single-area queries as the UI issues them. Goals (issue 4):
 * full recompute < 15 s for the 300k-household seed; per-area p95 < 100 ms.
 */
import { getDatabase } from "../../db/connection.server";
import { computeAllLevels, computeIndicators } from "./indicators.server";
import { getAreaIndicators } from "./snapshot.server";
import type { Level } from "./query";
import { todayJakarta } from "./values";

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number) => Math.round(x * 10) / 10;

export async function benchIndicators(options: { samplesPerLevel?: number } = {}): Promise<Record<string, unknown>> {
  const samples = options.samplesPerLevel ?? 20;
  const db = await getDatabase();
  const referenceDate = todayJakarta();
  const { rows: sizes } = await db.pool.query<{ households: number; members: number; desa: number }>(
    "SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM members) AS members, (SELECT count(DISTINCT kode_desa) FROM households) AS desa",
  );
  const result: Record<string, unknown> = { referenceDate, ...sizes[0] };

  // A trivial scan as a yardstick of how loaded the (shared) machine is during the run.
  let t0 = process.hrtime.bigint();
  await db.pool.query("SELECT count(tanggal_lahir) FROM members");
  result.yardstickMembersScanMs = round(ms(t0));

  // Full recompute: every area of every level in one pass (what the export and a refresh do).
  t0 = process.hrtime.bigint();
  const all = await computeAllLevels({ referenceDate, db });
  const full: Record<string, number> = { all_levels_ms: round(ms(t0)), areas: all.length };
  t0 = process.hrtime.bigint();
  await computeIndicators({ level: "desa", referenceDate, db });
  full.desa_level_only_ms = round(ms(t0));
  result.fullRecompute = full;

  // Per-area latency: one query per area, as a region profile or map hover asks.
  const perArea: Record<string, unknown> = {};
  for (const level of ["desa", "kecamatan", "kabupaten"] as Level[]) {
    const col = level === "desa" ? "kode_desa" : level === "kecamatan" ? "kode_kecamatan" : "kode_kabupaten";
    const { rows } = await db.pool.query<{ code: string }>(
      `SELECT DISTINCT ${col} AS code FROM households ORDER BY 1 LIMIT $1`,
      [samples],
    );
    const times: number[] = [];
    for (const { code } of rows) {
      const t0 = process.hrtime.bigint();
      await computeIndicators({ level, codes: [code], referenceDate, db });
      times.push(ms(t0));
    }
    times.sort((a, b) => a - b);
    perArea[level] = { n: times.length, p50_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)), max_ms: round(times.at(-1) ?? NaN) };
  }
  result.perArea = perArea;

  // The UI path: the in-memory snapshot (first call computes all levels, then lookups).
  t0 = process.hrtime.bigint();
  await getAreaIndicators({ referenceDate, codes: ["0000"] });
  const first = round(ms(t0));
  const codes = (await getAreaIndicators({ referenceDate })).map((a) => a.kode);
  const times: number[] = [];
  for (const code of codes) {
    const t1 = process.hrtime.bigint();
    await getAreaIndicators({ referenceDate, codes: [code] });
    times.push(ms(t1));
  }
  times.sort((a, b) => a - b);
  result.snapshot = { first_call_ms: first, lookups: times.length, p50_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)) };
  return result;
}
