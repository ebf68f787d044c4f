/**
 * Session temp tables shared by the findings engine and the coverage report, built inside one
 * transaction (ON COMMIT DROP): the recipients of a period and stage resolved against DTKS
 * (`tepat_recv`) and the eligible units of each program (`tepat_elig`).
 */
import type pg from "pg";
import { compileEligibility, householdsTableSql, membersTableSql, SqlParams } from "../eligibility/sql";
import { type PeriodRange } from "../eligibility/period";
import { type Program } from "../eligibility/rule";

/**
 * Session settings for the analysis transaction: sorts and hashes of a few hundred thousand
 * keys fit in memory (4 MB default spilled to disk), and JIT compilation costs more than it
 * saves on these second-long statements. SET LOCAL ends with the transaction.
 */
export async function tuneAnalysisTransaction(client: pg.PoolClient): Promise<void> {
  await client.query(`SET LOCAL work_mem = '128MB'`);
  await client.query(`SET LOCAL jit = off`);
  await enlargeTempBuffers(client);
}

/**
 * The scope tables (a million member rows, as many listings) are scanned a dozen times per run:
 * with the default 8 MB of temp buffers every scan goes back to the temp files (measured 2×
 * slower scans at 300k households). temp_buffers can only be raised before the session first
 * touches a temporary table, so it is set for the session (a pooled connection keeps it; the
 * buffers are allocated only as used) and a refusal is ignored inside a savepoint.
 */
async function enlargeTempBuffers(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ v: string }>(`SELECT current_setting('temp_buffers') AS v`);
  if (rows[0]?.v === "256MB") return;
  await client.query(`SAVEPOINT tepat_temp_buffers`);
  try {
    await client.query(`SET temp_buffers = '256MB'`);
    await client.query(`RELEASE SAVEPOINT tepat_temp_buffers`);
  } catch {
    await client.query(`ROLLBACK TO SAVEPOINT tepat_temp_buffers`);
  }
}

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
 * NIKs found in more than one members row (`multi_rt`: in more than one household), built once
 * per transaction with one hashed pass: the DTKS lookups and the individual programs
 * de-duplicate only these, and duplicate_nik reports the multi-household ones.
 */
export async function createDupNiks(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query(`SELECT 1 FROM pg_class WHERE relname = 'tepat_dupnik' AND relpersistence = 't'
    AND pg_table_is_visible(oid)`);
  if (rows.length) return;
  // Hashed, not by members_nik_idx: walking the index in order was measured 3× slower.
  await client.query(`SET LOCAL enable_indexscan = off`);
  await client.query(`SET LOCAL enable_bitmapscan = off`);
  await client.query(`CREATE TEMP TABLE tepat_dupnik ON COMMIT DROP AS
    SELECT nik, min(id_rt) <> max(id_rt) AS multi_rt FROM members WHERE nik IS NOT NULL GROUP BY nik HAVING count(*) > 1`);
  await client.query(`SET LOCAL enable_indexscan = on`);
  await client.query(`SET LOCAL enable_bitmapscan = on`);
  await client.query(`ANALYZE tepat_dupnik`);
}

/**
 * DTKS lookups per program unit: the key column and the DTKS row holding it (lowest desil, then
 * id_rt, when several do). Only the rare repeated keys are sorted: a NIK outside tepat_dupnik
 * has one row; a family is first reduced to its (no_kk, id_rt) pairs, nearly one per family.
 */
