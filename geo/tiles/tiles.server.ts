/**
 * Vector tiles straight from PostGIS (ST_AsMVT + ST_TileEnvelope + ST_AsMVTGeom):
 * - one layer per region level (`kabupaten`, `kecamatan`, `desa`) with `code`, `name`,
 *   `parent_code` (the map joins measure values on `code`; feature id = numeric code so
 *   maplibre feature-state works);
 * - `rumah_tangga`: household points grouped into MultiPoints by `desil` and `terima`
 *   (receives the chosen program in the chosen period), only from z12 and capped.
 * Tiles are cached in an in-process LRU; importers call `invalidateTiles()` after a commit.
 */
import type { Feature, Geometry } from "geojson";
import type pg from "pg";
import { z } from "zod";
import { getDatabase } from "../../db/connection.server";
import { encodeTile } from "./js-mvt";
import { LruCache } from "./lru";

export const regionTileLayers = ["kabupaten", "kecamatan", "desa"] as const;
export const tileLayers = [...regionTileLayers, "rumah_tangga"] as const;
export type TileLayer = (typeof tileLayers)[number];

/** Below this zoom households are shown only as aggregates: never ship all points. */
export const householdMinZoom = 12;
/** Hard cap per point tile (bytes < 500 KB at ~10 B/point). */
export const maxPointFeatures = 50_000;
export const tileExtent = 4096;

