/**
 * The seeded region end to end: a small deterministic seed loaded through the importer, then the
 * `indikator` export — one row per area, valid numbers, and the levels adding up.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { seedDatabase } from "../../seeds/index.server";
import { indicatorCatalogue } from "./catalogue";
import { exportIndicatorsCsv } from "./export.server";

let db: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-h4-seed-"));

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await seedDatabase({ households: 1500, seed: 7, outDir: path.join(dir, "seed"), database: db });
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("indikator export of the seeded kabupaten", () => {
  it("has one row per region and valid numbers", async () => {
    const out = path.join(dir, "indikator.csv");
    await exportIndicatorsCsv({ tanggal: "2026-07-01", out, db });
    const rows = parse(fs.readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    const { rows: regions } = await db.pool.query<{ code: string; level: string }>(
      "SELECT code, level::text FROM regions WHERE level IN ('kabupaten', 'kecamatan', 'desa') ORDER BY length(code), code",
    );
    expect(rows.map((r) => [r.kode_wilayah, r.tingkat])).toEqual(regions.map((r) => [r.code, r.level]));

    for (const r of rows) {
      for (const c of ["jumlah_rt", "jumlah_keluarga", "jumlah_jiwa"]) expect(r[c], c).toMatch(/^\d+$/);
      for (const ind of indicatorCatalogue) {
        const cell = r[ind.id];
        if (cell === "") continue;
        const x = Number(cell);
        if (ind.id === "mpi_m0") expect(cell).toMatch(/^[01]\.\d{3}$/);
        else if (ind.kind === "count") expect(cell, ind.id).toMatch(/^\d+$/);
        else {
          expect(cell, `${r.kode_wilayah} ${ind.id}`).toMatch(/^\d{1,3}\.\d$/);
          expect(x).toBeLessThanOrEqual(100);
        }
      }
      // M0 = H × A (up to rounding of the printed figures).
      if (r.mpi_a !== "") expect(Number(r.mpi_m0)).toBeCloseTo((Number(r.mpi_h) * Number(r.mpi_a)) / 10_000, 2);
    }

    // Counts add up: Σ desa = Σ kecamatan = kabupaten, and the kabupaten holds every household.
    const sum = (tingkat: string, c: string) => rows.filter((r) => r.tingkat === tingkat).reduce((s, r) => s + Number(r[c]), 0);
    const kab = rows.find((r) => r.tingkat === "kabupaten")!;
    for (const c of ["jumlah_rt", "jumlah_keluarga", "jumlah_jiwa", "jumlah_balita_desil_1_2"]) {
      expect(sum("desa", c), c).toBe(Number(kab[c]));
      expect(sum("kecamatan", c), c).toBe(Number(kab[c]));
    }
    expect(Number(kab.jumlah_rt)).toBe(1500);
    const { rows: members } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM members");
    // Members left out (deceased/moved before the date, born after it) are a small minority.
    expect(Number(kab.jumlah_jiwa)).toBeLessThanOrEqual(members[0].n);
    expect(Number(kab.jumlah_jiwa)).toBeGreaterThan(members[0].n * 0.9);
  });
});
