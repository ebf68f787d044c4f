/**
 * Coverage per program, period and area (formats.md `cakupan`, domain.md section 6):
 * E = eligible units, B = receiving units (distinct unit keys of the stage, default realisasi),
 * tepat = |B ∩ E|; coverage = tepat / |E|, exclusion error = |E \ B| / |E|, inclusion error =
 * |B \ E| / |B|, in percent with one decimal (empty when the denominator is 0). A unit counts in
 * the area of its DTKS household; a recipient not in DTKS in the area of its listing.
 */
import type pg from "pg";
import { z } from "zod";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
import { recipientStages } from "../../db/codes";
import { loadPrograms } from "../eligibility/programs.server";
import { PeriodeSchema, periodRange } from "../eligibility/period";
import { createEligibleScope, createRecipientScope } from "./scope.server";

export const coverageLevels = ["provinsi", "kabupaten", "kecamatan", "desa"] as const;
export type CoverageLevel = (typeof coverageLevels)[number];
const codeLength: Record<CoverageLevel, number> = { provinsi: 2, kabupaten: 4, kecamatan: 6, desa: 10 };

export const CoverageOptionsSchema = z.object({
  program: z.string().min(1).max(32).optional(),
  periode: PeriodeSchema,
  /** One level or several (computed from one build of E and B). */
  tingkat: z.union([z.enum(coverageLevels), z.array(z.enum(coverageLevels)).min(1)]).default("desa"),
  tahap: z.enum(recipientStages).default("realisasi"),
});
export type CoverageOptions = z.input<typeof CoverageOptionsSchema>;

export interface CoverageRow {
  kode_wilayah: string;
  tingkat: CoverageLevel;
  program: string;
  periode: string;
  eligible: number;
  penerima: number;
  tepat: number;
  exclusion_error_pct: number | null;
  inclusion_error_pct: number | null;
  coverage_pct: number | null;
  /** DTKS units of the program's kind living in the area (not in the cakupan CSV). */
  dtks_units: number;
  /**
   * Targeting differential (domain.md 6), percentage points: coverage among the eligible minus
   * coverage among the other DTKS units of the area; empty when either group is empty.
   */
  targeting_differential_pp: number | null;
}

/** Overlap matrix: units receiving each pair of programs (same unit column, e.g. no_kk). */
export interface OverlapCell {
  program_a: string;
  program_b: string;
  unit: string;
  jumlah: number;
}

export async function computeCoverage(options: CoverageOptions, database?: Database): Promise<CoverageRow[]> {
  const opts = CoverageOptionsSchema.parse(options);
  const range = periodRange(opts.periode);
  const { pool } = database ?? (await getDatabase());
  return withTransaction(pool, async (client) => {
    const programs = await loadPrograms(client, opts.program, opts.periode);
    if (opts.program && !programs.length) throw new Error(`Program ${opts.program} tidak dikenal`);
    await createRecipientScope(client, range, opts.tahap, programs);
    await createEligibleScope(client, range, opts.tahap, programs);
    const levels = Array.isArray(opts.tingkat) ? opts.tingkat : [opts.tingkat];
    return coverageFromScope(client, levels, opts.periode);
  });
}

/**
 * Coverage rows from the scope tables of the current transaction (tepat_recv, tepat_elig), so
 * the findings engine can report coverage from the same build (runFindings `coverage`).
 */
