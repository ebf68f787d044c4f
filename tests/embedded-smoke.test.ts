/**
 * Runs on whichever database the suite was given; CI runs it a second time without
 * DATABASE_URL to prove the embedded PostGIS path: migrations apply, PostGIS answers,
 * and a spatial query returns the right row.
 */
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "./db";

describe("database smoke", () => {
  afterAll(async () => {
    await (await testDatabase()).close();
  });

  it("has every table of the data model after migration", async () => {
    const { pool } = await testDatabase();
    const { rows } = await pool.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const names = rows.map((r) => r.tablename);
    for (const t of ["regions", "households", "members", "population", "programs", "recipients", "import_batches"]) {
      expect(names).toContain(t);
    }
  });

  it("answers spatial SQL with PostGIS and geometry columns in EPSG:4326", async () => {
    const { pool } = await testDatabase();
    const { rows } = await pool.query(
      `SELECT ST_Covers(ST_MakeEnvelope(113, -8.4, 113.4, -8, 4326), ST_SetSRID(ST_Point(113.2, -8.1), 4326)) AS inside,
              (SELECT srid FROM geometry_columns WHERE f_table_name = 'households' AND f_geometry_column = 'location') AS srid`,
    );
    expect(rows[0]).toEqual({ inside: true, srid: 4326 });
  });

  it("keeps the derived kecamatan and kabupaten codes in step with the desa code", async () => {
    const { pool } = await testDatabase();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("INSERT INTO regions (code, level, name) VALUES ('3599019999', 'desa', 'Uji')");
      await client.query("INSERT INTO households (id_rt, kode_desa) VALUES ('SMOKE-1', '3599019999')");
      const { rows } = await client.query("SELECT kode_kecamatan, kode_kabupaten FROM households WHERE id_rt = 'SMOKE-1'");
      expect(rows[0]).toEqual({ kode_kecamatan: "359901", kode_kabupaten: "3599" });
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
