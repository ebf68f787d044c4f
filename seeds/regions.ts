/**
 * Desa of Kabupaten Lumajang (35.08) for the seed: real Kemendagri codes and names from the npm
 * package idn-area-data, with either synthetic boundaries (Voronoi cells per kecamatan clipped to
 * a generated kabupaten outline) or real desa polygons from a GeoJSON file.
 */
import { readFile } from "node:fs/promises";
import { Delaunay } from "d3-delaunay";
import { area, bbox, booleanPointInPolygon, centroid, featureCollection, intersect, polygon } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { getDistricts, getVillages } from "idn-area-data";
import { z } from "zod";
import { Random } from "./random";

export const kabupatenCode = "3508";
export const kabupatenName = "Kabupaten Lumajang";

export type DesaGeometry = Polygon | MultiPolygon;

export interface SeedDesa {
  /** Plain 10-digit code. */
  code: string;
  name: string;
  /** Plain 6-digit code. */
  kecamatanCode: string;
  kecamatanName: string;
  geometry: DesaGeometry;
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
  /** Kelurahan codes start with 1 after the kecamatan part (urban areas). */
  isKelurahan: boolean;
}

const plain = (code: string) => code.replace(/\./g, "");

export interface AreaNames {
  kecamatan: { code: string; name: string }[];
  desa: { code: string; name: string; kecamatanCode: string }[];
}

