/**
 * Screening an uploaded proposal list (tahap usulan; Pergub Gorontalo 52/2020 "filterisasi",
 * Ps 1.14 and 6) WITHOUT writing anything: the rows go into temporary tables of one transaction
 * that is rolled back at the end. Each proposed unit gets one outcome with its reasons in Bahasa
 * Indonesia:
 *   tidak_layak — not in DTKS; in DTKS but not eligible under the program's rule for the period
 *                 (desil above the limit, desil unknown, criteria); or already receiving a
 *                 mutually exclusive program in the period;
 *   perlu_dicek — eligible (or not assessable) but flagged: invalid NIK, deceased or moved per
 *                 Dukcapil before the period ended, listed more than once in the file, already
 *                 listed for the same program and period (penetapan/realisasi), name differing
 *                 from Dukcapil beyond spelling variants, missing unit key, outside the viewer's
 *                 wilayah;
 *   layak       — eligible with no flag.
 * The file side (CSV/XLSX → rows) is proposal-file.server.ts.
 */
import { z } from "zod";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
import { nikProblemLabels, type NikProblem } from "../nik";
import { loadPrograms } from "../eligibility/programs.server";
import { PeriodeSchema, periodRange } from "../eligibility/period";
import { compileEligibility, nikProblemSql, provinceCodeList, SqlParams, unitKeyColumn } from "../eligibility/sql";
import { nameSimilarity, NAME_MATCH_THRESHOLD } from "../matching/names";

export const screeningStatuses = ["layak", "tidak_layak", "perlu_dicek"] as const;
export type ScreeningOutcome = (typeof screeningStatuses)[number];

export const ProposalRowSchema = z.object({
  row: z.number().int().min(1),
  nik: z.string().max(32).nullable(),
  no_kk: z.string().max(32).nullable(),
  id_rt: z.string().max(64).nullable(),
  nama: z.string().max(200).nullable(),
  kode_desa: z.string().regex(/^\d{10}$/).nullable(),
  /** A cell problem found while reading the file (e.g. a NIK Excel turned into 3.5E+15). */
  masalah: z.string().max(300).nullable().default(null),
});
export type ProposalRow = z.input<typeof ProposalRowSchema>;

export interface ScreenedProposal {
  row: number;
  unit_key: string | null;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  nama: string | null;
  kode_desa: string | null;
  desil: number | null;
  status: ScreeningOutcome;
  alasan: string[];
}

export interface ScreeningResult {
  program: string;
  nama_program: string;
  unit: string;
  periode: string;
  rows: ScreenedProposal[];
  counts: Record<ScreeningOutcome, number>;
}

const unitLabel = { individu: "NIK", keluarga: "No. KK", rumah_tangga: "ID rumah tangga" } as const;
const nf2 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface Checked {
  row_no: number;
  unit_key: string | null;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  nama: string | null;
  kode_desa: string | null;
  in_dtks: boolean;
  desil: number | null;
  eligible: boolean;
  in_scope: boolean;
  partners: string | null;
  already: string | null;
  pop_status: string | null;
  pop_date: string | null;
  pop_nama: string | null;
  nik_problem: NikProblem | null;
  listed: number;
  rows_of_unit: number[];
}

