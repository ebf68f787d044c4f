/**
 * Read side of the targeting pages (/analisis/sasaran, /analisis/temuan): program and period
 * lists, coverage rows from the stored snapshot, finding counts and lists scoped to an area, and
 * the household overlap matrix (cached per period and data version). Nothing here recomputes
 * findings: pages read what the last findings run stored.
 */
import type pg from "pg";
import { z } from "zod";
import { findingKinds, recipientStages } from "../../db/codes";
import { getDatabase, type Database } from "../../db/connection.server";
import type { CoverageRow } from "./coverage.server";
import { readTargetingSnapshot, type HouseholdOverlap } from "./snapshot.server";

export interface ProgramPeriods {
  kode: string;
  nama: string;
  unit: string;
  /** Periods with any listing of the program (any stage), newest first. */
  periods: string[];
}

/**
 * Programs with their periods. A loose index scan over recipients (program, periode, …): one
 * index probe per period instead of a DISTINCT over every listing (1.2 M rows at 300k households).
 */
export async function programPeriodList(pool: pg.Pool): Promise<ProgramPeriods[]> {
  const { rows } = await pool.query<ProgramPeriods>(
    `SELECT p.kode, p.nama, p.unit::text AS unit, ARRAY(
       WITH RECURSIVE t(periode) AS (
         SELECT (SELECT max(r.periode) FROM recipients r WHERE r.program = p.kode)
         UNION ALL
         SELECT (SELECT max(r.periode) FROM recipients r WHERE r.program = p.kode AND r.periode < t.periode)
           FROM t WHERE t.periode IS NOT NULL)
       SELECT periode::text FROM t WHERE periode IS NOT NULL) AS periods
     FROM programs p ORDER BY p.kode`,
  );
  return rows;
}

/** Area code column of findings for a plain code of 4, 6 or 10 digits. */
export function findingsAreaColumn(code: string): "kode_kabupaten" | "kode_kecamatan" | "kode_desa" {
  return code.length === 4 ? "kode_kabupaten" : code.length === 6 ? "kode_kecamatan" : "kode_desa";
}

export const FindingFilterSchema = z.object({
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/),
  periode: z.string().max(7),
  tahap: z.enum(recipientStages).default("realisasi"),
  /** '' = every area. */
  area: z.string().regex(/^(\d{4}|\d{6}|\d{10})?$/).default(""),
  jenis: z.enum(findingKinds).optional(),
});
export type FindingFilter = z.input<typeof FindingFilterSchema>;

function whereOf(f: z.infer<typeof FindingFilterSchema>) {
  const values: unknown[] = [f.program, f.periode, f.tahap];
  const conds = ["program = $1", "periode = $2", "coalesce(tahap, 'realisasi') = $3::recipient_stage"];
  if (f.area) {
    values.push(f.area);
    conds.push(`${findingsAreaColumn(f.area)} = $${values.length}`);
  }
  if (f.jenis) {
    values.push(f.jenis);
    conds.push(`jenis = $${values.length}::finding_kind`);
  }
  return { where: conds.join(" AND "), values };
}

/** Findings per kind in the filter's scope (the kind filter itself is ignored). */
export async function countFindings(filter: FindingFilter, database?: Database): Promise<Record<string, number>> {
  const f = FindingFilterSchema.parse({ ...filter, jenis: undefined });
  const { pool } = database ?? (await getDatabase());
  const { where, values } = whereOf(f);
  const { rows } = await pool.query<{ jenis: string; n: number }>(
    `SELECT jenis::text, count(*)::int AS n FROM findings WHERE ${where} GROUP BY 1`,
    values,
  );
  return Object.fromEntries(rows.map((r) => [r.jenis, r.n]));
}

export interface FindingRow {
  id: number;
  program: string;
  periode: string;
  jenis: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string | null;
  desa: string | null;
  keterangan: string;
}

/** One page of findings (kind, desa, id order) with the desa name. */
export async function findingsPage(
  filter: FindingFilter & { limit: number; offset: number },
  database?: Database,
): Promise<FindingRow[]> {
  const f = FindingFilterSchema.parse(filter);
  const limit = z.number().int().min(1).max(1000).parse(filter.limit);
  const offset = z.number().int().min(0).parse(filter.offset);
  const { pool } = database ?? (await getDatabase());
  const { where, values } = whereOf(f);
  const { rows } = await pool.query<FindingRow>(
    `SELECT f.id, f.program, f.periode, f.jenis::text, f.nik, f.no_kk, f.id_rt, f.kode_desa, r.name AS desa, f.keterangan
       FROM (SELECT * FROM findings WHERE ${where}
             ORDER BY jenis, kode_desa, id LIMIT $${values.length + 1} OFFSET $${values.length + 2}) f
       LEFT JOIN regions r ON r.code = f.kode_desa
      ORDER BY f.jenis, f.kode_desa, f.id`,
    [...values, limit, offset],
  );
  return rows;
}

