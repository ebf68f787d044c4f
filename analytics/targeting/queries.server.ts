/**
 * Read side of the findings for the UI (/analisis/sasaran, household and person pages):
 * filtered, paged lists and per-area counts. Every filter is a bind parameter; the area filter
 * uses the stored desa/kecamatan/kabupaten codes (indexed), never a spatial join.
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { findingKinds, recipientStages } from "../../db/codes";

export const ListFindingsSchema = z.object({
  /** A kabupaten (4), kecamatan (6) or desa (10) code, plain digits. */
  kodeWilayah: z.string().regex(/^([0-9]{4}|[0-9]{6}|[0-9]{10})$/).optional(),
  program: z.string().min(1).max(32).optional(),
  periode: z.string().max(7).optional(),
  jenis: z.array(z.enum(findingKinds)).optional(),
  tahap: z.enum(recipientStages).default("realisasi"),
  /** Findings naming this NIK, No. KK or id_rt (household and person pages). */
  nik: z.string().max(16).optional(),
  noKk: z.string().max(16).optional(),
  idRt: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ListFindingsOptions = z.input<typeof ListFindingsSchema>;

export interface FindingListRow {
  id: number;
  program: string | null;
  periode: string | null;
  jenis: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string | null;
  keterangan: string;
  detail: Record<string, unknown> | null;
  /** Recipient stage analysed (null for the DTKS data-quality kinds). */
  tahap: string | null;
  /** Rule version that produced the finding (null for kinds that use no rule). */
  aturan_versi: number | null;
  detected_at: string;
}

const areaColumn = (code: string | undefined) =>
  code === undefined ? null : code.length === 4 ? "kode_kabupaten" : code.length === 6 ? "kode_kecamatan" : "kode_desa";

export async function listFindings(
  options: ListFindingsOptions,
  database?: Database,
): Promise<{ rows: FindingListRow[]; total: number }> {
  const o = ListFindingsSchema.parse(options);
  const { pool } = database ?? (await getDatabase());
  const col = areaColumn(o.kodeWilayah);
  const where = `(${col ? `${col} = $1` : "$1::text IS NULL"})
    AND ($2::text IS NULL OR program = $2) AND ($3::text IS NULL OR periode = $3)
    AND ($4::finding_kind[] IS NULL OR jenis = ANY($4::finding_kind[]))
    AND (program IS NULL OR coalesce(tahap, 'realisasi') = $5::recipient_stage)
    AND ($6::text IS NULL OR nik = $6) AND ($7::text IS NULL OR no_kk = $7) AND ($8::text IS NULL OR id_rt = $8)`;
  const params = [
    o.kodeWilayah ?? null,
    o.program ?? null,
    o.periode ?? null,
    o.jenis ?? null,
    o.tahap,
    o.nik ?? null,
    o.noKk ?? null,
    o.idRt ?? null,
  ];
  const [list, count] = await Promise.all([
    pool.query<FindingListRow>(
      `SELECT id, program, periode, jenis::text, nik, no_kk, id_rt, kode_desa, keterangan, detail, tahap::text, aturan_versi, detected_at::text
       FROM findings WHERE ${where}
       ORDER BY program NULLS FIRST, periode, jenis, kode_desa, id LIMIT $9 OFFSET $10`,
      [...params, o.limit, o.offset],
    ),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM findings WHERE ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0].n };
}

export interface FindingCountRow {
  kode_wilayah: string;
  jenis: string;
  jumlah: number;
}

/** Findings per area (desa, kecamatan or kabupaten) and kind, for choropleths and tables. */
export async function countFindingsByArea(
  options: { tingkat: "kabupaten" | "kecamatan" | "desa"; program?: string; periode?: string },
  database?: Database,
): Promise<FindingCountRow[]> {
  const o = z
    .object({
      tingkat: z.enum(["kabupaten", "kecamatan", "desa"]),
      program: z.string().min(1).max(32).optional(),
      periode: z.string().max(7).optional(),
    })
    .parse(options);
  const { pool } = database ?? (await getDatabase());
  const col = o.tingkat === "kabupaten" ? "kode_kabupaten" : o.tingkat === "kecamatan" ? "kode_kecamatan" : "kode_desa";
  const { rows } = await pool.query<FindingCountRow>(
    `SELECT ${col} AS kode_wilayah, jenis::text, count(*)::int AS jumlah FROM findings
     WHERE ${col} IS NOT NULL AND ($1::text IS NULL OR program = $1 OR program IS NULL)
       AND ($2::text IS NULL OR periode = $2 OR periode IS NULL)
       AND (program IS NULL OR coalesce(tahap, 'realisasi') = 'realisasi')
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [o.program ?? null, o.periode ?? null],
  );
  return rows;
}
