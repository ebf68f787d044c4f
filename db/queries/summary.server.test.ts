/** Region summary on the real database: counts, latest period across period formats, caching. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import { type Database } from "../connection.server";
import { getRegionSummary, invalidateRegionSummary } from "./summary.server";

let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  invalidateRegionSummary();
});
afterAll(() => resetData(db));

describe("getRegionSummary", () => {
  it("reports an empty database as empty", async () => {
    const s = await getRegionSummary(db);
    expect(s.empty).toBe(true);
    expect(s.lastImport).toBeNull();
    expect(s.householdsPerKecamatan).toEqual([]);
  });

  it("counts the region, picks the latest period across formats and its most advanced stage", async () => {
    await db.pool.query(`
      INSERT INTO regions (code, level, name, parent_code) VALUES
        ('3578', 'kabupaten', 'Surabaya', '35'), ('357801', 'kecamatan', 'Karang Pilang', '3578'),
        ('3578011001', 'desa', 'Kebraon', '357801'), ('3578021001', 'desa', 'Jambangan', '357802');
      INSERT INTO households (id_rt, kode_desa) VALUES ('A', '3578011001'), ('B', '3578011001'), ('C', '3578021001');
      INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ('BPNT', 'BPNT', 'keluarga', 'apbn', '{}');
      INSERT INTO recipients (program, periode, tahap, unit_key)
        SELECT 'BPNT', p, t::recipient_stage, 'K' || i
        FROM (VALUES ('2025', 'realisasi', 9), ('2025-S2', 'realisasi', 8), ('2025-Q4', 'realisasi', 7),
                     ('2025-12', 'usulan', 6), ('2025-12', 'penetapan', 5)) v(p, t, n)
        CROSS JOIN LATERAL generate_series(1, n) i;
      INSERT INTO import_batches (kind, file_name, checksum, imported_by, finished_at, rows_total)
        VALUES ('penerima', 'p.csv', repeat('b', 64), 'uji', now(), 35);`);
    const s = await getRegionSummary(db);
    // In "3578" the digits 3-4 are ≥ 71: a kota, not a kabupaten.
    expect(s.regionName).toBe("Kota Surabaya");
    expect(s.empty).toBe(false);
    expect(s.counts).toMatchObject({ kecamatan: 1, desa: 2, households: 3, programs: 1 });
    // 2025-12 starts on 1 Dec, after 2025-Q4 (1 Oct), 2025-S2 (1 Jul) and 2025 (1 Jan); of its
    // stages penetapan is the most advanced present.
    expect([s.latestPeriode, s.latestTahap, s.counts.recipients]).toEqual(["2025-12", "penetapan", 5]);
    // A kecamatan without its own region row (only its desa loaded) still shows up, named by its code.
    expect(s.householdsPerKecamatan).toEqual([
      { code: "357801", name: "Karang Pilang", households: 2 },
      { code: "357802", name: "357802", households: 1 },
    ]);
    expect(s.lastImport).toMatchObject({ kind: "penerima", fileName: "p.csv", importedBy: "uji", rows: 35 });
  });

  it("serves the cached summary until an import or invalidation changes the data version", async () => {
    await db.pool.query(`INSERT INTO households (id_rt, kode_desa) VALUES ('D', '3578011001')`);
    expect((await getRegionSummary(db)).counts.households).toBe(3); // no import: cached
    await db.pool.query(`INSERT INTO import_batches (kind, file_name, checksum, imported_by, finished_at)
                         VALUES ('rumah_tangga', 'rt.csv', repeat('c', 64), 'uji', now())`);
    expect((await getRegionSummary(db)).counts.households).toBe(4);
    await db.pool.query(`DELETE FROM households WHERE id_rt = 'D'`);
    invalidateRegionSummary();
    expect((await getRegionSummary(db)).counts.households).toBe(3);
  });

  it("uses dataset_info.region_name when present", async () => {
    await db.pool.query(`INSERT INTO dataset_info (key, value) VALUES ('region_name', '"Kabupaten Contoh"')`);
    expect((await getRegionSummary(db)).regionName).toBe("Kabupaten Contoh");
  });
});
