/**
 * The findings engine (formats.md `temuan`, domain.md sections 6 and 8): computes every finding
 * kind for a period in set-based SQL and replaces the rows of its scope in `findings` in one
 * transaction. Scope: (program, periode, tahap) for the program-bound kinds — the stage in the
 * `tahap` column; the DTKS data-quality kinds (duplicate_nik and invalid_nik on DTKS members:
 * program, periode and tahap empty) are recomputed when no single program is asked for (or
 * `dataQuality: true`). Each program is analysed with the rule version that governs the period
 * (rule-versions.server.ts); `aturan_versi` records it on the kinds the rule decides
 * (exclusion, inclusion, conflicting_programs) and stays empty on the others.
 *
 * Every kind is first written to a session temp table (no indexes, no WAL); the scope's stored
 * rows are then brought in line with it: rows no longer found are deleted, new ones inserted,
 * unchanged ones kept (same id and detected_at). A rerun on unchanged data writes nothing, and
 * a first run pays the findings indexes once per new row only.
 *
 * Only name_mismatch leaves SQL: pairs whose names differ beyond case and punctuation are
 * compared in TypeScript (analytics/matching/names.ts) and the mismatches inserted in one
 * statement.
 */
import { z } from "zod";
import type { PoolClient } from "pg";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
import { findingKinds, recipientStages, type FindingKind } from "../../db/codes";
import { nikProblemLabels } from "../nik";
import { loadPrograms } from "../eligibility/programs.server";
import { PeriodeSchema, periodRange } from "../eligibility/period";
import { nikProblemSql, provinceCodeList, unitKeyColumn } from "../eligibility/sql";
import { nameSimilarity, NAME_MATCH_THRESHOLD } from "../matching/names";
import { coverageFromScope, coverageLevels, type CoverageRow } from "./coverage.server";
import { createEligibleScope, createRecipientScope, tuneAnalysisTransaction } from "./scope.server";

export const RunFindingsOptionsSchema = z.object({
  program: z.string().min(1).max(32).optional(),
  periode: PeriodeSchema,
  tahap: z.enum(recipientStages).default("realisasi"),
  /** Recompute the DTKS data-quality findings too (default: when no program is given). */
  dataQuality: z.boolean().optional(),
  /** Also return coverage at these levels, from the same build of E and B. */
  coverage: z.array(z.enum(coverageLevels)).optional(),
});
export type RunFindingsOptions = z.input<typeof RunFindingsOptionsSchema>;

export interface RunFindingsResult {
  periode: string;
  programs: string[];
  counts: Record<FindingKind, number>;
  eligible: Record<string, number>;
  recipients: number;
  ms: number;
  /** Milliseconds per step, for the benchmark. */
  steps: Record<string, number>;
  coverage?: CoverageRow[];
}

const unitLabel = `CASE r.unit WHEN 'individu' THEN 'NIK' WHEN 'keluarga' THEN 'No. KK' ELSE 'ID rumah tangga' END`;

