import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetData, testDatabase } from "../tests/db";
import type { Database } from "../db/connection.server";
import { parseExportArgs, runExportCommand } from "./export-cli.server";
import { expectedFindings, kk, loadFixture, nik } from "./targeting/fixture.server";

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-export-"));
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
  await resetData(db);
});

const lines = (file: string) => fs.readFileSync(file, "utf8").trimEnd().split("\n");

describe("export arguments", () => {
  it("rejects bad input with a message and writes nothing", async () => {
    expect(parseExportArgs(["temuan"])).toMatchObject({ ok: false });
    expect(parseExportArgs(["laporan", "--out", "x.csv"])).toMatchObject({ ok: false });
    expect(parseExportArgs(["cakupan", "--periode", "2026-7", "--out", "x.csv"])).toMatchObject({ ok: false });
    expect(parseExportArgs(["cakupan", "--tingkat", "dusun", "--out", "x.csv"])).toMatchObject({ ok: false });
    const out = path.join(dir, "never.csv");
    expect(await runExportCommand(["temuan", "--periode", "2026-S3", "--out", out])).toBe(2);
    expect(await runExportCommand(["temuan", "--program", "TIDAK_ADA", "--periode", "2026-S1", "--out", out])).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("export temuan", () => {
  it("writes one row per finding with the formats.md columns", async () => {
    const out = path.join(dir, "temuan.csv");
    expect(await runExportCommand(["temuan", "--periode", "2026-S1", "--out", out])).toBe(0);
    const rows = lines(out);
    expect(rows[0]).toBe("program,periode,jenis,nik,no_kk,id_rt,kode_desa,keterangan");
    expect(rows).toHaveLength(expectedFindings.length + 1);
    expect(rows).toContain(`PBI_JKN,2026-S1,deceased,${nik.paijo},${kk.kk5},H5,3508022001,Meninggal 2026-02-11 menurut Dukcapil`);
    // Data-quality findings have empty program and periode and come first.
    expect(rows[1]).toMatch(/^,,duplicate_nik,/);
  });

  it("limits to one program and writes XLSX on request", async () => {
    const csv = path.join(dir, "pkh.csv");
    expect(await runExportCommand(["temuan", "--program", "PKH", "--out", csv])).toBe(0);
    const rows = lines(csv).slice(1);
    expect(rows).toHaveLength(expectedFindings.filter((k) => k.startsWith("PKH:")).length);
    expect(rows.every((r) => r.startsWith("PKH,2026-S1,"))).toBe(true);
    const xlsx = path.join(dir, "pkh.xlsx");
    expect(await runExportCommand(["temuan", "--program", "PKH", "--periode", "2026-S1", "--out", xlsx])).toBe(0);
    const buf = fs.readFileSync(xlsx);
    expect(buf.subarray(0, 2).toString()).toBe("PK");
  });
});

describe("export cakupan", () => {
  it("writes every level by default, percentages with one decimal", async () => {
    const out = path.join(dir, "cakupan.csv");
    expect(await runExportCommand(["cakupan", "--program", "PKH", "--periode", "2026-S1", "--out", out])).toBe(0);
    const rows = lines(out);
    expect(rows[0]).toBe(
      "kode_wilayah,tingkat,program,periode,eligible,penerima,tepat,exclusion_error_pct,inclusion_error_pct,coverage_pct",
    );
    expect(rows.slice(1)).toEqual([
      "3508,kabupaten,PKH,2026-S1,3,3,1,66.7,66.7,33.3",
      "350801,kecamatan,PKH,2026-S1,2,3,1,50.0,66.7,50.0",
      "350802,kecamatan,PKH,2026-S1,1,0,0,100.0,,0.0",
      "3508012001,desa,PKH,2026-S1,1,2,1,0.0,50.0,100.0",
      "3508012002,desa,PKH,2026-S1,1,1,0,100.0,100.0,0.0",
      "3508022001,desa,PKH,2026-S1,1,0,0,100.0,,0.0",
    ]);
  });

  it("writes one level when asked", async () => {
    const out = path.join(dir, "kab.csv");
    expect(await runExportCommand(["cakupan", "--periode", "2026-S1", "--tingkat", "kabupaten", "--out", out])).toBe(0);
    expect(lines(out).slice(1).map((r) => r.split(",")[2])).toEqual(["BLT_DD", "BPNT", "PBI_JKN", "PIP", "PKH", "RTLH"]);
  });
});
