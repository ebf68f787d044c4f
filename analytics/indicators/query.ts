/**
 * Builds the one set-based indicator query from the catalogue. Layers (all inlined by Postgres
 * except the member GROUP BY):
 *   mm  members on the reference date (deceased/moved before it per Dukcapil, or born after it,
 *       left out) with umur from tanggal_lahir;
 *   ma  member aggregates per household (size, families, head's fields, member-flag counts);
 *   hb → hc → hf → hg  household base, criteria, flags, MPI deprivations and score.
 * Bound parameters: $1 reference date, $2 MPI weights (float8[], mpiIndicatorIds order),
 * $3 MPI k, then the scope values.
 */
import { mpiIndicatorIds } from "../mpi/config";
import { deprivationColumn, deprivationSql, memberAggregates, scoreSql } from "../mpi/sql";
import {
  bps14AssessableSql,
  bps14Criteria,
  bps14MetSql,
  flagColumn,
  householdIndicators,
  memberIndicators,
  rtlhCriteria,
} from "./catalogue";

export const levels = ["desa", "kecamatan", "kabupaten"] as const;
export type Level = (typeof levels)[number];

export const levelColumn: Record<Level, string> = {
  desa: "kode_desa",
  kecamatan: "kode_kecamatan",
  kabupaten: "kode_kabupaten",
};
export const levelCodeLength: Record<Level, number> = { desa: 10, kecamatan: 6, kabupaten: 4 };

export interface Scope {
  /** Only these area codes at the query's level (plain digits). */
  codes?: readonly string[];
  /** Only areas inside this ancestor (or equal) code: kabupaten, kecamatan or desa. */
  within?: string;
  /** Extra predicate on households alias `h` (e.g. the map's desil filter); its parameters must already be bound. */
  householdWhere?: string;
}

const withinColumn = (code: string): string => {
  switch (code.length) {
    case 10:
      return "kode_desa";
    case 6:
      return "kode_kecamatan";
    case 4:
      return "kode_kabupaten";
    default:
      throw new Error(`kode wilayah induk tidak valid: ${code}`);
  }
};

/** Household filter (alias h) and region filter (alias r) for a scope; values appended to `params`. */
function scopeWhere(level: Level, scope: Scope, params: unknown[]): { h: string; r: string } {
  const h: string[] = [];
  const r: string[] = [];
  if (scope.codes) {
    params.push(scope.codes);
    h.push(`h.${levelColumn[level]} = ANY($${params.length}::text[])`);
    r.push(`r.code = ANY($${params.length}::text[])`);
  }
  if (scope.within) {
    params.push(scope.within);
    h.push(`h.${withinColumn(scope.within)} = $${params.length}`);
    r.push(`left(r.code, ${scope.within.length}) = $${params.length}`);
  }
  if (scope.householdWhere) h.push(`(${scope.householdWhere})`);
  return { h: h.length ? h.join(" AND ") : "TRUE", r: r.length ? r.join(" AND ") : "TRUE" };
}

export const memberNum = (flag: string) => `m_${flag}_num`;
export const memberDen = (flag: string) => `m_${flag}_den`;