export const TileRequestSchema = z
  .object({
    layer: z.enum(tileLayers),
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
    periode: z
      .string()
      .regex(/^\d{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/)
      .nullish()
      .transform((v) => v ?? null),
    program: z
      .string()
      .regex(/^[A-Z0-9_]{1,32}$/)
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: "tile outside the zoom level" });
export type TileRequest = z.infer<typeof TileRequestSchema>;

const cache = new LruCache<Uint8Array>(2_000, 128 * 1024 * 1024);
let generation = 1;

/** Drop every cached tile and label set; call after an import or edit of regions/households/recipients. */
export function invalidateTiles(): void {
  cache.clear();
  generation++;
}

/** Changes whenever the cache is invalidated: part of the tiles' ETag. */
export function tileGeneration(): number {
  return generation;
}

export function tileCacheStats() {
  return { entries: cache.size, bytes: cache.totalBytes, hits: cache.hits, misses: cache.misses };
}

const toBytes = (b: Buffer | null | undefined) => (b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(0));

/** Whether this PostGIS can build MVT itself (the embedded pglite-postgis cannot: no protobuf-c). */
const mvtSupport = new WeakMap<pg.Pool, Promise<boolean>>();
export function postgisHasMvt(pool: pg.Pool): Promise<boolean> {
  let known = mvtSupport.get(pool);
  if (!known) {
    known = pool
      .query("SELECT ST_AsMVT(t) FROM (SELECT ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) AS geom) t")
      .then(
        () => true,
        () => false,
      );
    mvtSupport.set(pool, known);
  }
  return known;
}

/** The JS-encoded fallback of regionTile. */
async function regionTileJs(pool: pg.Pool, level: (typeof regionTileLayers)[number], z: number, x: number, y: number): Promise<Uint8Array> {
  const { rows } = await pool.query<{ fid: number; code: string; name: string; parent_code: string | null; g: Geometry }>(
    `SELECT r.code::bigint AS fid, r.code, r.name, r.parent_code, ST_AsGeoJSON(r.geom, 6)::json AS g
       FROM regions r WHERE r.level = $4::region_level AND r.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / ${tileExtent}), 4326)`,
    [z, x, y, level],
  );
  const features: Feature[] = rows.map((r) => ({ type: "Feature", id: Number(r.fid), properties: { code: r.code, name: r.name, parent_code: r.parent_code }, geometry: r.g }));
  return encodeTile(level, features, z, x, y, { extent: tileExtent, buffer: 64 });
}

/** A polygon tile of one region level. */
export async function regionTile(pool: pg.Pool, level: (typeof regionTileLayers)[number], z: number, x: number, y: number): Promise<Uint8Array> {
  if (!(await postgisHasMvt(pool))) return regionTileJs(pool, level, z, x, y);
  const { rows } = await pool.query<{ mvt: Buffer }>(
    `WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
          b4326 AS (SELECT env, ST_Transform(env, 4326) AS env4326 FROM b)
     SELECT ST_AsMVT(t, $4::text, ${tileExtent}, 'geom', 'fid') AS mvt FROM (
       SELECT r.code::bigint AS fid, r.code, r.name, r.parent_code,
              ST_AsMVTGeom(ST_Transform(r.geom, 3857), b4326.env, ${tileExtent}, 64, true) AS geom
       FROM regions r, b4326
       WHERE r.level = $5::region_level AND r.geom && b4326.env4326
     ) t WHERE t.geom IS NOT NULL`,
    [z, x, y, level, level],
  );
  return toBytes(rows[0]?.mvt);
}

/**
 * A point tile of households, as one MultiPoint feature per (desil, receives) group: delta-coded
 * multipoints cost ~3 bytes a point against ~15 for a feature per household, which keeps a
 * z12 tile over a town under the 500 KB budget. Properties: `desil` (null when unknown),
 * `terima` (the household receives `program` in `periode`; any period when null) and `n`.
 * No identifiers travel in the tile: a click asks the server for the nearest household.
 * The desil filter is applied in the browser so that one cached tile serves every range.
 */
export async function householdTile(
  pool: pg.Pool,
  z: number,
  x: number,
  y: number,
  opts: { program?: string | null; periode?: string | null; scopePrefix?: string } = {},
): Promise<Uint8Array> {
  if (z < householdMinZoom) return new Uint8Array(0);
  if (!(await postgisHasMvt(pool))) return householdTileJs(pool, z, x, y, opts);
  const { rows } = await pool.query<{ mvt: Buffer }>(
    `WITH bb AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326) AS env4326),
          hh AS (
            SELECT h.id_rt, h.desil, h.location FROM households h, bb
            WHERE h.location && bb.env4326 AND h.kode_desa LIKE $6 || '%' LIMIT ${maxPointFeatures}
          ),
          rec AS (
            -- one bitmap scan for all ids of the tile instead of a lookup per household
            SELECT DISTINCT r.id_rt FROM recipients r
            WHERE $4::text IS NOT NULL AND r.id_rt = ANY(ARRAY(SELECT id_rt FROM hh))
              AND r.program = $4 AND r.tahap = 'realisasi' AND ($5::text IS NULL OR r.periode = $5)
          ),
          g AS (
            SELECT hh.desil, rec.id_rt IS NOT NULL AS terima, count(*)::int AS n,
                   ST_AsMVTGeom(ST_Transform(ST_Collect(hh.location), 3857), (SELECT env FROM bb), ${tileExtent}, 0, true) AS geom
            FROM hh LEFT JOIN rec ON rec.id_rt = hh.id_rt
            GROUP BY 1, 2
          )
     SELECT ST_AsMVT(g, 'rumah_tangga', ${tileExtent}, 'geom') AS mvt FROM g WHERE geom IS NOT NULL`,
    [z, x, y, opts.program ?? null, opts.periode ?? null, opts.scopePrefix ?? ""],
  );
  return toBytes(rows[0]?.mvt);
}

/** The JS-encoded fallback of householdTile: the same groups, as GeoJSON MultiPoints. */
async function householdTileJs(
  pool: pg.Pool,
  z: number,
  x: number,
  y: number,
  opts: { program?: string | null; periode?: string | null; scopePrefix?: string },
): Promise<Uint8Array> {
  const { rows } = await pool.query<{ desil: number | null; terima: boolean; n: number; g: Geometry }>(
    `WITH bb AS (SELECT ST_Transform(ST_TileEnvelope($1, $2, $3), 4326) AS env4326),
          hh AS (
            SELECT h.id_rt, h.desil, h.location FROM households h, bb
            WHERE h.location && bb.env4326 AND h.kode_desa LIKE $6 || '%' LIMIT ${maxPointFeatures}
          ),
          rec AS (
            SELECT DISTINCT r.id_rt FROM recipients r
            WHERE $4::text IS NOT NULL AND r.id_rt = ANY(ARRAY(SELECT id_rt FROM hh))
              AND r.program = $4 AND r.tahap = 'realisasi' AND ($5::text IS NULL OR r.periode = $5)
          )
     SELECT hh.desil, rec.id_rt IS NOT NULL AS terima, count(*)::int AS n, ST_AsGeoJSON(ST_Collect(hh.location), 6)::json AS g
       FROM hh LEFT JOIN rec ON rec.id_rt = hh.id_rt GROUP BY 1, 2`,
    [z, x, y, opts.program ?? null, opts.periode ?? null, opts.scopePrefix ?? ""],
  );
  const features: Feature[] = rows.map((r) => ({ type: "Feature", properties: { desil: r.desil, terima: r.terima, n: r.n }, geometry: r.g }));
  return encodeTile("rumah_tangga", features, z, x, y, { extent: tileExtent, buffer: 0 });
}

/**
 * Imports from the CLI run in another process, where `invalidateTiles()` cannot reach this
 * cache: so at most every few seconds the server compares the import batches it has seen with
 * the database's and drops the cache when they differ.
 */
const versionCheckMs = 5_000;
let lastVersionCheck = 0;
let seenImportVersion: string | null = null;
export async function refreshTileVersion(pool: pg.Pool, now = Date.now()): Promise<void> {
  if (now - lastVersionCheck < versionCheckMs) return;
  lastVersionCheck = now;
  const { rows } = await pool.query<{ v: string }>(
    `SELECT count(*) || ':' || COALESCE(max(id), 0) || ':' || COALESCE(max(finished_at)::text, '') AS v FROM import_batches`,
  );
  const v = rows[0]?.v ?? "";
  if (seenImportVersion !== null && v !== seenImportVersion) invalidateTiles();
  seenImportVersion = v;
}

/** A tile through the cache. */
export async function getTile(req: TileRequest & { scopePrefix?: string }, pool?: pg.Pool): Promise<{ data: Uint8Array; cached: boolean }> {
  const p = pool ?? (await getDatabase()).pool;
  await refreshTileVersion(p);
  const key = `${req.layer}/${req.z}/${req.x}/${req.y}/${req.layer === "rumah_tangga" ? `${req.program ?? ""}/${req.periode ?? "*"}/${req.scopePrefix ?? ""}` : ""}`;
  const hit = cache.get(key);
  if (hit) return { data: hit, cached: true };
  const data =
    req.layer === "rumah_tangga"
      ? await householdTile(p, req.z, req.x, req.y, { program: req.program, periode: req.periode, scopePrefix: req.scopePrefix ?? "" })
      : await regionTile(p, req.layer, req.z, req.x, req.y);
  cache.set(key, data);
  return { data, cached: false };
}

export interface LabelCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; geometry: { type: "Point"; coordinates: [number, number] }; properties: { code: string; name: string } }[];
}