export async function runFindings(options: RunFindingsOptions, database?: Database): Promise<RunFindingsResult> {
  const opts = RunFindingsOptionsSchema.parse(options);
  const started = performance.now();
  const range = periodRange(opts.periode);
  const { pool } = database ?? (await getDatabase());
  const dataQuality = opts.dataQuality ?? !opts.program;

  const steps: Record<string, number> = {};
  let last = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };

  return withTransaction(pool, async (client) => {
    // Each program with the rule version that governs this period (rule-versions.server.ts).
    const allPrograms = await loadPrograms(client, undefined, opts.periode);
    const programs = opts.program ? allPrograms.filter((p) => p.kode === opts.program) : allPrograms;
    if (opts.program && !programs.length) throw new Error(`Program ${opts.program} tidak dikenal`);
    const kodes = programs.map((p) => p.kode);
    const rules = Object.fromEntries(
      programs.map((p) => [p.kode, { versi: p.versi, maxDesil: p.rule.maxDesil, unit: p.unit }]),
    );

    await tuneAnalysisTransaction(client);
    await client.query(`DROP TABLE IF EXISTS tepat_new`);
    await client.query(`CREATE TEMP TABLE tepat_new (
      program text, periode text, jenis finding_kind, nik text, no_kk text, id_rt text, kode_desa text,
      keterangan text, detail jsonb, tahap recipient_stage, aturan_versi int) ON COMMIT DROP`);
    const recipients = await createRecipientScope(client, range, opts.tahap, programs);
    mark("recipients");
    const eligible = await createEligibleScope(client, range, opts.tahap, programs);
    mark("eligible");
    const insert = `INSERT INTO tepat_new (program, periode, jenis, nik, no_kk, id_rt, kode_desa, keterangan, detail, tahap, aturan_versi)`;
    const P = opts.periode;

    // exclusion: eligible, not receiving.
    await client.query(
      `${insert}
       SELECT e.program, $1::text, 'exclusion', e.nik, e.no_kk, e.id_rt, e.kode_desa,
         format('Memenuhi syarat %s (desil %s) tetapi tidak menerima pada periode %s', e.program, coalesce(e.desil::text, '-'), $1::text),
         jsonb_build_object('desil', e.desil), $3::recipient_stage, ($2::jsonb -> e.program ->> 'versi')::int
       FROM tepat_elig e
       WHERE NOT EXISTS (SELECT 1 FROM tepat_recv r WHERE r.program = e.program AND r.unit_key = e.unit_key)`,
      [P, JSON.stringify(rules), opts.tahap],
    );

    mark("exclusion");
    // inclusion: receiving, in DTKS, not eligible.
    await client.query(
      `${insert}
       SELECT r.program, $1::text, 'inclusion', r.nik, r.no_kk, r.id_rt, r.kode_desa,
         CASE
           WHEN (rl ->> 'maxDesil') IS NOT NULL AND r.dtks_desil IS NULL
             THEN format('Menerima %s tetapi desil tidak diketahui di DTKS', r.program)
           WHEN r.dtks_desil > (rl ->> 'maxDesil')::int
             THEN format('Menerima %s tetapi desil %s melebihi batas desil %s', r.program, r.dtks_desil, rl ->> 'maxDesil')
           ELSE format('Menerima %s tetapi tidak memenuhi kriteria program (aturan versi %s)', r.program, rl ->> 'versi')
         END,
         jsonb_build_object('desil', r.dtks_desil), $3::recipient_stage, (rl ->> 'versi')::int
       FROM tepat_recv r
       CROSS JOIN LATERAL (SELECT $2::jsonb -> r.program AS rl) x
       WHERE r.first AND r.in_dtks
         AND NOT EXISTS (SELECT 1 FROM tepat_elig e WHERE e.program = r.program AND e.unit_key = r.unit_key)`,
      [P, JSON.stringify(rules), opts.tahap],
    );

    mark("inclusion");
    // not_in_dtks: the unit key matches no DTKS member / household.
    await client.query(
      `${insert}
       SELECT r.program, $1::text, 'not_in_dtks', r.nik, r.no_kk, r.id_rt, r.kode_desa,
         format('Penerima %s tidak ditemukan di DTKS (dicari menurut %s)', r.program, ${unitLabel}),
         jsonb_build_object('unit_key', r.unit_key), $2::recipient_stage, NULL::int
       FROM tepat_recv r WHERE r.first AND NOT r.in_dtks`,
      [P, opts.tahap],
    );

    mark("not_in_dtks");
    // deceased / moved: the listed NIK is dead or moved out per Dukcapil before the period ended.
    await client.query(
      `${insert}
       SELECT DISTINCT ON (r.program, r.nik, p.status) r.program, $1::text,
         (CASE p.status WHEN 'meninggal' THEN 'deceased' ELSE 'moved' END)::finding_kind,
         r.nik, r.no_kk, r.id_rt, r.kode_desa,
         format('%s %s menurut Dukcapil', CASE p.status WHEN 'meninggal' THEN 'Meninggal' ELSE 'Pindah' END,
                coalesce(p.tanggal_status::text, '(tanggal tidak diketahui)')),
         jsonb_build_object('status', p.status, 'tanggal_status', p.tanggal_status, 'kode_desa_dukcapil', p.kode_desa), $3::recipient_stage, NULL::int
       FROM tepat_recv r JOIN population p ON p.nik = r.nik
       WHERE p.status IN ('meninggal', 'pindah') AND (p.tanggal_status IS NULL OR p.tanggal_status <= $2::date)
       ORDER BY r.program, r.nik, p.status, r.id`,
      [P, range.end, opts.tahap],
    );

    mark("deceased_moved");
    // invalid_nik on recipient listings.
    const labels = JSON.stringify(nikProblemLabels);
    await client.query(
      `${insert}
       SELECT DISTINCT ON (r.program, r.nik) r.program, $1::text, 'invalid_nik', r.nik, r.no_kk, r.id_rt, r.kode_desa,
         format('NIK penerima tidak valid: %s', $2::jsonb ->> x.problem),
         jsonb_build_object('masalah', x.problem), $4::recipient_stage, NULL::int
       FROM tepat_recv r CROSS JOIN LATERAL (SELECT ${nikProblemSql("r.nik", "$3")} AS problem) x
       WHERE x.problem IS NOT NULL ORDER BY r.program, r.nik, r.id`,
      [P, labels, provinceCodeList(), opts.tahap],
    );

    mark("invalid_nik");
    // double_receipt: one unit listed more than once.
    await client.query(
      `${insert}
       SELECT r.program, $1::text, 'double_receipt', min(r.nik), min(r.no_kk), min(r.id_rt), min(r.kode_desa),
         format('Tercatat %s kali sebagai penerima %s pada periode %s', count(*), r.program, $1::text),
         jsonb_build_object('jumlah', count(*), 'recipient_ids', array_agg(r.id ORDER BY r.id)), $2::recipient_stage, NULL::int
       FROM tepat_recv r
       -- The importer numbers repeated listings (occurrence 2, 3, …): only those units are grouped.
       WHERE (r.program, r.unit_key) IN (SELECT program, unit_key FROM tepat_recv WHERE occurrence > 1)
       GROUP BY r.program, r.unit_key HAVING count(*) > 1`,
      [P, opts.tahap],
    );

    mark("double_receipt");
    // conflicting_programs: the program's own tidakBolehBersama, matched on its unit column.
    for (const program of programs) {
      if (!program.tidakBolehBersama.length) continue;
      const col = unitKeyColumn[program.unit];
      await client.query(
        `${insert}
         SELECT r.program, $1::text, 'conflicting_programs', min(r.nik), min(r.no_kk), min(r.id_rt), min(r.kode_desa),
           format('Menerima %s dan juga %s pada periode %s, padahal tidak boleh bersamaan', r.program,
                  string_agg(DISTINCT q.program, ', '), $1::text),
           jsonb_build_object('program_lain', array_agg(DISTINCT q.program)), $4::recipient_stage, $5::int
         FROM tepat_recv r
         JOIN recipients q ON q.program = ANY($3::text[]) AND q.periode = $1 AND q.tahap = $4::recipient_stage
                          AND q.${col} = r.${col}
         WHERE r.program = $2
         GROUP BY r.program, r.unit_key`,
        [P, program.kode, program.tidakBolehBersama, opts.tahap, program.versi],
      );
    }

    mark("conflicting_programs");
    // name_mismatch: SQL drops trivially equal names, TypeScript judges the rest.
    const pairs = await client.query<{
      program: string;
      nik: string;
      no_kk: string | null;
      id_rt: string | null;
      kode_desa: string | null;
      nama: string;
      nama_dukcapil: string;
    }>(
      `SELECT DISTINCT ON (r.program, r.nik) r.program, r.nik, r.no_kk, r.id_rt, r.kode_desa, r.nama, p.nama AS nama_dukcapil
       FROM tepat_recv r JOIN population p ON p.nik = r.nik
       WHERE r.nama IS NOT NULL AND p.nama IS NOT NULL AND r.nama <> p.nama AND upper(r.nama) <> upper(p.nama)
         AND regexp_replace(lower(r.nama), '[^a-z]', '', 'g') <> regexp_replace(lower(p.nama), '[^a-z]', '', 'g')
       ORDER BY r.program, r.nik, r.id`,
    );
    const mismatches = pairs.rows
      .map((row) => ({ ...row, score: nameSimilarity(row.nama, row.nama_dukcapil) }))
      .filter((row) => row.score < NAME_MATCH_THRESHOLD);
    if (mismatches.length) {
      const col = <K extends keyof (typeof mismatches)[number]>(k: K) => mismatches.map((m) => m[k]);
      await client.query(
        `${insert}
         SELECT program, $1::text, 'name_mismatch', nik, no_kk, id_rt, kode_desa,
           format('Nama penerima "%s" berbeda dengan nama Dukcapil "%s" (kemiripan %s)', nama, nama_dukcapil, to_char(score, 'FM0.00')),
           jsonb_build_object('nama', nama, 'nama_dukcapil', nama_dukcapil, 'kemiripan', score, 'ambang', $9::float8), $11::recipient_stage, NULL::int
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $10::float8[])
           AS t(program, nik, no_kk, id_rt, kode_desa, nama, nama_dukcapil, score)`,
        [
          P,
          col("program"),
          col("nik"),
          col("no_kk"),
          col("id_rt"),
          col("kode_desa"),
          col("nama"),
          col("nama_dukcapil"),
          NAME_MATCH_THRESHOLD,
          col("score"),
          opts.tahap,
        ],
      );
    }

    mark("name_mismatch");
    if (dataQuality) {
      // duplicate_nik: one finding per DTKS listing of a NIK found in several households.
      await client.query(
        `${insert}
         SELECT NULL, NULL, 'duplicate_nik', m.nik, m.no_kk, m.id_rt, m.kode_desa,
           format('NIK tercatat di %s rumah tangga DTKS (%s)', d.n, array_to_string(d.ids, ', ')),
           jsonb_build_object('id_rt_lain', d.ids), NULL::recipient_stage, NULL::int
         FROM members m
         JOIN (SELECT nik, count(DISTINCT id_rt) AS n, array_agg(DISTINCT id_rt ORDER BY id_rt) AS ids
               FROM members
               -- tepat_dupnik holds the repeated NIKs (one hashed pass); details only for those.
               WHERE nik IN (SELECT nik FROM tepat_dupnik WHERE multi_rt)
               GROUP BY nik) d ON d.nik = m.nik`,
      );
      await client.query(
        `${insert}
         SELECT NULL, NULL, 'invalid_nik', m.nik, m.no_kk, m.id_rt, m.kode_desa,
           format('NIK di DTKS tidak valid: %s', $1::jsonb ->> x.problem),
           jsonb_build_object('masalah', x.problem), NULL::recipient_stage, NULL::int
         FROM members m CROSS JOIN LATERAL (SELECT ${nikProblemSql("m.nik", "$2")} AS problem) x
         WHERE x.problem IS NOT NULL`,
        [labels, provinceCodeList()],
      );
      mark("data_quality");
    }

    await replaceScope(client, { periode: P, programs: kodes, tahap: opts.tahap, dataQuality });
    mark("write");

    const coverage = opts.coverage ? await coverageFromScope(client, opts.coverage, P) : undefined;
    if (coverage) mark("coverage");

    const { rows } = await client.query<{ jenis: FindingKind; n: number }>(
      `SELECT jenis, count(*)::int AS n FROM tepat_new GROUP BY jenis`,
    );
    const counts = Object.fromEntries(findingKinds.map((k) => [k, 0])) as Record<FindingKind, number>;
    for (const r of rows) counts[r.jenis] = r.n;
    return { periode: P, programs: kodes, counts, eligible, recipients, ms: Math.round(performance.now() - started), steps, coverage };
  });
}

