/**
 * Session temp tables shared by the findings engine and the coverage report, built inside one
 * transaction (ON COMMIT DROP): the recipients of a period and stage resolved against DTKS
 * (`tepat_recv`) and the eligible units of each program (`tepat_elig`).
 */
import type pg from "pg";
import { compileEligibility, SqlParams } from "../eligibility/sql";
import { type PeriodRange } from "../eligibility/period";
import { type Program } from "../eligibility/rule";

/**
 * Refreshes planner statistics of the base tables when they are missing or stale (a fresh bulk
 * import before autovacuum ran): without them the recipient lookups below were measured ~9×
 * slower on a 2,000-household seed. ANALYZE samples, so this stays cheap on large tables.
 */
export async function ensureStatistics(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.relname = ANY($1::text[])
       AND (c.reltuples < 0 OR (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL)
            OR s.n_mod_since_analyze > 0.2 * greatest(s.n_live_tup, 1000))`,
    [["households", "members", "population", "recipients", "programs"]],
  );
  // Table names come from the fixed list above, never from input.
  for (const r of rows) await client.query(`ANALYZE ${r.relname}`);
  return rows.map((r) => r.relname);
}

/**
 * One row per recipient listing. nik/no_kk/id_rt hold the unit key in its own column and the
 * other keys where known (from the listing, else from DTKS); kode_desa is DTKS's desa when the
 * unit is in DTKS, else the listing's.
 */
export async function createRecipientScope(
  client: pg.PoolClient,
  range: PeriodRange,
  tahap: string,
  programs: Program[],
): Promise<number> {
  await ensureStatistics(client);
  await client.query(`DROP TABLE IF EXISTS tepat_recv`);
  await client.query(`CREATE TEMP TABLE tepat_recv (
    id int, program text, unit text, unit_key text, nik text, no_kk text, id_rt text, nama text,
    kode_desa text, in_dtks boolean, dtks_desil int) ON COMMIT DROP`);
  const res = await client.query(
    `INSERT INTO tepat_recv
     SELECT r.id, r.program, p.unit::text, r.unit_key,
       CASE WHEN p.unit = 'individu' THEN r.unit_key ELSE coalesce(r.nik, d.nik) END,
       CASE WHEN p.unit = 'keluarga' THEN r.unit_key ELSE coalesce(r.no_kk, d.no_kk) END,
       CASE WHEN p.unit = 'rumah_tangga' THEN r.unit_key ELSE coalesce(r.id_rt, d.id_rt) END,
       r.nama, coalesce(d.kode_desa, r.kode_desa), d.id_rt IS NOT NULL, d.desil
     FROM recipients r
     JOIN programs p ON p.kode = r.program
     LEFT JOIN LATERAL (
       SELECT * FROM (
         SELECT h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil, NULL::text AS nik, NULL::text AS no_kk
         FROM households h WHERE p.unit = 'rumah_tangga' AND h.id_rt = r.unit_key
         UNION ALL
         SELECT h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int, m.nik, m.no_kk
         FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE p.unit = 'individu' AND m.nik = r.unit_key
         UNION ALL
         SELECT h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int, NULL, m.no_kk
         FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE p.unit = 'keluarga' AND m.no_kk = r.unit_key
       ) c ORDER BY c.desil NULLS LAST, c.id_rt LIMIT 1
     ) d ON true
     WHERE r.periode = $1 AND r.tahap = $2::recipient_stage AND r.program = ANY($3::text[])`,
    [range.periode, tahap, programs.map((p) => p.kode)],
  );
  await client.query(`CREATE INDEX ON tepat_recv (program, unit_key)`);
  await client.query(`ANALYZE tepat_recv`);
  return res.rowCount ?? 0;
}

/** Eligible units of every program (program, unit_key, nik, no_kk, id_rt, kode_desa, desil). */
export async function createEligibleScope(
  client: pg.PoolClient,
  range: PeriodRange,
  tahap: string,
  programs: Program[],
): Promise<Record<string, number>> {
  await client.query(`DROP TABLE IF EXISTS tepat_elig`);
  await client.query(`CREATE TEMP TABLE tepat_elig (
    program text, unit_key text, nik text, no_kk text, id_rt text, kode_desa text, desil int) ON COMMIT DROP`);
  const counts: Record<string, number> = {};
  for (const program of programs) {
    const params = new SqlParams();
    const kode = params.add(program.kode);
    const compiled = compileEligibility(program, range, params, { tahap });
    const res = await client.query(
      `INSERT INTO tepat_elig SELECT ${kode}::text, q.* FROM (${compiled.text}) q`,
      compiled.values,
    );
    counts[program.kode] = res.rowCount ?? 0;
  }
  await client.query(`CREATE INDEX ON tepat_elig (program, unit_key)`);
  await client.query(`ANALYZE tepat_elig`);
  return counts;
}
