/**
 * Data freshness (Perbup Lumajang Ps 20: DTKS and program data are updated at least quarterly):
 * per source and desa, the last update and whether it is overdue.
 */
import type pg from "pg";

export const FRESHNESS_LIMIT_DAYS = 92;
export const freshnessSources = ["rumah_tangga", "anggota", "penduduk", "penerima"] as const;
export type FreshnessSource = (typeof freshnessSources)[number];

const sourceTables: Record<FreshnessSource, string> = {
  rumah_tangga: "households",
  anggota: "members",
  penduduk: "population",
  penerima: "recipients",
};

export interface FreshnessRow {
  kodeDesa: string;
  namaDesa: string;
  source: FreshnessSource;
  lastUpdate: string | null;
  ageDays: number | null;
  overdue: boolean;
}

/** One row per desa (under `areaPrefix`) and source; a source never loaded for a desa is overdue. */
export async function dataFreshness(
  pool: Pick<pg.Pool, "query">,
  areaPrefix: string,
  now: Date = new Date(),
): Promise<FreshnessRow[]> {
  const perSource = freshnessSources
    .map((s) => `SELECT '${s}'::text AS source, kode_desa, max(updated_at) AS last FROM ${sourceTables[s]} GROUP BY kode_desa`)
    .join(" UNION ALL ");
  const { rows } = await pool.query<FreshnessRow>(
    `WITH latest AS (${perSource})
     SELECT r.code AS "kodeDesa", r.name AS "namaDesa", s.source,
            to_char(l.last AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "lastUpdate",
            floor(extract(epoch FROM ($2::timestamptz - l.last)) / 86400)::int AS "ageDays",
            (l.last IS NULL OR $2::timestamptz - l.last > make_interval(days => $3)) AS overdue
       FROM regions r CROSS JOIN unnest($4::text[]) AS s(source)
       LEFT JOIN latest l ON l.kode_desa = r.code AND l.source = s.source
      WHERE r.level = 'desa' AND r.code LIKE $1 || '%'
      ORDER BY r.code, array_position($4::text[], s.source)`,
    [areaPrefix, now, FRESHNESS_LIMIT_DAYS, freshnessSources],
  );
  return rows;
}
