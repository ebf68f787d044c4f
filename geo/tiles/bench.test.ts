import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../../tests/db";
import { benchTiles } from "./bench";
import { insertMapFixture } from "./fixture.server";
import { maxPointFeatures } from "./tiles.server";

describe("benchTiles", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
  });
  afterAll(async () => {
    await resetData(db);
  });

  it("reports a skip on an empty database", async () => {
    expect(await benchTiles({ pool: db.pool, rounds: 1 })).toMatchObject({ households: 0, skipped: expect.any(String) });
  });

  it("measures point tiles, polygon tiles, choropleth and first-load bytes on loaded data", async () => {
    await insertMapFixture(db.pool);
    const r = await benchTiles({ pool: db.pool, rounds: 1 });
    expect(r.densestDesa).toEqual({ code: "3508012001", households: 60 });
    for (const z of [12, 14, 16]) {
      const t = r[`pointTileZ${z}`] as { p95Ms: number; maxBytes: number; maxFeatures: number };
      expect(t.p95Ms).toBeGreaterThan(0);
      expect(t.maxFeatures).toBeGreaterThan(0);
      expect(t.maxFeatures).toBeLessThanOrEqual(maxPointFeatures);
    }
    // z12 tiles around the densest desa hold all its 60 households.
    expect((r.pointTileZ12 as { maxFeatures: number }).maxFeatures).toBeGreaterThanOrEqual(60);
    expect(r.desaTileZ9to11P95Ms).toBeGreaterThan(0);
    expect(r.choroplethRatioP95).toBeGreaterThan(0);
    expect((r.firstLoad as { totalBytes: number }).totalBytes).toBeGreaterThan(1000);
  });
});