const unitLookups = {
  individu: `SELECT m.nik AS k, h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil, m.nik, m.no_kk
             FROM members m JOIN households h ON h.id_rt = m.id_rt
             WHERE m.nik IN (SELECT unit_key FROM tepat_wanted WHERE unit = 'individu')
               AND NOT EXISTS (SELECT 1 FROM tepat_dupnik d WHERE d.nik = m.nik)
             UNION ALL
             (SELECT DISTINCT ON (m.nik) m.nik AS k, h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil,
               m.nik, m.no_kk
             FROM members m JOIN households h ON h.id_rt = m.id_rt
             WHERE m.nik IN (SELECT nik FROM tepat_dupnik)
             ORDER BY m.nik, 4 NULLS LAST, h.id_rt)`,
  keluarga: `SELECT DISTINCT ON (f.no_kk) f.no_kk AS k, h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil,
               NULL::text AS nik, f.no_kk
             FROM (SELECT DISTINCT m.no_kk, m.id_rt FROM members m
                   WHERE m.no_kk IN (SELECT unit_key FROM tepat_wanted WHERE unit = 'keluarga')) f
             JOIN households h ON h.id_rt = f.id_rt
             ORDER BY f.no_kk, 4 NULLS LAST, h.id_rt`,
  rumah_tangga: `SELECT h.id_rt AS k, h.id_rt, h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil,
               NULL::text AS nik, NULL::text AS no_kk
             FROM households h WHERE h.id_rt IN (SELECT unit_key FROM tepat_wanted WHERE unit = 'rumah_tangga')`,
} as const;

/**
 * One row per recipient listing. nik/no_kk/id_rt hold the unit key in its own column and the
 * other keys where known (from the listing, else from DTKS); kode_desa is DTKS's desa when the
 * unit is in DTKS, else the listing's. The listings are first copied to an analysed temp table
 * so the planner sees how many keys it looks up (a CTE's estimate of 200 chose ~100k index
 * probes, measured 25 s on a 100k-household seed), then one hash-joined statement per unit kind.
 * `first` marks one listing per (program, unit): the lowest occurrence (the importer numbers
 * repeated listings 1, 2, …), so no step needs DISTINCT ON over every listing.
 */
export async function createRecipientScope(
  client: pg.PoolClient,
  range: PeriodRange,
  tahap: string,
  programs: Program[],
): Promise<number> {
  await tuneAnalysisTransaction(client);
  await ensureStatistics(client);
  await createDupNiks(client);
  await client.query(`DROP TABLE IF EXISTS tepat_recv, tepat_wanted`);
  await client.query(`CREATE TEMP TABLE tepat_wanted (
    id int, program text, unit text, unit_key text, occurrence int, nik text, no_kk text, id_rt text,
    nama text, kode_desa text) ON COMMIT DROP`);
  await client.query(
    `INSERT INTO tepat_wanted
     SELECT r.id, r.program, p.unit::text, r.unit_key, r.occurrence, r.nik, r.no_kk, r.id_rt, r.nama, r.kode_desa
     FROM recipients r JOIN programs p ON p.kode = r.program
     WHERE r.periode = $1 AND r.tahap = $2::recipient_stage AND r.program = ANY($3::text[])`,
    [range.periode, tahap, programs.map((p) => p.kode)],
  );
  await client.query(`ANALYZE tepat_wanted`);
  await client.query(`CREATE TEMP TABLE tepat_recv (
    id int, program text, unit text, unit_key text, occurrence int, nik text, no_kk text, id_rt text,
    nama text, kode_desa text, in_dtks boolean, dtks_desil int, first boolean) ON COMMIT DROP`);
  let total = 0;
  for (const unit of ["individu", "keluarga", "rumah_tangga"] as const) {
    if (!programs.some((p) => p.unit === unit)) continue;
    const res = await client.query(
      `INSERT INTO tepat_recv
       WITH d AS (${unitLookups[unit]})
       SELECT r.id, r.program, r.unit, r.unit_key, r.occurrence,
         ${unit === "individu" ? "r.unit_key" : "coalesce(r.nik, d.nik)"},
         ${unit === "keluarga" ? "r.unit_key" : "coalesce(r.no_kk, d.no_kk)"},
         ${unit === "rumah_tangga" ? "r.unit_key" : "coalesce(r.id_rt, d.id_rt)"},
         r.nama, coalesce(d.kode_desa, r.kode_desa), d.k IS NOT NULL, d.desil, r.occurrence = 1
       FROM tepat_wanted r LEFT JOIN d ON d.k = r.unit_key
       WHERE r.unit = $1`,
      [unit],
    );
    total += res.rowCount ?? 0;
  }
  // A unit whose occurrence 1 was deleted: its lowest remaining listing stands for it.
  // Only units listed more than once can lack it: grouped after a join to that handful.
  await client.query(
    `UPDATE tepat_recv t SET first = true FROM (
       SELECT (array_agg(c.id ORDER BY c.occurrence, c.id))[1] AS id
       FROM tepat_recv c
       JOIN (SELECT DISTINCT program, unit_key FROM tepat_recv WHERE occurrence > 1) m
         ON m.program = c.program AND m.unit_key = c.unit_key
       GROUP BY c.program, c.unit_key HAVING NOT bool_or(c.first)) x
     WHERE t.id = x.id`,
  );
  // No index: every later step hash-joins the whole table, and building a btree on text keys
  // (collation-aware sort of 1.2M rows) cost ~5 CPU-seconds at 300k households.
  await client.query(`ANALYZE tepat_recv`);
  return total;
}

