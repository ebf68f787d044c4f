/**
 * The hot-spot map layer (read side): Gi* on desa exclusion rates of one program and period,
 * computed from the STORED coverage snapshot (targeting_snapshots, written by each findings run)
 * instead of rebuilding E and B, and cached per (program, periode, snapshot time). Queen
 * contiguity (desa sharing a boundary or a corner, ST_Intersects) is computed once per set of
 * desa polygons and cached too. Statistic and FDR: hotspots.ts; confidence classes:
 * hotspot-classes.ts.
 */
import type pg from "pg";
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { confidenceClass, type HotspotConfidenceClass } from "./hotspot-classes";
import { giStar } from "./hotspots";
import { readTargetingSnapshot } from "./snapshot.server";

export interface HotspotLayerRow {
  code: string;
  /** Exclusion error of the desa (percent). */
  value: number;
  eligible: number;
  neighbours: number;
  z: number | null;
  q: number | null;
  kelas: HotspotConfidenceClass;
}

export interface HotspotLayer {
  program: string;
  periode: string;
  /** When the coverage snapshot the layer was computed from was taken (null: none yet). */
  computedAt: string | null;
  rows: HotspotLayerRow[];
}

type Neighbours = Map<string, string[]>;
let neighbourCache: { signature: string; value: Neighbours } | null = null;
const layerCache = new Map<string, HotspotLayer>();
const MAX_CACHED_LAYERS = 64;

/** Queen contiguity of every desa with a polygon (cached until the desa polygons change). */
export async function queenNeighbours(pool: pg.Pool): Promise<Neighbours> {
  const { rows: sig } = await pool.query<{ signature: string }>(
    `SELECT count(*)::text || ':' || coalesce(sum(ST_NPoints(geom)), 0)::text || ':' ||
            coalesce(md5(string_agg(code, ',' ORDER BY code)), '') AS signature
       FROM regions WHERE level = 'desa' AND geom IS NOT NULL`,
  );
  const signature = sig[0].signature;
  if (neighbourCache?.signature === signature) return neighbourCache.value;
  const { rows } = await pool.query<{ code: string; neighbours: string[] }>(
    `SELECT a.code, coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS neighbours
       FROM regions a
       LEFT JOIN regions b ON b.level = 'desa' AND b.code <> a.code AND b.geom && a.geom AND ST_Intersects(b.geom, a.geom)
      WHERE a.level = 'desa' AND a.geom IS NOT NULL
      GROUP BY a.code`,
  );
  const value: Neighbours = new Map(rows.map((r) => [r.code, r.neighbours]));
  neighbourCache = { signature, value };
  return value;
}

const OptionsSchema = z.object({
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/),
  periode: z.string().max(7),
});

/** Gi* hot and cold spots of desa exclusion rates (empty rows when no snapshot or < 3 desa). */
export async function hotspotLayer(options: z.input<typeof OptionsSchema>, database?: Database): Promise<HotspotLayer> {
  const o = OptionsSchema.parse(options);
  const db = database ?? (await getDatabase());
  const snapshot = await readTargetingSnapshot(o.periode, db);
  if (!snapshot) return { program: o.program, periode: o.periode, computedAt: null, rows: [] };
  const neighbours = await queenNeighbours(db.pool);
  const key = `${o.program}|${o.periode}|${snapshot.computedAt}|${neighbourCache?.signature ?? ""}`;
  const cached = layerCache.get(key);
  if (cached) return cached;

  const desa = snapshot.coverage.filter(
    (r) => r.program === o.program && r.tingkat === "desa" && r.eligible > 0 && r.exclusion_error_pct !== null && neighbours.has(r.kode_wilayah),
  );
  const inputs = desa.map((r) => ({ id: r.kode_wilayah, value: r.exclusion_error_pct!, neighbours: neighbours.get(r.kode_wilayah)! }));
  const taking = new Set(inputs.map((i) => i.id));
  const results = inputs.length >= 3 ? giStar(inputs) : [];
  const rows: HotspotLayerRow[] = results.map((g, i) => ({
    code: g.id,
    value: g.value,
    eligible: desa[i].eligible,
    neighbours: inputs[i].neighbours.filter((n) => taking.has(n)).length,
    z: g.z,
    q: g.q,
    kelas: confidenceClass(g),
  }));
  const layer = { program: o.program, periode: o.periode, computedAt: snapshot.computedAt, rows };
  if (layerCache.size >= MAX_CACHED_LAYERS) layerCache.delete(layerCache.keys().next().value!);
  layerCache.set(key, layer);
  return layer;
}

/** Empties the caches (tests that rewrite polygons within one process). */
export function clearHotspotCaches(): void {
  neighbourCache = null;
  layerCache.clear();
}