/**
 * Brings the stored findings of the scope in line with tepat_new: deletes the rows no longer
 * found, inserts the new ones, keeps the unchanged (compared on every column but id and
 * detected_at through an md5 of the row's values, so the anti-joins hash). One statement, so
 * the new rows' keys are computed once. A legacy row without a stage counts as realisasi.
 */
async function replaceScope(
  client: PoolClient,
  scope: { periode: string; programs: string[]; tahap: string; dataQuality: boolean },
): Promise<void> {
  // Unit separator between values, record separator for NULL: concat_ws is several times
  // cheaper than casting the whole ROW to text.
  const v = (e: string) => `coalesce((${e})::text, chr(30))`;
  const rowKey = (a: string) =>
    `md5(concat_ws(chr(31), ${["program", "periode", "jenis", "nik", "no_kk", "id_rt", "kode_desa", "keterangan", "detail", "tahap", "aturan_versi"]
      .map((c) => v(`${a}.${c}`))
      .join(", ")}))`;
  const columns = `program, periode, jenis, nik, no_kk, id_rt, kode_desa, keterangan, detail, tahap, aturan_versi`;
  await client.query(`DROP TABLE IF EXISTS tepat_old`);
  await client.query(
    `CREATE TEMP TABLE tepat_old ON COMMIT DROP AS
     SELECT f.id, ${rowKey("f")} AS k FROM findings f
     WHERE (f.periode = $1 AND f.program = ANY($2::text[]) AND coalesce(f.tahap, 'realisasi') = $3::recipient_stage)
        OR ($4 AND f.program IS NULL AND f.periode IS NULL)`,
    [scope.periode, scope.programs, scope.tahap, scope.dataQuality],
  );
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM tepat_old`);
  if (rows[0]!.n === 0) {
    // First run of the scope: nothing to compare.
    await client.query(`INSERT INTO findings (${columns}) SELECT ${columns} FROM tepat_new`);
    return;
  }
  await client.query(`ANALYZE tepat_old`);
  await client.query(
    `WITH n AS MATERIALIZED (SELECT ${columns}, ${rowKey("x")} AS k FROM tepat_new x),
     gone AS (
       DELETE FROM findings f USING tepat_old o
       WHERE f.id = o.id AND NOT EXISTS (SELECT 1 FROM n WHERE n.k = o.k) RETURNING f.id)
     INSERT INTO findings (${columns})
     SELECT ${columns} FROM n WHERE NOT EXISTS (SELECT 1 FROM tepat_old o WHERE o.k = n.k)`,
  );
}
