/**
 * Map benchmarks (issue 3) on whatever is loaded: point tiles over the densest desa, desa polygon
 * tiles z9–z11, choropleth data against the bare GROUP BY, and the bytes of a first /peta load.
 * Tiles are generated uncached (the functions below the LRU) so the figures are the database's.
 */
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { getDatabase } from "../../db/connection.server";
import { measureValues } from "../../analytics/measures/values.server";
import { loadPeta } from "../../app/routes/peta/data.server";
import { parsePetaParams } from "../../app/routes/peta/params";
import { tilesCovering } from "./tilemath";
import { householdTile, regionLabels, regionsExtent, regionTile } from "./tiles.server";

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}
const ms = (n: number) => Math.round(n * 10) / 10;
function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, medianMs: ms(quantile(s, 0.5)), p95Ms: ms(quantile(s, 0.95)), maxMs: ms(s[s.length - 1] ?? NaN) };
}
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
/** Tiles covering the bbox, nearest its centre first, at most `max`. */
function sampleTiles(bbox: [number, number, number, number], z: number, max: number) {
  const all = tilesCovering(bbox, z);
  const cx = all.reduce((a, t) => a + t.x, 0) / all.length;
  const cy = all.reduce((a, t) => a + t.y, 0) / all.length;
  return all.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy)).slice(0, max);
}

export async function benchTiles(opts: { pool?: pg.Pool; rounds?: number } = {}): Promise<Record<string, unknown>> {
  const pool = opts.pool ?? (await getDatabase()).pool;
  const rounds = opts.rounds ?? 3;
  const out: Record<string, unknown> = {};
  const { rows: counts } = await pool.query<{ households: number; desa: number }>(
    `SELECT (SELECT count(*)::int FROM households) AS households, (SELECT count(*)::int FROM regions WHERE level = 'desa') AS desa`,
  );
  out.households = counts[0].households;
  out.desa = counts[0].desa;
  const extent = await regionsExtent(pool);
  if (!extent || counts[0].households === 0) return { ...out, skipped: "no regions or households loaded" };

  // Densest desa by located households; its households' bbox is the sample area.
  const { rows: dense } = await pool.query<{ kode_desa: string; n: number; w: number; s: number; e: number; nn: number }>(
    `SELECT kode_desa, count(*)::int AS n, ST_XMin(ST_Extent(location)) AS w, ST_YMin(ST_Extent(location)) AS s,
            ST_XMax(ST_Extent(location)) AS e, ST_YMax(ST_Extent(location)) AS nn
     FROM households WHERE location IS NOT NULL GROUP BY kode_desa ORDER BY count(*) DESC LIMIT 1`,
  );
  if (dense[0]) {
    const d = dense[0];
    out.densestDesa = { code: d.kode_desa, households: d.n };
    // Points coloured by desil (no receipt lookup), and by receipt of the largest program in its
    // latest period (the heaviest case).
    const { rows: per } = await pool.query<{ program: string | null; periode: string | null }>(
      `SELECT program, max(periode) AS periode FROM recipients WHERE tahap = 'realisasi' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const filter = { program: per[0]?.program ?? null, periode: per[0]?.periode ?? null };
    out.pointTileProgram = filter;
    const variants = [
      { suffix: "", filter: {} },
      { suffix: "Program", filter },
    ];
    for (const z of [12, 14, 16]) for (const v of variants) {
      const tiles = sampleTiles([d.w, d.s, d.e, d.nn], z, 9);
      const times: number[] = [];
      let maxBytes = 0;
      let maxFeatures = 0;
      for (let r = 0; r < rounds; r++) {
        for (const t of tiles) {
          const [data, dt] = await timed(() => householdTile(pool, t.z, t.x, t.y, v.filter));
          times.push(dt);
          if (r === 0) {
            maxBytes = Math.max(maxBytes, data.byteLength);
            // Features are MultiPoints: count the households (points) they hold.
            const layer = data.byteLength ? new VectorTile(new PbfReader(data)).layers.rumah_tangga : undefined;
            let points = 0;
            for (let i = 0; i < (layer?.length ?? 0); i++) points += layer!.feature(i).loadGeometry().flat().length;
            maxFeatures = Math.max(maxFeatures, points);
          }
        }
      }
      out[`pointTileZ${z}${v.suffix}`] = { tiles: tiles.length, ...stats(times), maxBytes, maxFeatures };
    }
  }

  // Desa polygons z9–z11 over the whole extent (at most 16 tiles per zoom).
  const polyTimes: number[] = [];
  for (const z of [9, 10, 11]) {
    const tiles = sampleTiles(extent, z, 16);
    const times: number[] = [];
    let maxBytes = 0;
    for (let r = 0; r < rounds; r++) {
      for (const t of tiles) {
        const [data, dt] = await timed(() => regionTile(pool, "desa", t.z, t.x, t.y));
        times.push(dt);
        maxBytes = Math.max(maxBytes, data.byteLength);
      }
    }
    polyTimes.push(...times);
    out[`desaTileZ${z}`] = { tiles: tiles.length, ...stats(times), maxBytes };
  }
  out.desaTileZ9to11P95Ms = stats(polyTimes).p95Ms;

  // Choropleth data for all desa (households, desil 1–4) against the bare GROUP BY, interleaved.
  const measureTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let r = 0; r < 10; r++) {
    measureTimes.push((await timed(() => measureValues({ measure: "households", level: "desa", filters: { desilMin: 1, desilMax: 4 } }, pool)))[1]);
    bareTimes.push((await timed(() => pool.query(`SELECT kode_desa, count(*) FROM households WHERE desil BETWEEN 1 AND 4 GROUP BY 1`)))[1]);
  }
  const m = stats(measureTimes);
  const b = stats(bareTimes);
  out.choroplethDesa = m;
  out.bareGroupBy = b;
  out.choroplethRatioP95 = Math.round((m.p95Ms / b.p95Ms) * 100) / 100;
  out.choroplethRatioMedian = Math.round((m.medianMs / b.medianMs) * 100) / 100;

  // First /peta load at kabupaten zoom (excluding the JS bundle): loader JSON, labels, and the
  // three region layers' tiles covering the extent in a 1280×800 viewport.
  const [peta, loaderMs] = await timed(() => loadPeta(parsePetaParams(new URLSearchParams())));
  const loaderBytes = Buffer.byteLength(JSON.stringify(peta));
  const [w, s, e, n] = extent;
  const zFit = Math.max(0, Math.floor(Math.log2(Math.min((1280 * 360) / (512 * (e - w)), (800 * 180) / (512 * (n - s))))));
  let tileBytes = 0;
  // maplibre requests 512 px vector tiles at the map's integer zoom.
  for (const level of ["kabupaten", "kecamatan", "desa"] as const) {
    for (const t of tilesCovering(extent, zFit)) tileBytes += (await regionTile(pool, level, t.z, t.x, t.y)).byteLength;
  }
  const labelBytes =
    Buffer.byteLength(JSON.stringify(await regionLabels("kecamatan", null, pool))) + Buffer.byteLength(JSON.stringify(await regionLabels("desa", null, pool)));
  out.firstLoad = { zoom: zFit, tiles: tilesCovering(extent, zFit).length * 3, loaderBytes, loaderMs: ms(loaderMs), tileBytes, labelBytes, totalBytes: loaderBytes + tileBytes + labelBytes };
  return out;
}
