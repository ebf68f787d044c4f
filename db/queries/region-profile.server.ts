/**
 * The facts of a region profile page that are not indicators: the region and its ancestors
 * (breadcrumbs), an SVG outline with its children for a small print-friendly map, per-child
 * counts, and programs with recipients in the area for the latest period. Stored region codes on
 * every row make these plain GROUP BYs (no point-in-polygon at read time).
 */
import type pg from "pg";

export interface RegionRef {
  code: string;
  level: string;
  name: string;
}

export interface ChildRow extends RegionRef {
  households: number;
  people: number;
  desil12: number;
}

export interface RegionFacts {
  region: RegionRef & { areaKm2: number | null };
  ancestors: RegionRef[];
  outline: { viewBox: string; region: string | null; children: { code: string; name: string; path: string }[] } | null;
  totals: { households: number; families: number; people: number; desil12: number };
  children: ChildRow[];
  periode: string | null;
  programs: { kode: string; nama: string; units: number; nilai: number | null }[];
}

const codeColumn: Record<string, string> = { kabupaten: "kode_kabupaten", kecamatan: "kode_kecamatan", desa: "kode_desa" };

export async function regionFacts(pool: Pick<pg.Pool, "query">, code: string): Promise<RegionFacts | null> {
  const { rows } = await pool.query<RegionRef & { parentCode: string | null; areaKm2: number | null }>(
    `SELECT code, level, name, parent_code AS "parentCode", area_km2 AS "areaKm2" FROM regions WHERE code = $1`,
    [code],
  );
  const region = rows[0];
  if (!region || !codeColumn[region.level]) return null;
  const col = codeColumn[region.level]!;
  const childLevel = region.level === "kabupaten" ? "kecamatan" : region.level === "kecamatan" ? "desa" : null;
  const childCol = childLevel ? codeColumn[childLevel]! : null;

  const ancestors = await pool.query<RegionRef>(
    `SELECT code, level, name FROM regions WHERE code = ANY($1) AND level IN ('kabupaten', 'kecamatan') ORDER BY length(code)`,
    [[code.slice(0, 4), code.slice(0, 6)].filter((c) => c.length < code.length)],
  );
  const totals = await pool.query<RegionFacts["totals"]>(
    `SELECT (SELECT count(*)::int FROM households WHERE ${col} = $1) AS households,
            (SELECT count(DISTINCT no_kk)::int FROM members WHERE ${col} = $1) AS families,
            (SELECT count(*)::int FROM members WHERE ${col} = $1) AS people,
            (SELECT count(*)::int FROM households WHERE ${col} = $1 AND desil <= 2) AS "desil12"`,
    [code],
  );
  const children = childCol
    ? await pool.query<ChildRow>(
        `SELECT r.code, r.level, r.name,
                coalesce(h.households, 0)::int AS households, coalesce(m.people, 0)::int AS people, coalesce(h.desil12, 0)::int AS "desil12"
           FROM regions r
           LEFT JOIN (SELECT ${childCol} AS code, count(*) AS households, count(*) FILTER (WHERE desil <= 2) AS desil12
                        FROM households WHERE ${col} = $1 GROUP BY 1) h ON h.code = r.code
           LEFT JOIN (SELECT ${childCol} AS code, count(*) AS people FROM members WHERE ${col} = $1 GROUP BY 1) m ON m.code = r.code
          WHERE r.level = $2 AND r.code LIKE $1 || '%' ORDER BY r.name`,
        [code, childLevel],
      )
    : { rows: [] as ChildRow[] };
  // SVG paths in a local frame: ST_AsSVG flips y, so the viewBox starts at -ymax.
  const outline = await pool.query<{ viewBox: string | null; region: string | null; children: { code: string; name: string; path: string }[] | null }>(
    `WITH r AS (SELECT geom, ST_Envelope(geom) AS env FROM regions WHERE code = $1 AND geom IS NOT NULL),
          tol AS (SELECT greatest(ST_XMax(env) - ST_XMin(env), ST_YMax(env) - ST_YMin(env)) / 400 AS t, env FROM r)
     SELECT concat_ws(' ', ST_XMin(tol.env), -ST_YMax(tol.env), ST_XMax(tol.env) - ST_XMin(tol.env), ST_YMax(tol.env) - ST_YMin(tol.env)) AS "viewBox",
            (SELECT ST_AsSVG(ST_SimplifyPreserveTopology(geom, tol.t), 0, 5) FROM r) AS region,
            (SELECT json_agg(json_build_object('code', c.code, 'name', c.name, 'path', ST_AsSVG(ST_SimplifyPreserveTopology(c.geom, tol.t), 0, 5)) ORDER BY c.code)
               FROM regions c WHERE c.level::text = $2 AND c.code LIKE $1 || '%' AND c.geom IS NOT NULL) AS children
       FROM tol`,
    [code, childLevel ?? "none"],
  );
  const periodeRow = await pool.query<{ periode: string | null }>(
    `SELECT max(periode) AS periode FROM recipients WHERE tahap = 'realisasi' AND ${col} = $1`,
    [code],
  );
  const periode = periodeRow.rows[0]?.periode ?? null;
  const programs = periode
    ? await pool.query<RegionFacts["programs"][number]>(
        `SELECT p.kode, p.nama, count(DISTINCT r.unit_key)::int AS units, sum(r.nilai)::float8 AS nilai
           FROM recipients r JOIN programs p ON p.kode = r.program
          WHERE r.${col} = $1 AND r.periode = $2 AND r.tahap = 'realisasi'
          GROUP BY p.kode, p.nama ORDER BY p.kode`,
        [code, periode],
      )
    : { rows: [] };
  const o = outline.rows[0];
  return {
    region: { code: region.code, level: region.level, name: region.name, areaKm2: region.areaKm2 },
    ancestors: ancestors.rows,
    outline: o?.viewBox ? { viewBox: o.viewBox, region: o.region, children: o.children ?? [] } : null,
    totals: totals.rows[0]!,
    children: children.rows,
    periode,
    programs: programs.rows,
  };
}
