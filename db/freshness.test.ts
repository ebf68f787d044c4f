import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../tests/db";
import { dataFreshness } from "./freshness.server";

describe("data freshness", () => {
  beforeEach(async () => {
    const { pool } = await testDatabase();
    await resetData(await testDatabase());
    await pool.query(`INSERT INTO regions (code, level, name) VALUES ('3508012001', 'desa', 'A'), ('3508012002', 'desa', 'B')`);
    await pool.query(`INSERT INTO households (id_rt, kode_desa, updated_at) VALUES
      ('RT-1', '3508012001', '2026-10-01T00:00:00Z'), ('RT-2', '3508012002', '2026-05-01T00:00:00Z')`);
  });
  afterAll(async () => resetData(await testDatabase()));

  it("flags sources older than a quarter, and never-loaded sources, as overdue", async () => {
    const { pool } = await testDatabase();
    const rows = await dataFreshness(pool, "350801", new Date("2026-11-23T00:00:00Z"));
    expect(rows).toHaveLength(8);
    const rt = rows.filter((r) => r.source === "rumah_tangga");
    expect(rt).toEqual([
      { kodeDesa: "3508012001", namaDesa: "A", source: "rumah_tangga", lastUpdate: "2026-10-01", ageDays: 53, overdue: false },
      { kodeDesa: "3508012002", namaDesa: "B", source: "rumah_tangga", lastUpdate: "2026-05-01", ageDays: 206, overdue: true },
    ]);
    expect(rows.find((r) => r.kodeDesa === "3508012001" && r.source === "penerima")).toMatchObject({ lastUpdate: null, overdue: true });
  });
});
