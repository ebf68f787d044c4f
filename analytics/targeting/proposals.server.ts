/**
 * Screening a proposal list (tahap usulan; Pergub Gorontalo 52/2020 "filterisasi"): every
 * proposed unit is marked layak (eligible, no flag), tidak_layak (in DTKS but not eligible, or
 * not in DTKS) or ditandai (eligible but flagged: deceased, moved, invalid NIK, listed twice,
 * a mutually exclusive program, name not matching Dukcapil), with the reasons. Runs the
 * findings engine on the usulan stage (its own scope; realisasi findings stay).
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { PeriodeSchema } from "../eligibility/period";
import { runFindings } from "./findings.server";

export type ScreeningStatus = "layak" | "tidak_layak" | "ditandai";

export interface ScreenedUnit {
  unit_key: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string | null;
  nama: string | null;
  status: ScreeningStatus;
  jenis: string[];
  alasan: string[];
}

export async function screenProposals(
  options: { program: string; periode: string },
  database?: Database,
): Promise<ScreenedUnit[]> {
  const o = z.object({ program: z.string().min(1).max(32), periode: PeriodeSchema }).parse(options);
  const db = database ?? (await getDatabase());
  await runFindings({ program: o.program, periode: o.periode, tahap: "usulan", dataQuality: false }, db);
  const { rows } = await db.pool.query<ScreenedUnit>(
    `WITH u AS (
       SELECT DISTINCT ON (unit_key) unit_key, nik, no_kk, id_rt, kode_desa, nama FROM recipients
       WHERE program = $1 AND periode = $2 AND tahap = 'usulan' ORDER BY unit_key, occurrence
     ), f AS (
       SELECT CASE p.unit WHEN 'individu' THEN f.nik WHEN 'keluarga' THEN f.no_kk ELSE f.id_rt END AS unit_key,
              f.jenis::text AS jenis, f.keterangan
       FROM findings f JOIN programs p ON p.kode = f.program
       WHERE f.program = $1 AND f.periode = $2 AND f.tahap = 'usulan' AND f.jenis <> 'exclusion'
     )
     SELECT u.unit_key, u.nik, u.no_kk, u.id_rt, u.kode_desa, u.nama,
       CASE WHEN bool_or(f.jenis IN ('inclusion', 'not_in_dtks')) THEN 'tidak_layak'
            WHEN count(f.jenis) > 0 THEN 'ditandai' ELSE 'layak' END AS status,
       coalesce(array_agg(DISTINCT f.jenis) FILTER (WHERE f.jenis IS NOT NULL), '{}') AS jenis,
       coalesce(array_agg(DISTINCT f.keterangan) FILTER (WHERE f.keterangan IS NOT NULL), '{}') AS alasan
     FROM u LEFT JOIN f ON f.unit_key = u.unit_key
     GROUP BY u.unit_key, u.nik, u.no_kk, u.id_rt, u.kode_desa, u.nama
     ORDER BY u.kode_desa NULLS LAST, u.unit_key`,
    [o.program, o.periode],
  );
  return rows;
}
