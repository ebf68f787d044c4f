import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../../tests/db";
import { fixtureDesa, insertMapFixture } from "./fixture.server";
import { tilesCovering } from "./tilemath";
import {
  getTile,
  householdTile,
  invalidateTiles,
  nearestHousehold,
  refreshTileVersion,
  regionLabels,
  regionsExtent,
  regionTile,
  tileGeneration,
  TileRequestSchema,
} from "./tiles.server";

const decode = (data: Uint8Array) => new VectorTile(new PbfReader(data));

describe("vector tiles from PostGIS", () => {
  let db: Database;
  let bbox: [number, number, number, number];
  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await insertMapFixture(db.pool);
    bbox = (await regionsExtent(db.pool))!;
  });
  afterAll(async () => {
    invalidateTiles();
    await resetData(db);
  });

  /** SQL count of features whose geometry touches a tile (the reference for tile contents). */
  async function sqlCount(table: "regions" | "households", z: number, x: number, y: number, level?: string) {
    const geom = table === "regions" ? "geom" : "location";
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table}
       WHERE ST_Intersects(${geom}, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)) ${level ? "AND level = $4::region_level" : ""}`,
      level ? [z, x, y, level] : [z, x, y],
    );
    return rows[0].n;
  }

  it("extent covers the fixture", () => {
    expect(bbox[0]).toBeCloseTo(113.2, 6);
    expect(bbox[3]).toBeCloseTo(-8.1, 6);
  });

  it("region tiles hold one feature per region touching the tile, with code and name", async () => {
    for (const level of ["kabupaten", "kecamatan", "desa"] as const) {
      for (const t of tilesCovering(bbox, 11)) {
        const tile = decode(await regionTile(db.pool, level, t.z, t.x, t.y));
        const expected = await sqlCount("regions", t.z, t.x, t.y, level);
        expect(expected).toBeGreaterThan(0);
        const layer = tile.layers[level];
        expect(layer.length).toBe(expected);
        const f = layer.feature(0);
        expect(String(f.id)).toBe(f.properties.code);
        expect(typeof f.properties.name).toBe("string");
        expect(f.type).toBe(3); // polygon
      }
    }
  });

  it("a tile far from the data is empty", async () => {
    expect((await regionTile(db.pool, "desa", 11, 0, 0)).byteLength).toBe(0);
  });

  /** Points per (desil, terima) group of a decoded household tile. */
  function pointsOf(data: Uint8Array) {
    const layer = data.byteLength ? decode(data).layers.rumah_tangga : undefined;
    const out: { desil: unknown; terima: unknown; n: unknown; points: { x: number; y: number }[] }[] = [];
    for (let i = 0; i < (layer?.length ?? 0); i++) {
      const f = layer!.feature(i);
      out.push({ ...f.properties, desil: f.properties.desil, terima: f.properties.terima, n: f.properties.n, points: f.loadGeometry().flat() });
    }
    return out;
  }

  it("household point tiles: as many points per tile as SQL counts, all households over the covering tiles", async () => {
    let total = 0;
    for (const t of tilesCovering(bbox, 14)) {
      const groups = pointsOf(await householdTile(db.pool, t.z, t.x, t.y, { program: "PKH", periode: "2025-S1" }));
      const points = groups.reduce((a, g) => a + g.points.length, 0);
      expect(points).toBe(await sqlCount("households", t.z, t.x, t.y));
      expect(groups.reduce((a, g) => a + Number(g.n), 0)).toBe(points);
      total += points;
    }
    expect(total).toBe(Object.values(fixtureDesa).reduce((a, b) => a + b, 0));
  });

  it("points are grouped by desil and receipt of the chosen program in the chosen period", async () => {
    const { rows } = await db.pool.query<{ desil: number | null; terima: boolean; n: number }>(
      `SELECT h.desil, EXISTS (SELECT 1 FROM recipients r WHERE r.id_rt = h.id_rt AND r.program = 'PKH' AND r.periode = '2025-S1') AS terima, count(*)::int AS n
       FROM households h GROUP BY 1, 2`,
    );
    const expected = new Map(rows.map((r) => [`${r.desil}|${r.terima}`, r.n]));
    const got = new Map<string, number>();
    for (const t of tilesCovering(bbox, 13)) {
      for (const g of pointsOf(await householdTile(db.pool, t.z, t.x, t.y, { program: "PKH", periode: "2025-S1" }))) {
        const key = `${g.desil ?? null}|${g.terima}`;
        got.set(key, (got.get(key) ?? 0) + Number(g.n));
      }
    }
    expect(got).toEqual(expected);
    expect(expected.get("3|true")).toBeGreaterThan(0);
    expect(expected.get("7|false")).toBeGreaterThan(0);
  });

  it("finds the household nearest to a click, within a radius", async () => {
    const { rows } = await db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM households WHERE id_rt = '35080120010002'`,
    );
    expect(await nearestHousehold(rows[0].lon + 0.00005, rows[0].lat, 60, db.pool)).toBe("35080120010002");
    expect(await nearestHousehold(100, 0, 60, db.pool)).toBeNull();
  });

  it("no household points below z12 (aggregates only)", async () => {
    const t = tilesCovering(bbox, 11)[0];
    expect((await householdTile(db.pool, t.z, t.x, t.y)).byteLength).toBe(0);
  });

  it("caches tiles until invalidateTiles()", async () => {
    const [t] = tilesCovering(bbox, 10);
    const req = TileRequestSchema.parse({ layer: "desa", ...t });
    invalidateTiles();
    const g = tileGeneration();
    expect((await getTile(req, db.pool)).cached).toBe(false);
    const second = await getTile(req, db.pool);
    expect(second.cached).toBe(true);
    expect(second.data.byteLength).toBeGreaterThan(0);
    invalidateTiles();
    expect(tileGeneration()).toBe(g + 1);
    expect((await getTile(req, db.pool)).cached).toBe(false);
  });

  it("drops the cache when another process records an import", async () => {
    const [t] = tilesCovering(bbox, 10);
    const req = TileRequestSchema.parse({ layer: "kecamatan", ...t });
    await refreshTileVersion(db.pool, Date.now() + 60_000);
    await getTile(req, db.pool);
    expect((await getTile(req, db.pool)).cached).toBe(true);
    const g = tileGeneration();
    await db.pool.query(`INSERT INTO import_batches (kind, file_name, checksum, imported_by) VALUES ('wilayah', 'x.geojson', 'abc', 'test')`);
    await refreshTileVersion(db.pool, Date.now() + 120_000);
    expect(tileGeneration()).toBe(g + 1);
    expect((await getTile(req, db.pool)).cached).toBe(false);
  });

  it("validates tile requests", () => {
    expect(() => TileRequestSchema.parse({ layer: "desa", z: 2, x: 4, y: 0 })).toThrow();
    expect(() => TileRequestSchema.parse({ layer: "roads", z: 2, x: 0, y: 0 })).toThrow();
    expect(() => TileRequestSchema.parse({ layer: "rumah_tangga", z: 14, x: 0, y: 0, periode: "x; drop" })).toThrow();
  });

  it("label points lie inside their region", async () => {
    const fc = await regionLabels("desa", null, db.pool);
    expect(fc.features).toHaveLength(Object.keys(fixtureDesa).length);
    const { rows } = await db.pool.query<{ inside: boolean }>(
      `SELECT bool_and(ST_Contains(r.geom, ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326))) AS inside
       FROM unnest($1::text[], $2::float8[], $3::float8[]) AS l(code, lon, lat) JOIN regions r ON r.code = l.code`,
      [fc.features.map((f) => f.properties.code), fc.features.map((f) => f.geometry.coordinates[0]), fc.features.map((f) => f.geometry.coordinates[1])],
    );
    expect(rows[0].inside).toBe(true);
    expect((await regionLabels("kecamatan", "350801", db.pool)).features.map((f) => f.properties.name)).toEqual(["Sukamaju"]);
  });
});