/**
 * Label anchors for a level: ST_PointOnSurface (always inside the polygon, unlike the centroid
 * of a crescent-shaped desa). A few KB for a kabupaten's desa, so GeoJSON beats tiles here.
 */
export async function regionLabels(level: (typeof regionTileLayers)[number], within: string | null, pool?: pg.Pool): Promise<LabelCollection> {
  const key = `labels/${level}/${within ?? ""}`;
  const hit = cache.get(key);
  if (hit) return JSON.parse(new TextDecoder().decode(hit)) as LabelCollection;
  const p = pool ?? (await getDatabase()).pool;
  const { rows } = await p.query<{ code: string; name: string; lon: number; lat: number }>(
    `SELECT code, name, ST_X(pt) AS lon, ST_Y(pt) AS lat
     FROM (SELECT code, name, ST_PointOnSurface(geom) AS pt FROM regions
           WHERE level = $1::region_level AND geom IS NOT NULL AND ($2::text IS NULL OR code LIKE $2 || '%')) s
     ORDER BY code`,
    [level, within],
  );
  const fc: LabelCollection = {
    type: "FeatureCollection",
    features: rows.map((r) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [Math.round(r.lon * 1e5) / 1e5, Math.round(r.lat * 1e5) / 1e5] },
      properties: { code: r.code, name: r.name },
    })),
  };
  cache.set(key, new TextEncoder().encode(JSON.stringify(fc)));
  return fc;
}

/** Bounding box [west, south, east, north] of all loaded regions, null on an empty database. */
export async function regionsExtent(pool?: pg.Pool): Promise<[number, number, number, number] | null> {
  const p = pool ?? (await getDatabase()).pool;
  const { rows } = await p.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
     FROM (SELECT ST_Extent(geom)::geometry AS x FROM regions WHERE level IN ('kabupaten', 'kecamatan', 'desa')) q`,
  );
  const r = rows[0];
  return r && r.w !== null ? [r.w, r.s, r.e, r.n] : null;
}

/**
 * The household nearest to a clicked point, within `maxMeters` (point tiles carry no ids).
 * KNN on the GiST index (`<->`), then an exact distance check in metres.
 */
export async function nearestHousehold(lon: number, lat: number, maxMeters = 60, pool?: pg.Pool, scopePrefix = ""): Promise<string | null> {
  const p = pool ?? (await getDatabase()).pool;
  const { rows } = await p.query<{ id_rt: string }>(
    `SELECT id_rt FROM (
       SELECT id_rt, location FROM households WHERE location IS NOT NULL AND kode_desa LIKE $4 || '%'
       ORDER BY location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 1
     ) n WHERE ST_DWithin(n.location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)`,
    [lon, lat, maxMeters, scopePrefix],
  );
  return rows[0]?.id_rt ?? null;
}