/** The CTE chain ending in `hg`: one row per household in scope with every flag. */
function householdChain(hWhere: string): string {
  const memberCols = memberIndicators.flatMap((ind) => {
    const f = flagColumn(ind);
    const expr = `(${ind.sql})`;
    return ind.kind === "count"
      ? [`count(*) FILTER (WHERE ${expr})::int AS ${memberNum(f)}`]
      : [`count(*) FILTER (WHERE ${expr})::int AS ${memberNum(f)}`, `count(${expr})::int AS ${memberDen(f)}`];
  });
  const memberColNames = memberIndicators.flatMap((ind) =>
    ind.kind === "count" ? [memberNum(flagColumn(ind))] : [memberNum(flagColumn(ind)), memberDen(flagColumn(ind))],
  );
  const mpiAgg = Object.entries(memberAggregates).map(([c, e]) => `${e} AS ${c}`);
  return `
mm AS (
  SELECT m.id_rt, m.no_kk, m.hubungan_krt, m.jenjang_pendidikan, m.lapangan_usaha,
         m.partisipasi_sekolah, m.disabilitas, m.penyakit_kronis, m.hamil,
         date_part('year', age($1::date, m.tanggal_lahir))::int AS umur,
         COALESCE(h.desil, h.status_kesejahteraan) AS desil_efektif,
         -- First member of each family: counts families without count(DISTINCT), whose per-group
         -- sorts dominated the run time; this sort also feeds the GROUP BY id_rt below.
         -- (COLLATE "C": byte order sorts several times faster than the database collation.)
         row_number() OVER (PARTITION BY m.id_rt COLLATE "C", m.no_kk COLLATE "C") = 1 AS kk_pertama
  FROM members m JOIN households h ON h.id_rt = m.id_rt
  WHERE ${hWhere}
    AND (m.tanggal_lahir IS NULL OR m.tanggal_lahir <= $1::date)
    AND NOT EXISTS (
      SELECT 1 FROM population p
      WHERE p.nik = m.nik AND p.status <> 'hidup' AND (p.tanggal_status IS NULL OR p.tanggal_status < $1::date))
),
ma AS (
  SELECT id_rt COLLATE "C" AS id_rt,
    count(*)::int AS jumlah_jiwa,
    count(*) FILTER (WHERE kk_pertama)::int AS jumlah_keluarga,
    -- Several heads (a data error) resolve to the lowest level / first sector in code order:
    -- deterministic, and min() keeps the aggregate hashable.
    min(jenjang_pendidikan) FILTER (WHERE hubungan_krt = 'kepala') AS krt_jenjang,
    min(lapangan_usaha) FILTER (WHERE hubungan_krt = 'kepala') AS krt_lapangan_usaha,
    count(umur)::int AS n_umur_diketahui,
    count(*) FILTER (WHERE umur >= 60)::int AS n_lansia,
    ${[...mpiAgg, ...memberCols].join(",\n    ")}
  FROM mm GROUP BY id_rt COLLATE "C"
),
hb AS (
  SELECT h.*,
    COALESCE(ma.jumlah_jiwa, 0) AS jumlah_jiwa,
    COALESCE(ma.jumlah_keluarga, 0) AS jumlah_keluarga,
    COALESCE(h.desil, h.status_kesejahteraan) AS desil_efektif,
    ma.krt_jenjang, ma.krt_lapangan_usaha,
    COALESCE(ma.n_umur_diketahui, 0) AS n_umur_diketahui, COALESCE(ma.n_lansia, 0) AS n_lansia,
    ${[...Object.keys(memberAggregates), ...memberColNames].map((c) => `ma.${c}`).join(", ")}
  FROM households h LEFT JOIN ma ON ma.id_rt = h.id_rt COLLATE "C"
  WHERE ${hWhere}
),
hc AS (
  SELECT hb.*,
    ${[...rtlhCriteria, ...bps14Criteria].map((c) => `${c.sql} AS ${c.column}`).join(",\n    ")}
  FROM hb OFFSET 0
),
hf AS (
  SELECT hc.*,
    ${bps14MetSql} AS bps14_terpenuhi,
    ${bps14AssessableSql} AS bps14_dapat_dinilai,
    ${householdIndicators.map((ind) => `${ind.sql} AS f_${flagColumn(ind)}`).join(",\n    ")},
    ${mpiIndicatorIds.map((id) => `${deprivationSql[id]} AS ${deprivationColumn(id)}`).join(",\n    ")}
  FROM hc OFFSET 0
),
hg AS (
  SELECT hf.*, s.mpi_skor, (hf.jumlah_jiwa > 0 AND s.mpi_skor >= $3::float8 - 1e-9) AS mpi_miskin
  FROM hf CROSS JOIN LATERAL (SELECT ${scoreSql("$2::float8[]")} AS mpi_skor) s
  OFFSET 0
)`;
}

/** Column names of the per-area aggregate (besides kode, nama). */
export function aggregateColumns(): string[] {
  const cols = ["jumlah_rt", "jumlah_keluarga", "jumlah_jiwa"];
  for (const ind of householdIndicators) cols.push(`${flagColumn(ind)}__num`, `${flagColumn(ind)}__den`);
  for (const ind of memberIndicators) {
    cols.push(`${flagColumn(ind)}__num`);
    if (ind.kind !== "count") cols.push(`${flagColumn(ind)}__den`);
  }
  cols.push("mpi_q", "mpi_sum_c");
  for (const id of mpiIndicatorIds) cols.push(`mpi_c_${id}`, `mpi_u_${id}`);
  return cols;
}

/**
 * Per-area sums for one or more levels in a single pass (GROUPING SETS): every figure is
 * additive, so kecamatan = Σ desa and kabupaten = Σ kecamatan. Rows: kabupaten, kecamatan, desa,
 * each by code; regions without households are included (with zero counts).
 */
