import { beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { defaultMpiConfig } from "./config";
import { computeMpiByArea, loadMpiConfig, mpiConfigHistory, restoreDefaultMpiConfig, saveMpiConfig } from "./mpi.server";

let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await db.pool.query("INSERT INTO regions (code, level, name) VALUES ('3508', 'kabupaten', 'Lumajang'), ('3508012001', 'desa', 'Desa A')");
  // One household of 2 without electricity and with earth floor (2/18), one member chronically ill (1/6): 5/18 < 1/3.
  await db.pool.query(
    "INSERT INTO households (id_rt, kode_desa, sumber_penerangan, lantai) VALUES ('H1', '3508012001', 'bukan_listrik', 'tanah')",
  );
  await db.pool.query(
    `INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, tanggal_lahir, penyakit_kronis) VALUES
     ('H1', '3508010101800001', '3508010000000001', 'A', '3508012001', '1980-01-01', true),
     ('H1', '3508010101800002', '3508010000000001', 'B', '3508012001', '1982-01-01', false)`,
  );
});

describe("stored MPI configuration", () => {
  it("starts at the defaults, saves versions, rejects invalid ones, restores defaults", async () => {
    expect(await loadMpiConfig(db)).toEqual({ version: 0, config: defaultMpiConfig });
    const [before] = await computeMpiByArea({ level: "kabupaten", referenceDate: "2026-07-01", db });
    expect(before.mpi.q).toBe(0);

    // k = 1/4 makes the household (5/18 ≈ 0.278) poor.
    const v1 = await saveMpiConfig({ ...defaultMpiConfig, k: 0.25 }, { by: "tester", db });
    expect(v1.version).toBe(1);
    const [after] = await computeMpiByArea({ level: "kabupaten", referenceDate: "2026-07-01", db });
    expect([after.mpi.n, after.mpi.q]).toEqual([2, 2]);
    expect(after.mpi.M0).toBeCloseTo(5 / 18, 12);

    await expect(saveMpiConfig({ k: 0.25, weights: { ...defaultMpiConfig.weights, aset: 0.5 } }, { by: "tester", db })).rejects.toThrow();
    expect((await loadMpiConfig(db)).version).toBe(1);

    const v2 = await restoreDefaultMpiConfig({ by: "tester", db });
    expect(v2.version).toBe(2);
    expect(await loadMpiConfig(db)).toEqual({ version: 2, config: defaultMpiConfig });
    expect((await mpiConfigHistory(db)).map((h) => [h.version, h.config.k])).toEqual([[1, 0.25], [2, 1 / 3]]);
  });
});
