/**
 * Candidate lists (Perwali Mojokerto 30/2019 Ps 13; Ps 12 multi-level sorting): the eligible
 * units of a program and period that are not yet listed for it (penetapan or realisasi), ranked
 * by desil (poorest first), then by a local score, then by desa and key. The eligible units not
 * receiving are the exclusion findings the last findings run stored for the program and period
 * (the same E \ B the targeting pages show; indexed, so a kabupaten list is a read, not a
 * rebuild); only when no findings run exists yet is the program's compiled rule run directly
 * (measured 26 s for PBI_JKN at 300k households). Units already in the decree (penetapan) are left
 * out. The ranked list is cached per program, period, area and data version so paging and export
 * do not rebuild it; names are looked up only for the rows shown or exported.
 *
 * Local score (default until TKPK sets its own instrument): the number of housing deprivations
 * of the unit's household, 0–7 — earth/bamboo floor; fragile wall; fragile roof; no own toilet;
 * no electricity; unsafe drinking water; solid cooking fuel (domain.md §8 definitions).
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { loadPrograms } from "../eligibility/programs.server";
import { PeriodeSchema, periodRange } from "../eligibility/period";
import { compileEligibility, SqlParams, unitKeyColumn } from "../eligibility/sql";

export const localScoreSql = (h: string) => {
  const terms = [
    `${h}.lantai IN ('tanah', 'bambu')`,
    `${h}.dinding IN ('bambu', 'anyaman_bambu', 'batang_kayu') OR ${h}.kondisi_dinding = 'jelek'`,
    `${h}.atap IN ('bambu', 'jerami_ijuk_rumbia') OR ${h}.kondisi_atap = 'jelek'`,
    `${h}.fasilitas_bab IN ('umum', 'tidak_ada')`,
    `${h}.sumber_penerangan = 'bukan_listrik'`,
    `${h}.sumber_air_minum IN ('sumur_tak_terlindung', 'mata_air_tak_terlindung', 'air_permukaan', 'air_hujan', 'lainnya')`,
    `${h}.bahan_bakar_memasak IN ('kayu_bakar', 'arang', 'briket')`,
  ];
  // An unknown field counts as not deprived (the score only ranks; it never excludes).
  return `(${terms.map((t) => `coalesce((${t})::int, 0)`).join(" + ")})`;
};

export interface CandidateRow {
  peringkat: number;
  unit_key: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  nama: string | null;
  kode_desa: string;
  desa: string | null;
  desil: number | null;
  skor_lokal: number;
}

export interface CandidateList {
  program: string;
  unit: string;
  periode: string;
  area: string;
  rows: CandidateRow[];
  /** Where E \ B came from: stored exclusion findings, or the rule run directly. */
  source: "temuan" | "aturan";
  computedAt: string;
  ms: number;
}

const OptionsSchema = z.object({
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/),
  periode: PeriodeSchema,
  /** Code prefix ('' = all). */
  area: z.string().regex(/^(\d{4}|\d{6}|\d{10})?$/).default(""),
});

const cache = new Map<string, { at: number; list: CandidateList }>();
const TTL_MS = 5 * 60_000;

async function dataVersion(db: Database): Promise<string> {
  const { rows } = await db.pool.query<{ v: string }>(
    `SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(finished_at)::text, '') AS v FROM import_batches`,
  );
  return rows[0].v;
}