export function areaQuery(forLevels: readonly Level[], scope: Scope, fixed: unknown[]): { text: string; values: unknown[] } {
  if (!forLevels.length) throw new Error("no level requested");
  if (scope.codes && forLevels.length > 1) throw new Error("codes scope needs exactly one level");
  const values = [...fixed];
  const where = scopeWhere(forLevels[0], scope, values);
  const ordered = levels.filter((l) => forLevels.includes(l)).reverse(); // kabupaten → desa
  const tingkatSql = `CASE ${ordered.map((l) => `WHEN GROUPING(${levelColumn[l]}) = 0 THEN '${l}'`).join(" ")} END`;
  const sumsSql = [
    "count(*)::int AS jumlah_rt",
    "sum(jumlah_keluarga)::int AS jumlah_keluarga",
    "sum(jumlah_jiwa)::int AS jumlah_jiwa",
    ...householdIndicators.flatMap((ind) => {
      const f = flagColumn(ind);
      return [`count(*) FILTER (WHERE f_${f})::int AS ${f}__num`, `count(f_${f})::int AS ${f}__den`];
    }),
    ...memberIndicators.flatMap((ind) => {
      const f = flagColumn(ind);
      const num = `COALESCE(sum(${memberNum(f)}), 0)::int AS ${f}__num`;
      return ind.kind === "count" ? [num] : [num, `COALESCE(sum(${memberDen(f)}), 0)::int AS ${f}__den`];
    }),
    "COALESCE(sum(jumlah_jiwa) FILTER (WHERE mpi_miskin), 0)::int AS mpi_q",
    "COALESCE(sum(jumlah_jiwa * mpi_skor) FILTER (WHERE mpi_miskin), 0)::float8 AS mpi_sum_c",
    ...mpiIndicatorIds.flatMap((id) => [
      `COALESCE(sum(jumlah_jiwa) FILTER (WHERE mpi_miskin AND ${deprivationColumn(id)}), 0)::int AS mpi_c_${id}`,
      `COALESCE(sum(jumlah_jiwa) FILTER (WHERE ${deprivationColumn(id)}), 0)::int AS mpi_u_${id}`,
    ]),
  ];
  const text = `WITH ${householdChain(where.h)},
agg AS (
  SELECT ${tingkatSql} AS tingkat,
    COALESCE(${ordered.map((l) => levelColumn[l]).reverse().join(", ")}) AS kode,
    ${sumsSql.join(",\n    ")}
  FROM hg GROUP BY GROUPING SETS (${ordered.map((l) => `(${levelColumn[l]})`).join(", ")})
),
r AS (
  SELECT r.code, r.level::text AS tingkat, r.name FROM regions r
  WHERE r.level IN (${ordered.map((l) => `'${l}'`).join(", ")}) AND ${where.r}
)
SELECT COALESCE(r.tingkat, agg.tingkat) AS tingkat, COALESCE(r.code, agg.kode) AS kode, r.name AS nama,
  ${aggregateColumns().map((c) => `agg.${c}`).join(", ")}
FROM r FULL JOIN agg ON agg.kode = r.code
ORDER BY length(COALESCE(r.code, agg.kode)), 2`;
  return { text, values };
}

/** Household flag columns returned by householdQuery (for profiles, tests and other engines). */
export function householdQuery(level: Level, scope: Scope, fixed: unknown[]): { text: string; values: unknown[] } {
  const values = [...fixed];
  const hWhere = scopeWhere(level, scope, values).h;
  const cols = [
    "id_rt",
    "kode_desa",
    "jumlah_jiwa",
    "jumlah_keluarga",
    "desil_efektif",
    "bps14_terpenuhi",
    "bps14_dapat_dinilai",
    ...rtlhCriteria.map((c) => c.column),
    ...bps14Criteria.map((c) => c.column),
    ...householdIndicators.map((ind) => `f_${flagColumn(ind)} AS ${flagColumn(ind)}`),
    ...memberIndicators.flatMap((ind) => {
      const f = flagColumn(ind);
      return ind.kind === "count" ? [`COALESCE(${memberNum(f)}, 0) AS ${memberNum(f)}`] : [`COALESCE(${memberNum(f)}, 0) AS ${memberNum(f)}`, `COALESCE(${memberDen(f)}, 0) AS ${memberDen(f)}`];
    }),
    ...mpiIndicatorIds.map((id) => deprivationColumn(id)),
    "mpi_skor",
    "mpi_miskin",
  ];
  const text = `WITH ${householdChain(hWhere)}
SELECT ${cols.join(", ")} FROM hg ORDER BY id_rt`;
  return { text, values };
}