/** Every finding of the filter as formats.md `temuan` rows (for CSV/XLSX export). */
export async function findingsForExport(filter: FindingFilter, database?: Database) {
  const f = FindingFilterSchema.parse(filter);
  const { pool } = database ?? (await getDatabase());
  const { where, values } = whereOf(f);
  const { rows } = await pool.query<Record<"program" | "periode" | "jenis" | "nik" | "no_kk" | "id_rt" | "kode_desa" | "keterangan", string | null>>(
    `SELECT program, periode, jenis::text, nik, no_kk, id_rt, kode_desa, keterangan FROM findings WHERE ${where}
      ORDER BY jenis, kode_desa, id`,
    values,
  );
  return rows;
}

export interface CoverageWithName extends CoverageRow {
  nama: string;
}

/** Coverage rows of one program from the stored snapshot (realisasi), with area names. */
export async function storedCoverage(
  program: string,
  periode: string,
  database?: Database,
): Promise<{ computedAt: string | null; rows: CoverageWithName[] }> {
  const db = database ?? (await getDatabase());
  const snapshot = await readTargetingSnapshot(periode, db);
  if (!snapshot) return { computedAt: null, rows: [] };
  const rows = snapshot.coverage.filter((r) => r.program === program);
  const { rows: names } = await db.pool.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions WHERE code = ANY($1::text[])`,
    [rows.map((r) => r.kode_wilayah)],
  );
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return { computedAt: snapshot.computedAt, rows: rows.map((r) => ({ ...r, nama: nameOf.get(r.kode_wilayah) ?? r.kode_wilayah })) };
}

const overlapCache = new Map<string, HouseholdOverlap[]>();

/**
 * The household overlap matrix of a period (realisasi), cached until recipients change (a new
 * import batch) or a findings run stores a new snapshot.
 */
export async function cachedHouseholdOverlap(periode: string, database?: Database): Promise<HouseholdOverlap[]> {
  const db = database ?? (await getDatabase());
  const { rows } = await db.pool.query<{ v: string }>(
    `SELECT (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(finished_at)::text, '') FROM import_batches)
            || '|' || coalesce((SELECT computed_at::text FROM targeting_snapshots WHERE periode = $1 AND tahap = 'realisasi'), '') AS v`,
    [periode],
  );
  const key = `${periode}|${rows[0].v}`;
  const hit = overlapCache.get(key);
  if (hit) return hit;
  const value = await overlapByMask(periode, db);
  if (overlapCache.size > 32) overlapCache.clear();
  overlapCache.set(key, value);
  return value;
}

/**
 * The same matrix as snapshot.server's householdOverlap (households receiving both programs,
 * realisasi; diagonal: households receiving the program), counted through one bit mask of
 * programs per household: one hashed GROUP BY over the listings and a handful of distinct
 * masks, instead of a self-join of every (program, household) pair (measured 6.5 s at 300k
 * households under load). Pairs are expanded from the masks here.
 */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function overlapByMask(periode: string, database?: Database): Promise<HouseholdOverlap[]> {
  const { pool } = database ?? (await getDatabase());
  const { rows: programs } = await pool.query<{ kode: string }>(`SELECT kode FROM programs ORDER BY kode LIMIT 62`);
  const codes = programs.map((p) => p.kode);
  const { rows } = await pool.query<{ mask: string; n: number }>(
    `SELECT mask::text, count(*)::int AS n FROM (
       SELECT id_rt, bit_or(1::bigint << (array_position($1::text[], program::text) - 1)) AS mask
         FROM recipients WHERE periode = $2 AND tahap = 'realisasi' AND id_rt IS NOT NULL AND program = ANY($1::text[])
        GROUP BY id_rt) x
     GROUP BY mask`,
    [codes, periode],
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const mask = BigInt(r.mask);
    const present = codes.filter((_, i) => (mask >> BigInt(i)) & 1n);
    for (const a of present) for (const b of present) counts.set(`${a}|${b}`, (counts.get(`${a}|${b}`) ?? 0) + r.n);
  }
  return [...counts.entries()]
    .map(([k, households]) => {
      const [programA, programB] = k.split("|");
      return { programA, programB, households };
    })
    // Code-point order, as the database's C.UTF-8 collation sorts the codes.
    .sort((x, y) => cmp(x.programA, y.programA) || cmp(x.programB, y.programB));
}
