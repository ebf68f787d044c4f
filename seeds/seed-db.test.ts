/**
 * Seeding the real database through the importer: row counts match the generated files, the
 * ground truth and dataset_info are stored, and the same seed gives the same database content.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.server";
import { resetData, testDatabase } from "../tests/db";
import { databaseContentHash, SEED_VERSION, seedDatabase, type SeedDatabaseResult } from "./index.server";

const HOUSEHOLDS = 2000;
let database: Database;
let tmp: string;
let first: SeedDatabaseResult;

beforeAll(async () => {
  database = await testDatabase();
  tmp = await mkdtemp(join(tmpdir(), "tepat-seed-db-"));
  await resetData(database);
  first = await seedDatabase({ households: HOUSEHOLDS, seed: 5, outDir: join(tmp, "a"), database, contentHash: true });
}, 300_000);

afterAll(async () => {
  await resetData(database);
  await rm(tmp, { recursive: true, force: true });
});

const count = async (sql: string) => (await database.pool.query<{ n: number }>(sql)).rows[0].n;

describe("seedDatabase", () => {
  it("loads every file through the importer with matching counts", async () => {
    const rows = Object.fromEntries(first.files.map((f) => [f.kind, f.rows]));
    expect(await count("SELECT count(*)::int AS n FROM regions WHERE level = 'desa'")).toBe(rows.wilayah);
    expect(await count("SELECT count(*)::int AS n FROM regions WHERE level = 'kecamatan'")).toBe(21);
    expect(await count("SELECT count(*)::int AS n FROM regions WHERE level = 'kabupaten'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM households")).toBe(HOUSEHOLDS);
    expect(await count("SELECT count(*)::int AS n FROM members")).toBe(rows.anggota);
    expect(await count("SELECT count(*)::int AS n FROM population")).toBe(rows.penduduk);
    expect(await count("SELECT count(*)::int AS n FROM recipients")).toBe(rows.penerima);
    expect(await count("SELECT count(*)::int AS n FROM programs")).toBe(6);
    expect(await count("SELECT count(*)::int AS n FROM seed_planted_findings")).toBe(first.plantedCount);
    expect(await count("SELECT count(DISTINCT jenis)::int AS n FROM seed_planted_findings")).toBe(10);
    // Locations stay inside their desa once stored as PostGIS points.
    expect(
      await count("SELECT count(*)::int AS n FROM households h JOIN regions r ON r.code = h.kode_desa WHERE NOT ST_Intersects(r.geom, h.location)"),
    ).toBe(0);
  });

  it("records the seed in dataset_info", async () => {
    const { rows } = await database.pool.query<{ key: string; value: unknown }>("SELECT key, value FROM dataset_info ORDER BY key");
    const info = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(info.seed).toMatchObject({ households: HOUSEHOLDS, seed: 5, version: SEED_VERSION });
    expect(info.data_hash).toBe(first.hash);
    expect(info.region_name).toBe("Kabupaten Lumajang");
  });

  it("gives the same database content for the same seed", async () => {
    expect((await databaseContentHash(database.pool)).hash).toBe(first.dbHash);
    await resetData(database);
    const again = await seedDatabase({ households: HOUSEHOLDS, seed: 5, outDir: join(tmp, "b"), database, contentHash: true });
    expect(again.hash).toBe(first.hash);
    expect(first.dbHash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.dbHash).toBe(first.dbHash);
  }, 300_000);
});
