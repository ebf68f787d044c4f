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

  it("household point tiles: SQL counts per tile, every household exactly once over the covering tiles", async () => {
    const seen = new Set<string>();
    for (const t of tilesCovering(bbox, 14)) {
      const data = await householdTile(db.pool, t.z, t.x, t.y, "2025-S1");
      const expected = await sqlCount("households", t.z, t.x, t.y);
      const layer = decode(data).layers.rumah_tangga;
      expect(layer?.length ?? 0).toBe(expected);
      for (let i = 0; i < (layer?.length ?? 0); i++) seen.add(String(layer.feature(i).properties.id_rt));
    }
    const total = Object.values(fixtureDesa).reduce((a, b) => a + b, 0);
    expect(seen.size).toBe(total);
  });

  it("points carry desil and the programs received in the chosen period", async () => {
    // Household 0006 of the first desa: j = 6 → desil 7, no PKH; 0002: desil 3 → PKH 2025-S1 and BPNT.
    const { rows } = await db.pool.query<{ id_rt: string; programs: string }>(
      `SELECT h.id_rt, ',' || string_agg(DISTINCT r.program, ',' ORDER BY r.program) || ',' AS programs
       FROM households h JOIN recipients r ON r.id_rt = h.id_rt AND r.periode = '2025-S1'
       WHERE h.id_rt = '35080120010002' GROUP BY 1`,
    );
    expect(rows[0].programs).toBe(",BPNT,PKH,");
    const found = new Map<string, Record<string, unknown>>();
    for (const t of tilesCovering(bbox, 13)) {
      const layer = decode(await householdTile(db.pool, t.z, t.x, t.y, "2025-S1")).layers.rumah_tangga;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const f = layer.feature(i);
        found.set(String(f.properties.id_rt), f.properties);
      }
    }
    const p = found.get("35080120010002")!;
    expect(p.desil).toBe(3);
    expect(String(p.programs).split(",").filter(Boolean).sort()).toEqual(["BPNT", "PKH"]);
    expect(found.get("35080120010006")).toMatchObject({ desil: 7, programs: "," });
  });

  it("no household points below z12 (aggregates only)", async () => {
    const t = tilesCovering(bbox, 11)[0];
    expect((await householdTile(db.pool, t.z, t.x, t.y, null)).byteLength).toBe(0);
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
