/**
 * The findings engine (formats.md `temuan`, domain.md sections 6 and 8): computes every finding
 * kind for a period in set-based SQL and replaces the rows of its scope in `findings` in one
 * transaction. Scope: (program, periode, tahap — kept in detail.tahap) for the program-bound
 * kinds; the DTKS data-quality kinds (duplicate_nik and invalid_nik on DTKS members: program and
 * periode empty) are recomputed when no single program is asked for (or `dataQuality: true`).
 * Every program-bound finding's detail records the rule version (aturan_versi) where the rule
 * decides it (exclusion, inclusion).
 *
 * Only name_mismatch leaves SQL: pairs whose names differ beyond case and punctuation are
 * compared in TypeScript (analytics/matching/names.ts) and the mismatches inserted in one
 * statement.
 */
import { z } from "zod";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
import { findingKinds, recipientStages, type FindingKind } from "../../db/codes";
import { nikProblemLabels } from "../nik";
import { loadPrograms } from "../eligibility/programs.server";
import { PeriodeSchema, periodRange } from "../eligibility/period";
import { nikProblemSql, provinceCodeList, unitKeyColumn } from "../eligibility/sql";
import { nameSimilarity, NAME_MATCH_THRESHOLD } from "../matching/names";
import { coverageFromScope, coverageLevels, type CoverageRow } from "./coverage.server";
import { createEligibleScope, createRecipientScope } from "./scope.server";

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
    const allPrograms = await loadPrograms(client);
    const programs = opts.program ? allPrograms.filter((p) => p.kode === opts.program) : allPrograms;
    if (opts.program && !programs.length) throw new Error(`Program ${opts.program} tidak dikenal`);
    const kodes = programs.map((p) => p.kode);
    const rules = Object.fromEntries(
      programs.map((p) => [p.kode, { versi: p.rule.version, maxDesil: p.rule.maxDesil, unit: p.unit }]),
    );

    // A scope is (program, periode, tahap): screening proposals (usulan) keeps the realisasi rows.
    await client.query(
      `DELETE FROM findings WHERE periode = $1 AND program = ANY($2::text[]) AND coalesce(detail ->> 'tahap', 'realisasi') = $3`,
      [opts.periode, kodes, opts.tahap],
    );
    if (dataQuality) await client.query(`DELETE FROM findings WHERE program IS NULL AND periode IS NULL`);

    mark("delete");
    const recipients = await createRecipientScope(client, range, opts.tahap, programs);
    mark("recipients");
    const eligible = await createEligibleScope(client, range, opts.tahap, programs);
    mark("eligible");
    const insert = `INSERT INTO findings (program, periode, jenis, nik, no_kk, id_rt, kode_desa, keterangan, detail)`;
    const P = opts.periode;

    // exclusion: eligible, not receiving.
    await client.query(
      `${insert}
       SELECT e.program, $1::text, 'exclusion', e.nik, e.no_kk, e.id_rt, e.kode_desa,
         format('Memenuhi syarat %s (desil %s) tetapi tidak menerima pada periode %s', e.program, coalesce(e.desil::text, '-'), $1::text),
         jsonb_build_object('desil', e.desil, 'aturan_versi', ($2::jsonb -> e.program -> 'versi'), 'tahap', $3::text)
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
         jsonb_build_object('desil', r.dtks_desil, 'aturan_versi', rl -> 'versi', 'tahap', $3::text)
       FROM (SELECT DISTINCT ON (program, unit_key) * FROM tepat_recv WHERE in_dtks ORDER BY program, unit_key, id) r
       CROSS JOIN LATERAL (SELECT $2::jsonb -> r.program AS rl) x
       WHERE NOT EXISTS (SELECT 1 FROM tepat_elig e WHERE e.program = r.program AND e.unit_key = r.unit_key)`,
      [P, JSON.stringify(rules), opts.tahap],
    );

    mark("inclusion");
    // not_in_dtks: the unit key matches no DTKS member / household.
    await client.query(
      `${insert}
       SELECT DISTINCT ON (r.program, r.unit_key) r.program, $1::text, 'not_in_dtks', r.nik, r.no_kk, r.id_rt, r.kode_desa,
         format('Penerima %s tidak ditemukan di DTKS (dicari menurut %s)', r.program, ${unitLabel}),
         jsonb_build_object('unit_key', r.unit_key, 'tahap', $2::text)
       FROM tepat_recv r WHERE NOT r.in_dtks ORDER BY r.program, r.unit_key, r.id`,
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
         jsonb_build_object('status', p.status, 'tanggal_status', p.tanggal_status, 'kode_desa_dukcapil', p.kode_desa, 'tahap', $3::text)
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
         jsonb_build_object('masalah', x.problem, 'tahap', $4::text)
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
         jsonb_build_object('jumlah', count(*), 'recipient_ids', array_agg(r.id ORDER BY r.id), 'tahap', $2::text)
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
           jsonb_build_object('program_lain', array_agg(DISTINCT q.program), 'tahap', $4::text)
         FROM tepat_recv r
         JOIN recipients q ON q.program = ANY($3::text[]) AND q.periode = $1 AND q.tahap = $4::recipient_stage
                          AND q.${col} = r.${col}
         WHERE r.program = $2
         GROUP BY r.program, r.unit_key`,
        [P, program.kode, program.tidakBolehBersama, opts.tahap],
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
       WHERE r.nama IS NOT NULL AND p.nama IS NOT NULL AND upper(r.nama) <> upper(p.nama)
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
           jsonb_build_object('nama', nama, 'nama_dukcapil', nama_dukcapil, 'kemiripan', score, 'ambang', $9::float8, 'tahap', $11::text)
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
           jsonb_build_object('id_rt_lain', d.ids)
         FROM members m
         JOIN (SELECT nik, count(DISTINCT id_rt) AS n, array_agg(DISTINCT id_rt ORDER BY id_rt) AS ids
               FROM members
               -- min <> max finds the repeated NIKs with one hashed pass; details only for those.
               WHERE nik IN (SELECT nik FROM members GROUP BY nik HAVING min(id_rt) <> max(id_rt))
               GROUP BY nik) d ON d.nik = m.nik`,
      );
      await client.query(
        `${insert}
         SELECT NULL, NULL, 'invalid_nik', m.nik, m.no_kk, m.id_rt, m.kode_desa,
           format('NIK di DTKS tidak valid: %s', $1::jsonb ->> x.problem),
           jsonb_build_object('masalah', x.problem)
         FROM members m CROSS JOIN LATERAL (SELECT ${nikProblemSql("m.nik", "$2")} AS problem) x
         WHERE x.problem IS NOT NULL`,
        [labels, provinceCodeList()],
      );
      mark("data_quality");
    }

    const coverage = opts.coverage ? await coverageFromScope(client, opts.coverage, P) : undefined;
    if (coverage) mark("coverage");

    const { rows } = await client.query<{ jenis: FindingKind; n: number }>(
      `SELECT jenis, count(*)::int AS n FROM findings
       WHERE (periode = $1 AND program = ANY($2::text[]) AND detail ->> 'tahap' = $4) OR ($3 AND program IS NULL AND periode IS NULL)
       GROUP BY jenis`,
      [P, kodes, dataQuality, opts.tahap],
    );
    const counts = Object.fromEntries(findingKinds.map((k) => [k, 0])) as Record<FindingKind, number>;
    for (const r of rows) counts[r.jenis] = r.n;
    return { periode: P, programs: kodes, counts, eligible, recipients, ms: Math.round(performance.now() - started), steps, coverage };
  });
}