export async function screenProposalRows(
  options: { program: string; periode: string; scope?: string; rows: ProposalRow[] },
  database?: Database,
): Promise<ScreeningResult> {
  const o = z
    .object({
      program: z.string().regex(/^[A-Z0-9_]{1,32}$/),
      periode: PeriodeSchema,
      scope: z.string().regex(/^(\d{4}|\d{6}|\d{10})?$/).default(""),
      rows: z.array(ProposalRowSchema).max(100_000),
    })
    .parse(options);
  const db = database ?? (await getDatabase());
  const [program] = await loadPrograms(db.pool, o.program, o.periode);
  if (!program) throw new Error(`Program ${o.program} tidak ada di katalog program`);
  const range = periodRange(o.periode);
  const col = unitKeyColumn[program.unit];

  // Everything below runs in one transaction that is rolled back: temp tables only, nothing kept.
  const checked = await withTransaction(
    db.pool,
    async (client) => {
      await client.query(`CREATE TEMP TABLE usulan_in (row_no int, nik text, no_kk text, id_rt text, nama text, kode_desa text) ON COMMIT DROP`);
      const c = <K extends keyof (typeof o.rows)[number]>(k: K) => o.rows.map((r) => r[k]);
      await client.query(
        `INSERT INTO usulan_in SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [c("row"), c("nik"), c("no_kk"), c("id_rt"), c("nama"), c("kode_desa")],
      );
      // Missing keys resolved through DTKS members, as the penerima importer does.
      await client.query(
        `CREATE TEMP TABLE usulan ON COMMIT DROP AS
         WITH by_nik AS (
           SELECT DISTINCT ON (m.nik) m.nik, m.no_kk, m.id_rt FROM members m
           WHERE m.nik IN (SELECT nik FROM usulan_in WHERE nik IS NOT NULL) ORDER BY m.nik, m.id
         ), by_kk AS (
           SELECT DISTINCT ON (m.no_kk) m.no_kk, m.id_rt FROM members m
           WHERE m.no_kk IN (SELECT no_kk FROM usulan_in WHERE no_kk IS NOT NULL) ORDER BY m.no_kk, m.id
         ), k AS (
           SELECT u.row_no, u.nik, coalesce(u.no_kk, bn.no_kk) AS no_kk, coalesce(u.id_rt, bn.id_rt, bk.id_rt) AS id_rt,
                  u.nama, u.kode_desa
           FROM usulan_in u LEFT JOIN by_nik bn ON bn.nik = u.nik LEFT JOIN by_kk bk ON bk.no_kk = u.no_kk
         )
         SELECT k.*, CASE $1::text WHEN 'individu' THEN k.nik WHEN 'keluarga' THEN k.no_kk ELSE k.id_rt END AS unit_key FROM k`,
        [program.unit],
      );
      await client.query(`ANALYZE usulan`);
      // Eligibility under the program's rule for the period, only for the proposed keys; mutually
      // exclusive programs are checked separately below so the reason can name them.
      const params = new SqlParams();
      const compiled = compileEligibility(program, range, params, { tahap: "realisasi", partners: [] });
      await client.query(
        `CREATE TEMP TABLE usulan_elig ON COMMIT DROP AS
         SELECT DISTINCT q.unit_key FROM (${compiled.text}) q WHERE q.unit_key IN (SELECT unit_key FROM usulan WHERE unit_key IS NOT NULL)`,
        params.values,
      );
      const dtks =
        program.unit === "rumah_tangga"
          ? `SELECT h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil FROM households h WHERE h.id_rt = u.unit_key`
          : `SELECT h.kode_desa, coalesce(h.desil, h.status_kesejahteraan)::int AS desil FROM members m JOIN households h ON h.id_rt = m.id_rt
             WHERE m.${col} = u.unit_key ORDER BY 2 NULLS LAST, h.id_rt LIMIT 1`;
      const { rows } = await client.query<Checked>(
        `SELECT u.row_no, u.unit_key, u.nik, u.no_kk, u.id_rt, u.nama, coalesce(d.kode_desa, u.kode_desa) AS kode_desa,
                d.kode_desa IS NOT NULL AS in_dtks, d.desil,
                EXISTS (SELECT 1 FROM usulan_elig e WHERE e.unit_key = u.unit_key) AS eligible,
                coalesce(coalesce(d.kode_desa, u.kode_desa) LIKE $1 || '%', $1 = '') AS in_scope,
                (SELECT string_agg(DISTINCT x.program, ', ') FROM recipients x
                  WHERE x.program = ANY($2::text[]) AND x.periode = $3 AND x.tahap IN ('penetapan', 'realisasi')
                    AND x.${col} = u.${col}) AS partners,
                (SELECT string_agg(DISTINCT x.tahap::text, ', ') FROM recipients x
                  WHERE x.program = $4 AND x.periode = $3 AND x.tahap IN ('penetapan', 'realisasi') AND x.unit_key = u.unit_key) AS already,
                CASE WHEN p.status <> 'hidup' AND (p.tanggal_status IS NULL OR p.tanggal_status <= $5::date)
                     THEN p.status::text END AS pop_status,
                p.tanggal_status::text AS pop_date, p.nama AS pop_nama,
                ${nikProblemSql("u.nik", "$6")} AS nik_problem,
                count(*) OVER (PARTITION BY u.unit_key)::int AS listed,
                array_agg(u.row_no) OVER (PARTITION BY u.unit_key) AS rows_of_unit
           FROM usulan u
           LEFT JOIN LATERAL (${dtks}) d ON u.unit_key IS NOT NULL
           LEFT JOIN LATERAL (SELECT status, tanggal_status, nama FROM population WHERE nik = u.nik
                              ORDER BY (status <> 'hidup') DESC LIMIT 1) p ON u.nik IS NOT NULL
          ORDER BY u.row_no`,
        [o.scope, program.tidakBolehBersama, o.periode, program.kode, range.end, provinceCodeList()],
      );
      return rows;
    },
    { rollbackAtEnd: true },
  );

  const problems = new Map(o.rows.map((r) => [r.row, r.masalah ?? null]));
  const out: ScreenedProposal[] = checked.map((r) => {
    const notOk: string[] = [];
    const flags: string[] = [];
    const masalah = problems.get(r.row_no);
    if (!r.unit_key) {
      flags.push(`${unitLabel[program.unit]} kosong: wajib untuk program ${program.kode} (unit ${program.unit.replace("_", " ")})`);
    } else if (!r.in_scope) {
      flags.push(`Di luar wilayah akun Anda (desa ${r.kode_desa ?? "tidak diketahui"})`);
    } else {
      if (!r.in_dtks) notOk.push(`Tidak ditemukan di DTKS (dicari menurut ${unitLabel[program.unit]})`);
      else if (!r.eligible) {
        const max = program.rule.maxDesil;
        if (max !== null && r.desil === null) notOk.push("Desil tidak diketahui di DTKS");
        else if (max !== null && r.desil !== null && r.desil > max) notOk.push(`Desil ${r.desil} melebihi batas desil ${max} untuk ${program.kode}`);
        else notOk.push(`Tidak memenuhi kriteria ${program.kode} (aturan versi ${program.rule.version})`);
      }
      if (r.partners) notOk.push(`Sudah menerima ${r.partners} pada periode ${o.periode}, tidak boleh bersamaan dengan ${program.kode}`);
      if (r.already) flags.push(`Sudah tercantum sebagai penerima ${program.kode} periode ${o.periode} (${r.already})`);
    }
    if (masalah) flags.push(masalah);
    else if (r.nik_problem) flags.push(`NIK tidak valid: ${nikProblemLabels[r.nik_problem]}`);
    if (r.in_scope && (r.pop_status === "meninggal" || r.pop_status === "pindah")) {
      flags.push(`${r.pop_status === "meninggal" ? "Meninggal" : "Pindah"} ${r.pop_date ?? "(tanggal tidak diketahui)"} menurut Dukcapil`);
    }
    if (r.unit_key && r.listed > 1) {
      flags.push(`Tercantum ${r.listed} kali dalam berkas (baris ${[...r.rows_of_unit].sort((a, b) => a - b).join(", ")})`);
    }
    if (r.in_scope && r.nama && r.pop_nama) {
      const score = nameSimilarity(r.nama, r.pop_nama);
      if (score < NAME_MATCH_THRESHOLD) flags.push(`Nama "${r.nama}" berbeda dengan nama Dukcapil "${r.pop_nama}" (kemiripan ${nf2.format(score)})`);
    }
    const status: ScreeningOutcome = notOk.length ? "tidak_layak" : flags.length ? "perlu_dicek" : "layak";
    const alasan = [...notOk, ...flags];
    if (status === "layak") alasan.push(`Memenuhi syarat ${program.kode}${r.desil !== null ? ` (desil ${r.desil})` : ""}`);
    return {
      row: r.row_no,
      unit_key: r.unit_key,
      nik: r.nik,
      no_kk: r.no_kk,
      id_rt: r.id_rt,
      nama: r.nama,
      kode_desa: r.kode_desa,
      desil: r.in_scope ? r.desil : null,
      status,
      alasan,
    };
  });
  const counts = { layak: 0, tidak_layak: 0, perlu_dicek: 0 };
  for (const r of out) counts[r.status]++;
  return { program: program.kode, nama_program: program.nama, unit: program.unit, periode: o.periode, rows: out, counts };
}

export const screeningColumns = ["baris", "program", "periode", "nik", "no_kk", "id_rt", "nama", "kode_desa", "desil", "hasil", "alasan"] as const;

export function screeningCells(result: ScreeningResult): Array<Array<string | number | null>> {
  const label: Record<ScreeningOutcome, string> = { layak: "layak", tidak_layak: "tidak layak", perlu_dicek: "perlu dicek" };
  return result.rows.map((r) => [
    r.row,
    result.program,
    result.periode,
    r.nik,
    r.no_kk,
    r.id_rt,
    r.nama,
    r.kode_desa,
    r.desil,
    label[r.status],
    r.alasan.join("; "),
  ]);
}
