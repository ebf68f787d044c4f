/**
 * The importer against the real test database: every kind's happy path, idempotent re-imports,
 * and bad files that must fail with a `file:row:column` error while leaving the database as it was.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../connection.server";
import { formatRowError, importFile, ImportValidationError, type ImportOptions } from "./index.server";

const fixtures = path.resolve(__dirname, "fixtures");
const boundaries = "/work/shared/data/boundaries";
const fixture = (name: string) => path.join(fixtures, name);

let database: Database;

const run = (kind: ImportOptions["kind"], file: string, extra: Partial<ImportOptions> = {}) =>
  importFile(database, { kind, filePath: file, importedBy: "test", ...extra });

const tables = ["regions", "households", "members", "population", "programs", "recipients", "import_batches"];

/** Row count and content hash of every data table: equal snapshots = unchanged database. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await database.pool.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`,
    );
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0].n;
}

/** Runs an import that must fail; returns its formatted errors and checks nothing changed. */
async function expectRejected(kind: ImportOptions["kind"], file: string): Promise<string[]> {
  const before = await snapshot();
  const err = await run(kind, fixture(file)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportValidationError);
  expect(await snapshot()).toEqual(before);
  return (err as ImportValidationError).errors.map(formatRowError);
}

beforeAll(async () => {
  database = await testDatabase();
  await resetData(database);
});