/** Kecamatan and desa of Lumajang from idn-area-data, codes plain, sorted by code. */
export async function loadLumajangNames(): Promise<AreaNames> {
  const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
  const kecamatan = districts
    .filter((d) => plain(d.regency_code) === kabupatenCode)
    .map((d) => ({ code: plain(d.code), name: d.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  const desa = villages
    .filter((v) => kecCodes.has(plain(v.district_code)))
    .map((v) => ({ code: plain(v.code), name: v.name, kecamatanCode: plain(v.district_code) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (kecamatan.length === 0 || desa.length === 0) throw new Error("idn-area-data has no Lumajang (35.08) areas");
  return { kecamatan, desa };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Rounds to 1e-6° (about 0.1 m) and drops the repeated vertices rounding can create. */
function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round6(p[0]), round6(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out;
}

function roundGeometry(g: DesaGeometry): DesaGeometry {
  if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map(roundRing).filter((r) => r.length >= 4) };
  return {
    type: "MultiPolygon",
    coordinates: g.coordinates
      .map((poly) => poly.map(roundRing).filter((r) => r.length >= 4))
      .filter((poly) => poly.length > 0),
  };
}

/** An irregular, star-shaped kabupaten outline around Lumajang (lon ≈ 112.90–113.38, lat ≈ −8.36 to −7.90). */
export function syntheticOutline(rng: Random): Feature<Polygon> {
  const [cx, cy] = [113.14, -8.13];
  const [rx, ry] = [0.235, 0.225];
  const phases = [0, 0, 0, 0].map(() => rng.float(0, 2 * Math.PI));
  const ring: Position[] = [];
  const n = 72;
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r =
      1 +
      0.1 * Math.sin(2 * t + phases[0]) +
      0.06 * Math.sin(3 * t + phases[1]) +
      0.035 * Math.sin(5 * t + phases[2]) +
      0.02 * Math.sin(9 * t + phases[3]) +
      rng.float(-0.012, 0.012);
    ring.push([round6(cx + rx * r * Math.cos(t)), round6(cy + ry * r * Math.sin(t))]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return polygon([ring]);
}

/** Uniform random point inside a (multi)polygon by rejection in its bounding box. */
export function randomPointIn(rng: Random, geom: DesaGeometry, box: readonly number[]): [number, number] {
  for (let i = 0; i < 10_000; i++) {
    const p: [number, number] = [rng.float(box[0], box[2]), rng.float(box[1], box[3])];
    if (booleanPointInPolygon(p, geom)) return p;
  }
  throw new Error("could not sample a point inside a polygon");
}

/**
 * Voronoi cells of `count` seeds inside `region`, relaxed by Lloyd's algorithm so cells have
 * similar sizes, each clipped to `region`. Cells tile the region, so groups stay contiguous.
 */
function relaxedVoronoi(
  rng: Random,
  region: Feature<DesaGeometry>,
  count: number,
  iterations: number,
  initialSeeds?: ([number, number] | null)[],
): DesaGeometry[] {
  if (count === 1) return [region.geometry];
  const box = bbox(region);
  const pad = 0.01;
  const bounds: [number, number, number, number] = [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
  let seeds = Array.from({ length: count }, (_, i) => initialSeeds?.[i] ?? randomPointIn(rng, region.geometry, box));
  // Lloyd steps on the bbox-clipped cells (cheap); only the final cells are clipped to the
  // region (polygon clipping is the slow part).
  for (let it = 0; it < iterations; it++) {
    const voronoi = Delaunay.from(seeds).voronoi(bounds);
    seeds = seeds.map((seed, i) => {
      const cell = voronoi.cellPolygon(i) as Position[] | null;
      if (!cell) return seed;
      const [x, y] = centroid(polygon([cell])).geometry.coordinates;
      // A centroid may fall outside a non-convex region: keep the old seed then.
      return booleanPointInPolygon([x, y], region.geometry) ? ([x, y] as [number, number]) : seed;
    });
  }
  const voronoi = Delaunay.from(seeds).voronoi(bounds);
  const cells = seeds.map((seed, i) => {
    const cell = voronoi.cellPolygon(i) as Position[] | null;
    if (!cell) throw new Error("empty Voronoi cell");
    const clipped = intersect(featureCollection([polygon([cell]), region]));
    if (!clipped) throw new Error(`Voronoi cell ${i} misses its region (seed ${seed.join(",")})`);
    return clipped.geometry;
  });
  return cells;
}

function boxOf(g: DesaGeometry): [number, number, number, number] {
  const b = bbox(g);
  return [b[0], b[1], b[2], b[3]];
}

/** Approximate centres of Lumajang's kecamatan (from the real boundaries), seeds of the synthetic cells. */
const kecamatanAnchors: Record<string, [number, number]> = {
  "350801": [112.977, -8.286], // Tempursari
  "350802": [112.953, -8.197], // Pronojiwo
  "350803": [113.056, -8.168], // Candipuro
  "350804": [113.1, -8.223], // Pasirian
  "350805": [113.171, -8.201], // Tempeh
  "350806": [113.229, -8.222], // Kunir
  "350807": [113.282, -8.234], // Yosowilangun
  "350808": [113.307, -8.184], // Rowokangkung
  "350809": [113.254, -8.176], // Tekung
  "350810": [113.233, -8.133], // Lumajang
  "350811": [113.044, -8.109], // Pasrujambe
  "350812": [113.052, -8.054], // Senduro
  "350813": [113.153, -8.031], // Gucialit
  "350814": [113.182, -8.091], // Padang
  "350815": [113.235, -8.109], // Sukodono
  "350816": [113.229, -8.042], // Kedungjajang
  "350817": [113.329, -8.123], // Jatiroto
  "350818": [113.313, -8.064], // Randuagung
  "350819": [113.24, -7.993], // Klakah
  "350820": [113.238, -7.947], // Ranuyoso
  "350821": [113.188, -8.146], // Sumbersuko
};

const syntheticCache = new Map<string, SeedDesa[]>();

/** Desa with synthetic boundaries: kecamatan cells in the outline, desa cells in each kecamatan. Memoised per seed (≈1.5 s of polygon clipping). */
export function syntheticDesa(names: AreaNames, seed: number | string): SeedDesa[] {
  const key = `${seed}/${names.desa.map((d) => d.code).join(",")}`;
  let cached = syntheticCache.get(key);
  if (!cached) {
    cached = buildSyntheticDesa(names, seed);
    syntheticCache.set(key, cached);
  }
  return cached;
}

function buildSyntheticDesa(names: AreaNames, seed: number | string): SeedDesa[] {
  const rng = new Random(seed, "boundaries");
  const outline = syntheticOutline(rng);
  // Known kecamatan keep their real relative position (the map reads like Lumajang); others are random.
  const [cx, cy] = centroid(outline).geometry.coordinates;
  const anchors = names.kecamatan.map((k) => {
    const at = kecamatanAnchors[k.code];
    if (!at) return null;
    // Pull an anchor toward the centre until it lies inside the generated outline.
    for (let t = 1; t > 0.2; t -= 0.05) {
      const p: [number, number] = [cx + (at[0] - cx) * t, cy + (at[1] - cy) * t];
      if (booleanPointInPolygon(p, outline)) return p;
    }
    return null;
  });
  const anchored = anchors.every((a) => a !== null);
  const kecCells = relaxedVoronoi(rng, outline, names.kecamatan.length, anchored ? 0 : 3, anchors);
  const out: SeedDesa[] = [];
  names.kecamatan.forEach((kec, k) => {
    const desaOfKec = names.desa.filter((d) => d.kecamatanCode === kec.code);
    const kecFeature: Feature<DesaGeometry> = { type: "Feature", properties: {}, geometry: kecCells[k] };
    const cells = relaxedVoronoi(rng, kecFeature, desaOfKec.length, 2);
    desaOfKec.forEach((d, i) => {
      const geometry = roundGeometry(cells[i]);
      out.push({
        code: d.code,
        name: d.name,
        kecamatanCode: kec.code,
        kecamatanName: kec.name,
        geometry,
        bbox: boxOf(geometry),
        isKelurahan: d.code[6] === "1",
      });
    });
  });
  return out;
}

const BoundaryFileSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()) }),
    }),
  ),
});

