import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import { regionFacts } from "./region-profile.server";

describe("region profile facts", () => {
  beforeAll(async () => {
    const { pool } = await testDatabase();
    await resetData(await testDatabase());
    await pool.query(`INSERT INTO regions (code, level, name, geom) VALUES
      ('3508', 'kabupaten', 'Lumajang', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.2, -8.0, 4326))),
      ('350801', 'kecamatan', 'Tempursari', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.0, 4326))),
      ('350802', 'kecamatan', 'Pronojiwo', ST_Multi(ST_MakeEnvelope(113.1, -8.2, 113.2, -8.0, 4326))),
      ('3508012001', 'desa', 'Tempurejo', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.1, 4326))),
      ('3508012002', 'desa', 'Pundungsari', ST_Multi(ST_MakeEnvelope(113.0, -8.1, 113.1, -8.0, 4326)))`);
    await pool.query(`INSERT INTO households (id_rt, kode_desa, desil) VALUES ('A', '3508012001', 1), ('B', '3508012001', 5), ('C', '3508012002', 2)`);
    await pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa) VALUES
      ('A', '3508010101900001', '3508010101000001', 'x', '3508012001'), ('A', '3508010101900002', '3508010101000001', 'y', '3508012001'),
      ('B', '3508010101900003', '3508010101000002', 'z', '3508012001'), ('C', '3508010101900004', '3508010101000003', 'w', '3508012002')`);
    await pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ('PKH', 'Program Keluarga Harapan', 'keluarga', 'apbn', '{}')`);
    await pool.query(`INSERT INTO recipients (program, periode, tahap, unit_key, no_kk, kode_desa, nilai) VALUES
      ('PKH', '2026-S1', 'realisasi', '3508010101000001', '3508010101000001', '3508012001', 750000),
      ('PKH', '2025-S2', 'realisasi', '3508010101000002', '3508010101000002', '3508012001', 750000)`);
  });
  afterAll(async () => resetData(await testDatabase()));

  it("gives totals, children with counts, breadcrumbs and programs of the latest period", async () => {
    const { pool } = await testDatabase();
    const f = (await regionFacts(pool, "350801"))!;
    expect(f.region).toMatchObject({ code: "350801", level: "kecamatan", name: "Tempursari" });
    expect(f.ancestors.map((a) => a.code)).toEqual(["3508"]);
    expect(f.totals).toEqual({ households: 3, families: 3, people: 4, desil12: 2 });
    expect(f.children).toEqual([
      { code: "3508012002", level: "desa", name: "Pundungsari", households: 1, people: 1, desil12: 1 },
      { code: "3508012001", level: "desa", name: "Tempurejo", households: 2, people: 3, desil12: 1 },
    ]);
    expect(f.periode).toBe("2026-S1");
    expect(f.programs).toEqual([{ kode: "PKH", nama: "Program Keluarga Harapan", units: 1, nilai: 750000 }]);
    expect(f.outline?.children.map((c) => c.code)).toEqual(["3508012001", "3508012002"]);
    expect(f.outline?.region).toMatch(/^M /);
  });

  it("has no children for a desa and returns null for an unknown code", async () => {
    const { pool } = await testDatabase();
    expect((await regionFacts(pool, "3508012001"))?.children).toEqual([]);
    expect(await regionFacts(pool, "3599")).toBeNull();
  });
});