/**
 * Eligible units of every program (program, unit_key, nik, no_kk, id_rt, kode_desa, desil).
 * Living members with ages (and household flags when a rule needs them) are built once for the
 * period and shared by every program's query.
 */
export async function createEligibleScope(
  client: pg.PoolClient,
  range: PeriodRange,
  tahap: string,
  programs: Program[],
): Promise<Record<string, number>> {
  await client.query(`DROP TABLE IF EXISTS tepat_elig, tepat_mb, tepat_hh`);
  await client.query(`CREATE TEMP TABLE tepat_elig (
    program text, unit_key text, nik text, no_kk text, id_rt text, kode_desa text, desil int) ON COMMIT DROP`);
  await client.query(`CREATE TEMP TABLE tepat_mb (
    nik varchar(16), no_kk varchar(16), id_rt text, hubungan_krt relation_to_head, hamil boolean,
    partisipasi_sekolah school_participation, disabilitas disability_level, penyakit_kronis boolean,
    jenjang_pendidikan education_level, lapangan_usaha sector, kode_desa varchar(10), desil int, umur int,
    dup boolean) ON COMMIT DROP`);
  await createDupNiks(client);
  await client.query(membersTableSql("$1", "tepat_mb", "tepat_dupnik"), [range.start]);
  await client.query(`ANALYZE tepat_mb`);
  const needsHh = programs.some((p) => p.rule.householdIndicators.length > 0);
  if (needsHh) {
    await client.query(`CREATE TEMP TABLE tepat_hh (id_rt text, rtlh boolean, miskin_bps14 boolean) ON COMMIT DROP`);
    const limits = programs.filter((p) => p.rule.householdIndicators.length > 0).map((p) => p.rule.maxDesil);
    const maxDesil = limits.some((d) => d === null) ? null : Math.max(...(limits as number[]));
    if (maxDesil === null) await client.query(householdsTableSql("tepat_mb", "tepat_hh"));
    else await client.query(householdsTableSql("tepat_mb", "tepat_hh", "$1"), [maxDesil]);
    await client.query(`ANALYZE tepat_hh`);
  }
  const prepared = { members: "tepat_mb", households: needsHh ? "tepat_hh" : undefined };
  const counts: Record<string, number> = {};
  for (const program of programs) {
    const params = new SqlParams();
    const kode = params.add(program.kode);
    const compiled = compileEligibility(program, range, params, { tahap, prepared });
    const res = await client.query(
      `INSERT INTO tepat_elig SELECT ${kode}::text, q.* FROM (${compiled.text}) q`,
      compiled.values,
    );
    counts[program.kode] = res.rowCount ?? 0;
  }
  await client.query(`ANALYZE tepat_elig`); // no index, as tepat_recv
  return counts;
}