describe("wilayah", () => {
  it("imports the real Lumajang desa alone and dissolves 21 kecamatan and 1 kabupaten", async () => {
    const r = await run("wilayah", path.join(boundaries, "lumajang-desa.geojson"));
    expect(r.rowsTotal).toBe(205);
    expect(r.rowsInserted).toBe(205);
    expect(r.notes.join("\n")).toMatch(/21 kecamatan/);
    const { rows } = await database.pool.query<{ level: string; n: number }>(
      "SELECT level, count(*)::int AS n FROM regions GROUP BY level ORDER BY level",
    );
    expect(Object.fromEntries(rows.map((x) => [x.level, x.n]))).toEqual({ kabupaten: 1, kecamatan: 21, desa: 205 });
    // Dissolved parents carry official names and nest: kabupaten area = sum of desa areas.
    const kab = await database.pool.query<{ name: string; parent_code: string; area: number; desa: number }>(
      `SELECT name, parent_code, area_km2 AS area, (SELECT sum(area_km2) FROM regions WHERE level = 'desa') AS desa FROM regions WHERE code = '3508'`,
    );
    expect(kab.rows[0].name).toMatch(/Lumajang/);
    expect(kab.rows[0].parent_code).toBe("35");
    expect(Math.abs(kab.rows[0].area - kab.rows[0].desa) / kab.rows[0].desa).toBeLessThan(0.001);
    expect(await count("regions WHERE level = 'desa' AND parent_code IS DISTINCT FROM left(code, 6)")).toBe(0);
  });

  it("imports the real kecamatan and kabupaten files over them, and re-imports idempotently", async () => {
    await run("wilayah", path.join(boundaries, "lumajang-kecamatan.geojson"));
    await run("wilayah", path.join(boundaries, "lumajang-kabupaten.geojson"));
    expect(await count("regions")).toBe(227);
    const again = await run("wilayah", path.join(boundaries, "lumajang-desa.geojson"));
    expect([again.rowsInserted, again.rowsUpdated]).toEqual([0, 0]);
    expect(await count("regions")).toBe(227);
  });

  it("repairs an invalid polygon with a note (BIG property names, dry run writes nothing)", async () => {
    const before = await snapshot();
    const r = await run("wilayah", fixture("wilayah-rusak.geojson"), { dryRun: true });
    expect(r.batchId).toBeNull();
    expect(r.rowsInserted).toBe(2);
    expect(r.notes.some((n) => /fitur 1 \(99\.01\.01\.2001\).*ST_MakeValid/.test(n))).toBe(true);
    expect(r.notes.some((n) => /1 kecamatan/.test(n))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});

describe("wilayah property names", () => {
  it("fails without the user's property names, imports with them (dry run)", async () => {
    const errors = await expectRejected("wilayah", "wilayah-properti.geojson");
    expect(errors[0]).toMatch(/^wilayah-properti\.geojson:1:kode\|code\|KDEPUM\|KDCPUM\|KDPKAB: properti kode tidak ditemukan/);
    const r = await run("wilayah", fixture("wilayah-properti.geojson"), { codeProperty: "ID_DESA", nameProperty: "NAMA_DESA", dryRun: true });
    expect(r.rowsInserted).toBe(1);
  });
});

describe("tabular kinds", () => {
  it("imports rumah_tangga: location points, desil from status_kesejahteraan, note for a point outside its desa", async () => {
    const r = await run("rumah_tangga", fixture("rumah_tangga.csv"));
    expect([r.rowsTotal, r.rowsInserted, r.rowsUpdated]).toEqual([4, 4, 0]);
    expect(r.notes.join()).toMatch(/1 dari 3 titik/);
    const { rows } = await database.pool.query(
      `SELECT id_rt, desil, status_kesejahteraan, kode_kecamatan, location_source, alamat, aset_lemari_es, pendapatan_krt,
              round(ST_Y(location)::numeric, 6)::float AS lat
       FROM households ORDER BY id_rt`,
    );
    expect(rows[0]).toMatchObject({ id_rt: "RT001", desil: 2, kode_kecamatan: "350801", location_source: "import", lat: -8.337876, pendapatan_krt: 1500000 });
    expect(rows[1]).toMatchObject({ id_rt: "RT002", desil: 3, status_kesejahteraan: 3, location_source: null, aset_lemari_es: true });
    expect(rows[2].alamat).toBe('Jl. "Mawar" 5');
    const batch = await database.pool.query("SELECT kind, file_name, length(checksum) AS len, rows_inserted FROM import_batches WHERE id = $1", [r.batchId]);
    expect(batch.rows[0]).toMatchObject({ kind: "rumah_tangga", file_name: "rumah_tangga.csv", len: 64, rows_inserted: 4 });
  });

  it("reads `;`, a BOM, dotted codes, spaced/dashed headers, code variants and decimal commas", async () => {
    const r = await run("rumah_tangga", fixture("rumah_tangga-titik-koma.csv"));
    expect(r.rowsInserted).toBe(2);
    const { rows } = await database.pool.query(
      "SELECT id_rt, kode_desa, alamat, status_bangunan, lantai, aset_lemari_es, round(ST_X(location)::numeric, 6)::float AS lng FROM households WHERE id_rt LIKE 'RT1%' ORDER BY id_rt",
    );
    expect(rows[0]).toEqual({
      id_rt: "RT101",
      kode_desa: "3508012001",
      alamat: "Dusun Krajan; Gang 2",
      status_bangunan: "milik_sendiri",
      lantai: "semen_bata_merah",
      aset_lemari_es: true,
      lng: 112.951489,
    });
    expect(rows[1]).toMatchObject({ kode_desa: "3508012002", status_bangunan: "kontrak_sewa", aset_lemari_es: false });
  });

  it("re-importing rumah_tangga changes nothing and bumps no version", async () => {
    const before = await snapshot();
    const r = await run("rumah_tangga", fixture("rumah_tangga.csv"));
    expect([r.rowsInserted, r.rowsUpdated]).toEqual([0, 0]);
    expect(await count("households")).toBe(6);
    expect(await count("households WHERE version <> 1")).toBe(0);
    const after = await snapshot();
    expect(after.households).toBe(before.households);
  });

  it("imports anggota with the household's desa code, three date formats, idempotently", async () => {
    const r = await run("anggota", fixture("anggota.csv"));
    expect(r.rowsInserted).toBe(5);
    const { rows } = await database.pool.query("SELECT nik, kode_desa, tanggal_lahir, hamil, disabilitas FROM members ORDER BY nik");
    expect(rows.map((m) => m.tanggal_lahir)).toEqual(["2015-01-02", "1950-05-05", "1980-03-12", "1990-07-01", "1985-06-15"]);
    expect(rows.find((m) => m.nik === "3508014107900001")?.kode_desa).toBe("3508012002");
    const again = await run("anggota", fixture("anggota.csv"));
    expect([again.rowsInserted, again.rowsUpdated]).toEqual([0, 0]);
    expect(await count("members")).toBe(5);
  });

  it("a household moving desa takes its members along; a partial file keeps the other columns", async () => {
    const r = await run("rumah_tangga", fixture("rumah_tangga-pindah.csv"));
    expect([r.rowsInserted, r.rowsUpdated]).toEqual([0, 1]);
    const { rows } = await database.pool.query(
      "SELECT h.kode_desa, h.version, h.alamat, h.lantai, m.kode_desa AS member_desa FROM households h JOIN members m USING (id_rt) WHERE id_rt = 'RT003'",
    );
    expect(rows[0]).toMatchObject({ kode_desa: "3508012003", version: 2, alamat: 'Jl. "Mawar" 5', lantai: "keramik", member_desa: "3508012003" });
  });

  it("imports penduduk with status defaulting to hidup", async () => {
    const r = await run("penduduk", fixture("penduduk.csv"));
    expect(r.rowsInserted).toBe(4);
    const { rows } = await database.pool.query("SELECT nik, status, tanggal_status, kode_desa FROM population ORDER BY nik");
    expect(rows.find((p) => p.nik === "3508015506850002")).toMatchObject({ status: "hidup", kode_desa: "3508012001" });
    expect(rows.find((p) => p.nik === "3508014107900001")).toMatchObject({ status: "pindah", tanggal_status: "2024-02-29" });
    expect((await run("penduduk", fixture("penduduk.csv"))).rowsInserted).toBe(0);
  });

  it("imports program: default rules for default codes, the given rule otherwise", async () => {
    const r = await run("program", fixture("program.csv"));
    expect(r.rowsInserted).toBe(6);
    const { rows } = await database.pool.query("SELECT kode, rule, tidak_boleh_bersama FROM programs ORDER BY kode");
    const byKode = Object.fromEntries(rows.map((p) => [p.kode, p]));
    expect(byKode.PKH.rule.maxDesil).toBe(4);
    expect(byKode.PKH.rule.anyMemberComponent).toHaveLength(5);
    expect(byKode.BANSOS_KAB.rule).toMatchObject({ maxDesil: 3, version: 1, householdIndicators: [] });
    expect(byKode.BANSOS_KAB.tidak_boleh_bersama).toEqual(["PKH", "BLT_DD"]);
    expect((await run("program", fixture("program.csv"))).rowsUpdated).toBe(0);
  });

  it("imports penerima: unit keys, resolved households, repeated listings kept, idempotent", async () => {
    const r = await run("penerima", fixture("penerima.csv"));
    expect(r.rowsInserted).toBe(7);
    const { rows } = await database.pool.query(
      "SELECT program, tahap, unit_key, occurrence, id_rt, kode_desa, nilai FROM recipients ORDER BY id",
    );
    expect(rows[0]).toMatchObject({ program: "PKH", tahap: "realisasi", unit_key: "3508010101100001", occurrence: 1, id_rt: "RT001", kode_desa: "3508012001", nilai: 750000 });
    expect(rows[1]).toMatchObject({ unit_key: "3508010101100001", occurrence: 2 });
    expect(rows[2]).toMatchObject({ tahap: "realisasi", id_rt: "RT002" });
    // A household program named only by NIK resolves to the household through members.
    expect(rows[5]).toMatchObject({ program: "RTLH", unit_key: "RT003", id_rt: "RT003", kode_desa: "3508012003" });
    // Not in DTKS: kept as given.
    expect(rows[4]).toMatchObject({ unit_key: "3508019999990001", id_rt: null, kode_desa: "3508012003" });
    expect(r.notes.join()).toMatch(/tidak ditemukan di DTKS/);
    const again = await run("penerima", fixture("penerima.csv"));
    expect([again.rowsInserted, again.rowsUpdated]).toEqual([0, 0]);
    expect(await count("recipients")).toBe(7);
  });
});

describe("bad files: a clear file:row:column error and an unchanged database", () => {
  it("wrong header", async () => {
    const errors = await expectRejected("rumah_tangga", "bad-header.csv");
    expect(errors[0]).toMatch(/^bad-header\.csv:1:desa_kode: kolom tidak dikenal "desa_kode" \(allowed: id_rt, kode_desa, /);
    expect(errors).toContain('bad-header.csv:1:kode_desa: kolom wajib "kode_desa" tidak ada di header');
  });

  it("bad code value, with the allowed values", async () => {
    const errors = await expectRejected("rumah_tangga", "bad-code.csv");
    expect(errors).toEqual([
      'bad-code.csv:3:lantai: nilai "plastik" tidak dikenal (allowed: marmer_granit, keramik, parket_vinil, ubin_tegel, kayu_kualitas_tinggi, semen_bata_merah, bambu, kayu_kualitas_rendah, tanah, lainnya)',
    ]);
  });

  it("bad date", async () => {
    const errors = await expectRejected("anggota", "bad-date.csv");
    expect(errors[0]).toMatch(/^bad-date\.csv:2:tanggal_lahir: "31-02-2020" bukan tanggal yang ada di kalender/);
  });

  it("15-digit NIK", async () => {
    const errors = await expectRejected("anggota", "bad-nik15.csv");
    expect(errors).toEqual(["bad-nik15.csv:2:nik: NIK harus tepat 16 digit, bukan 15 digit"]);
  });

  it("Excel-mangled 3.5E+15 NIK", async () => {
    const errors = await expectRejected("anggota", "bad-nik-excel.csv");
    expect(errors[0]).toMatch(/^bad-nik-excel\.csv:2:nik: NIK "3\.50801E\+15" telah dirusak Excel menjadi notasi ilmiah/);
  });

  it("unknown desa code (the valid row before it is not written either)", async () => {
    const errors = await expectRejected("rumah_tangga", "bad-desa.csv");
    expect(errors).toEqual([
      "bad-desa.csv:3:kode_desa: kode desa 3508999999 tidak ada di data wilayah (impor wilayah dulu, atau periksa kodenya)",
    ]);
  });

  it("an unclosed quote", async () => {
    const errors = await expectRejected("rumah_tangga", "bad-quote.csv");
    expect(errors).toEqual(["bad-quote.csv:2:*: CSV tidak dapat dibaca: tanda kutip tidak ditutup"]);
  });

  it("anggota of an unknown household", async () => {
    const errors = await expectRejected("anggota", "bad-anggota-rt.csv");
    expect(errors[0]).toMatch(/^bad-anggota-rt\.csv:2:id_rt: rumah tangga RT404 tidak ada/);
  });

  it("penerima: bad period, then (after cell checks pass) unknown program and missing unit key", async () => {
    const errors = await expectRejected("penerima", "bad-penerima.csv");
    expect(errors[0]).toMatch(/^bad-penerima\.csv:3:periode: "2024-Q5" bukan periode \(allowed: YYYY, /);
  });
});

describe("big loads (>= 10,000 rows)", () => {
  // On a server, a big load into an empty table builds its plain indexes after the insert.
  const indexDefs = async () =>
    (await database.pool.query<{ d: string }>("SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'population' ORDER BY indexname")).rows.map((r) => r.d);

  it("into an empty table: dry run and real run keep every index; re-import is a no-op", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tepat-import-")), "penduduk-besar.csv");
    const lines = ["nik,nama,kode_desa"];
    for (let i = 1; i <= 10_000; i++) lines.push(`35080112038${String(i).padStart(5, "0")},WARGA ${i},3508012001`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    await database.pool.query("DELETE FROM population");
    const before = await indexDefs();
    expect(before.length).toBeGreaterThanOrEqual(3);

    const dry = await run("penduduk", file, { dryRun: true });
    expect(dry.rowsInserted).toBe(10_000);
    expect(await count("population")).toBe(0);
    expect(await indexDefs()).toEqual(before);

    const r = await run("penduduk", file);
    expect([r.rowsInserted, r.rowsUpdated]).toEqual([10_000, 0]);
    expect(await indexDefs()).toEqual(before);
    expect(await count("population WHERE kode_desa = '3508012001' AND nama = 'WARGA 9999'")).toBe(1);
    const again = await run("penduduk", file);
    expect([again.rowsInserted, again.rowsUpdated]).toEqual([0, 0]);
  });
});