export async function coverageFromScope(
  client: pg.PoolClient,
  levels: CoverageLevel[],
  periode: string,
): Promise<CoverageRow[]> {
  await client.query(`DROP TABLE IF EXISTS tepat_units, tepat_universe`);
  await client.query(`CREATE TEMP TABLE tepat_units ON COMMIT DROP AS
     WITH b AS (SELECT program, unit_key, kode_desa, in_dtks FROM tepat_recv WHERE first)
     SELECT coalesce(e.program, b.program) AS program, coalesce(e.kode_desa, b.kode_desa) AS kode_desa,
            e.unit_key IS NOT NULL AS is_e, b.unit_key IS NOT NULL AS is_b, coalesce(b.in_dtks, true) AS in_dtks
     FROM tepat_elig e FULL JOIN b ON b.program = e.program AND b.unit_key = e.unit_key`);
  // DTKS units (living on the reference date) per desa and unit kind: the targeting
  // differential's non-poor are these minus the eligible.
  // Hashed DISTINCT then a count (count(DISTINCT …) sorts every member row per desa).
  await client.query(`CREATE TEMP TABLE tepat_universe ON COMMIT DROP AS
     SELECT 'individu'::text AS unit, kode_desa, count(*)::int AS n
       FROM (SELECT DISTINCT kode_desa, nik FROM tepat_mb WHERE nik IS NOT NULL) x GROUP BY kode_desa
     UNION ALL SELECT 'keluarga', kode_desa, count(*)::int
       FROM (SELECT DISTINCT kode_desa, no_kk FROM tepat_mb WHERE no_kk IS NOT NULL) x GROUP BY kode_desa
     UNION ALL SELECT 'rumah_tangga', kode_desa, count(*)::int
       FROM (SELECT DISTINCT kode_desa, id_rt FROM tepat_mb WHERE id_rt IS NOT NULL) x GROUP BY kode_desa`);
  const rows: CoverageRow[] = [];
  for (const tingkat of levels) {
    const res = await client.query<CoverageRow>(
      `WITH a AS (
         SELECT left(kode_desa, $1) AS kode_wilayah, program,
                count(*) FILTER (WHERE is_e)::int AS eligible,
                count(*) FILTER (WHERE is_b)::int AS penerima,
                count(*) FILTER (WHERE is_e AND is_b)::int AS tepat,
                count(*) FILTER (WHERE is_b AND in_dtks AND NOT is_e)::int AS bukan_sasaran_menerima
         FROM tepat_units WHERE kode_desa IS NOT NULL AND length(kode_desa) >= $1
         GROUP BY 1, 2
       ), u AS (
         SELECT left(kode_desa, $1) AS kode_wilayah, unit, sum(n)::int AS n FROM tepat_universe GROUP BY 1, 2
       )
       SELECT a.kode_wilayah, $2::text AS tingkat, a.program, $3::text AS periode, eligible, penerima, tepat,
         round(100.0 * (eligible - tepat) / nullif(eligible, 0), 1)::float8 AS exclusion_error_pct,
         round(100.0 * (penerima - tepat) / nullif(penerima, 0), 1)::float8 AS inclusion_error_pct,
         round(100.0 * tepat / nullif(eligible, 0), 1)::float8 AS coverage_pct,
         coalesce(u.n, 0) AS dtks_units,
         round(100.0 * tepat / nullif(eligible, 0)
               - 100.0 * bukan_sasaran_menerima / nullif(coalesce(u.n, 0) - eligible, 0), 1)::float8 AS targeting_differential_pp
       FROM a JOIN programs p ON p.kode = a.program
       LEFT JOIN u ON u.kode_wilayah = a.kode_wilayah AND u.unit = p.unit::text
       ORDER BY a.program, a.kode_wilayah`,
      [codeLength[tingkat], tingkat, periode],
    );
    rows.push(...res.rows);
  }
  return rows;
}

/**
 * Units receiving each pair of programs in a period (stage realisasi by default), compared on
 * the column both programs share the most specific of (nik for two individual programs, else
 * no_kk for family-level, else id_rt), from the DTKS-resolved listings.
 */
export async function computeOverlap(
  options: { periode: string; tahap?: (typeof recipientStages)[number] },
  database?: Database,
): Promise<OverlapCell[]> {
  const periode = PeriodeSchema.parse(options.periode);
  const range = periodRange(periode);
  const { pool } = database ?? (await getDatabase());
  return withTransaction(pool, async (client) => {
    const programs = await loadPrograms(client);
    await createRecipientScope(client, range, options.tahap ?? "realisasi", programs);
    const { rows } = await client.query<OverlapCell>(
      `WITH k AS (SELECT DISTINCT program, unit, nik, no_kk, id_rt FROM tepat_recv)
       SELECT a.program AS program_a, b.program AS program_b,
              CASE WHEN a.unit = 'individu' AND b.unit = 'individu' THEN 'nik'
                   WHEN a.unit <> 'rumah_tangga' AND b.unit <> 'rumah_tangga' THEN 'no_kk' ELSE 'id_rt' END AS unit,
              count(DISTINCT CASE WHEN a.unit = 'individu' AND b.unit = 'individu' THEN a.nik
                                  WHEN a.unit <> 'rumah_tangga' AND b.unit <> 'rumah_tangga' THEN a.no_kk
                                  ELSE a.id_rt END)::int AS jumlah
       FROM k a JOIN k b ON a.program < b.program AND (
              (a.unit = 'individu' AND b.unit = 'individu' AND a.nik = b.nik)
           OR (NOT (a.unit = 'individu' AND b.unit = 'individu') AND a.unit <> 'rumah_tangga' AND b.unit <> 'rumah_tangga' AND a.no_kk = b.no_kk)
           OR ((a.unit = 'rumah_tangga' OR b.unit = 'rumah_tangga') AND a.id_rt = b.id_rt))
       GROUP BY 1, 2, 3 ORDER BY 1, 2`,
    );
    return rows;
  });
}
