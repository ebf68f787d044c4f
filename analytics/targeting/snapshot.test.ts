import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import { householdOverlap, readTargetingSnapshot, refreshTargetingSnapshot } from "./snapshot.server";

describe("targeting snapshot", () => {
  beforeAll(async () => {
    const db = await testDatabase();
    await resetData(db);
    await db.pool.query(`INSERT INTO regions (code, level, name) VALUES ('3508', 'kabupaten', 'L'), ('350801', 'kecamatan', 'K'), ('3508012001', 'desa', 'A')`);
    await db.pool.query(`INSERT INTO households (id_rt, kode_desa, desil) VALUES ('H1', '3508012001', 1), ('H2', '3508012001', 2), ('H3', '3508012001', 9)`);
    // Units come from members of DTKS households (a household without members has no one to aid).
    await db.pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, tanggal_lahir, jenis_kelamin, hubungan_krt) VALUES
      ('H1', '3508010101800001', '3508010101000001', 'Satu', '3508012001', '1980-01-01', 'L', 'kepala'),
      ('H2', '3508010101800002', '3508010101000002', 'Dua', '3508012001', '1980-01-01', 'L', 'kepala'),
      ('H3', '3508010101800003', '3508010101000003', 'Tiga', '3508012001', '1980-01-01', 'L', 'kepala')`);
    await db.pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES
      ('P1', 'Program 1', 'rumah_tangga', 'apbd_kabupaten', '{"version":1,"maxDesil":2}'),
      ('P2', 'Program 2', 'rumah_tangga', 'apbd_kabupaten', '{"version":1,"maxDesil":2}')`);
    await db.pool.query(`INSERT INTO recipients (program, periode, tahap, unit_key, id_rt, kode_desa) VALUES
      ('P1', '2026-S1', 'realisasi', 'H1', 'H1', '3508012001'), ('P1', '2026-S1', 'realisasi', 'H3', 'H3', '3508012001'),
      ('P2', '2026-S1', 'realisasi', 'H1', 'H1', '3508012001')`);
  });
  afterAll(async () => resetData(await testDatabase()));

  it("stores coverage of every program and level from one findings run, and reads it back", async () => {
    expect(await readTargetingSnapshot("2026-S1")).toBeNull();
    const saved = await refreshTargetingSnapshot("2026-S1");
    const read = (await readTargetingSnapshot("2026-S1"))!;
    expect(read.coverage).toEqual(saved.coverage);
    const p1 = read.coverage.find((r) => r.program === "P1" && r.tingkat === "kabupaten")!;
    // E = {H1, H2}, B = {H1, H3}: tepat 1, coverage 50 %, exclusion 50 %, inclusion 50 %.
    expect(p1).toMatchObject({ eligible: 2, penerima: 2, tepat: 1, coverage_pct: 50, exclusion_error_pct: 50, inclusion_error_pct: 50 });
    expect(read.findingCounts.exclusion).toBe(2); // H2 misses P1 and P2
    expect(read.findingCounts.inclusion).toBe(1); // H3 in P1
  });

  it("counts households receiving each pair of programs", async () => {
    expect(await householdOverlap("2026-S1")).toEqual([
      { programA: "P1", programB: "P1", households: 2 },
      { programA: "P1", programB: "P2", households: 1 },
      { programA: "P2", programB: "P1", households: 1 },
      { programA: "P2", programB: "P2", households: 1 },
    ]);
  });
});