/**
 * Desa from a real boundary file (properties `code`/`kode` and `name`/`nama`, as in formats.md
 * wilayah). Only desa-level features of Lumajang are used; names fall back to idn-area-data.
 */
export async function desaFromBoundaryFile(path: string, names: AreaNames): Promise<SeedDesa[]> {
  const parsed = BoundaryFileSchema.parse(JSON.parse(await readFile(path, "utf8")));
  const kecNames = new Map(names.kecamatan.map((k) => [k.code, k.name]));
  const desaNames = new Map(names.desa.map((d) => [d.code, d.name]));
  const out: SeedDesa[] = [];
  for (const f of parsed.features) {
    const props = f.properties ?? {};
    const rawCode = props.code ?? props.kode;
    if (typeof rawCode !== "string") continue;
    const code = plain(rawCode);
    if (!/^[0-9]{10}$/.test(code) || !code.startsWith(kabupatenCode)) continue;
    const rawName = props.name ?? props.nama;
    const geometry = f.geometry as DesaGeometry;
    if (area(geometry) <= 0) continue;
    out.push({
      code,
      name: typeof rawName === "string" ? rawName : (desaNames.get(code) ?? code),
      kecamatanCode: code.slice(0, 6),
      kecamatanName: kecNames.get(code.slice(0, 6)) ?? code.slice(0, 6),
      geometry,
      bbox: boxOf(geometry),
      isKelurahan: code[6] === "1",
    });
  }
  if (out.length === 0) throw new Error(`${path}: no desa of Lumajang (kode 3508xxxxxx) found`);
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** wilayah.geojson content: desa features only (kode dotted, nama); the importer dissolves parents. */
export function wilayahGeoJson(desa: SeedDesa[]): string {
  const dotted = (c: string) => `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}.${c.slice(6)}`;
  const features = desa.map((d) => ({
    type: "Feature",
    properties: { kode: dotted(d.code), nama: d.name },
    geometry: d.geometry,
  }));
  return JSON.stringify({ type: "FeatureCollection", features }) + "\n";
}