export async function candidateRanking(options: z.input<typeof OptionsSchema>, database?: Database): Promise<CandidateList> {
  const o = OptionsSchema.parse(options);
  const db = database ?? (await getDatabase());
  const key = `${o.program}|${o.periode}|${o.area}|${await dataVersion(db)}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const started = performance.now();
  const [program] = await loadPrograms(db.pool, o.program, o.periode);
  if (!program) throw new Response(`Program ${o.program} tidak dikenal`, { status: 404 });
  const { rows: stored } = await db.pool.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM findings WHERE program = $1 AND periode = $2
                    AND coalesce(detail ->> 'tahap', 'realisasi') = 'realisasi') AS ok`,
    [program.kode, o.periode],
  );
  if (stored[0].ok) {
    const { rows } = await db.pool.query<CandidateRow>(
      `SELECT (row_number() OVER (ORDER BY q.desil NULLS LAST, q.skor_lokal DESC, q.kode_desa, q.unit_key))::int AS peringkat,
              q.unit_key, q.nik, q.no_kk, q.id_rt, NULL::text AS nama, q.kode_desa, r.name AS desa, q.desil, q.skor_lokal
         FROM (SELECT CASE $4::text WHEN 'individu' THEN f.nik WHEN 'keluarga' THEN f.no_kk ELSE f.id_rt END AS unit_key,
                      f.nik, f.no_kk, f.id_rt, f.kode_desa, (f.detail ->> 'desil')::int AS desil, ${localScoreSql("h")} AS skor_lokal
                 FROM findings f LEFT JOIN households h ON h.id_rt = f.id_rt
                WHERE f.program = $1 AND f.periode = $2 AND f.jenis = 'exclusion'
                  AND coalesce(f.detail ->> 'tahap', 'realisasi') = 'realisasi' AND f.kode_desa LIKE $3 || '%') q
         LEFT JOIN regions r ON r.code = q.kode_desa
        WHERE NOT EXISTS (SELECT 1 FROM recipients x WHERE x.program = $1 AND x.periode = $2 AND x.tahap = 'penetapan'
                            AND x.unit_key = q.unit_key)
        ORDER BY 1`,
      [program.kode, o.periode, o.area, program.unit],
    );
    return remember(key, { program: program.kode, unit: program.unit, periode: o.periode, area: o.area, rows, source: "temuan", computedAt: new Date().toISOString(), ms: Math.round(performance.now() - started) });
  }
  const params = new SqlParams();
  const compiled = compileEligibility(program, periodRange(o.periode), params, { tahap: "realisasi" });
  const col = unitKeyColumn[program.unit];
  const area = params.add(o.area);
  const kode = params.add(program.kode);
  const periode = params.add(o.periode);
  const { rows } = await db.pool.query<CandidateRow>(
    `SELECT (row_number() OVER (ORDER BY q.desil NULLS LAST, ${localScoreSql("h")} DESC, q.kode_desa, q.unit_key))::int AS peringkat,
            q.unit_key, q.nik, q.no_kk, q.id_rt,
            NULL::text AS nama,
            q.kode_desa, r.name AS desa, q.desil, ${localScoreSql("h")} AS skor_lokal
       FROM (${compiled.text}) q
       LEFT JOIN households h ON h.id_rt = q.id_rt
       LEFT JOIN regions r ON r.code = q.kode_desa
      WHERE q.kode_desa LIKE ${area} || '%'
        AND NOT EXISTS (SELECT 1 FROM recipients x WHERE x.program = ${kode} AND x.periode = ${periode}
                          AND x.tahap IN ('penetapan', 'realisasi') AND (x.unit_key = q.unit_key OR x.${col} = q.${col}))
      ORDER BY 1`,
    params.values,
  );
  return remember(key, {
    program: program.kode,
    unit: program.unit,
    periode: o.periode,
    area: o.area,
    rows,
    source: "aturan",
    computedAt: new Date().toISOString(),
    ms: Math.round(performance.now() - started),
  });
}

function remember(key: string, list: CandidateList): CandidateList {
  if (cache.size > 16) cache.clear();
  cache.set(key, { at: Date.now(), list });
  return list;
}

/** The rows with names (DTKS member of the unit's NIK: the person, or the family's head). */
export async function withNames(rows: readonly CandidateRow[], database?: Database): Promise<CandidateRow[]> {
  const niks = [...new Set(rows.map((r) => r.nik).filter((n): n is string => n !== null))];
  if (!niks.length) return [...rows];
  const { pool } = database ?? (await getDatabase());
  const { rows: names } = await pool.query<{ nik: string; nama: string }>(
    `SELECT DISTINCT ON (nik) nik, nama FROM members WHERE nik = ANY($1::text[]) ORDER BY nik, id`,
    [niks],
  );
  const byNik = new Map(names.map((n) => [n.nik, n.nama]));
  return rows.map((r) => ({ ...r, nama: r.nik ? (byNik.get(r.nik) ?? null) : null }));
}

/** Candidates per desil (aggregates for viewers without personal-data rights). */
export function countByDesil(rows: readonly CandidateRow[]): { desil: number | null; jumlah: number }[] {
  const m = new Map<number | null, number>();
  for (const r of rows) m.set(r.desil, (m.get(r.desil) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => (a[0] ?? 99) - (b[0] ?? 99)).map(([desil, jumlah]) => ({ desil, jumlah }));
}

export const candidateColumns = ["peringkat", "program", "periode", "nik", "no_kk", "id_rt", "nama", "kode_desa", "desil", "skor_lokal"] as const;
