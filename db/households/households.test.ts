import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Account } from "../accounts/accounts.server";
import { locationProgress, setHouseholdLocation } from "./location.server";
import { searchHouseholds } from "./search.server";

const admin: Account = { id: 0, username: "admin", displayName: "Admin", role: "admin", scopeCode: "" };
const desaA: Account = { id: 0, username: "op.a", displayName: "Op A", role: "desa", scopeCode: "3508012001" };
const desaB: Account = { id: 0, username: "op.b", displayName: "Op B", role: "desa", scopeCode: "3508012002" };

async function fixture() {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  // Two 0.1° squares side by side: desa A west of 113.1, desa B east of it.
  await pool.query(`INSERT INTO regions (code, level, name, geom) VALUES
    ('3508012001', 'desa', 'Desa A', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.1, 4326))),
    ('3508012002', 'desa', 'Desa B', ST_Multi(ST_MakeEnvelope(113.1, -8.2, 113.2, -8.1, 4326)))`);
  await pool.query(`INSERT INTO households (id_rt, kode_desa, alamat, desil, location) VALUES
    ('RT-A1', '3508012001', 'Dusun Krajan RT 1', 1, NULL),
    ('RT-A2', '3508012001', 'Dusun Krajan RT 2', 3, ST_SetSRID(ST_MakePoint(113.05, -8.15), 4326)),
    ('RT-B1', '3508012002', 'Dusun Sumber RT 4', 2, ST_SetSRID(ST_MakePoint(113.05, -8.15), 4326))`);
  await pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt) VALUES
    ('RT-A1', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala'),
    ('RT-A1', '3508011203150002', '3508010101100001', 'Budi Santoso', '3508012001', 'anak'),
    ('RT-A2', '3508015508800003', '3508010101100002', 'Sumarni', '3508012001', 'kepala'),
    ('RT-B1', '3508020101700004', '3508020101100003', 'Siti Rahayu', '3508012002', 'kepala')`);
  return pool;
}

describe("household search", () => {
  beforeEach(fixture);
  afterAll(async () => resetData(await testDatabase()));

  it("finds a household by NIK and by No. KK, showing its head", async () => {
    const { pool } = await testDatabase();
    const byNik = await searchHouseholds(pool, admin, "3508011203150002");
    expect(byNik).toMatchObject([{ idRt: "RT-A1", kepala: "Siti Aminah", matched: "nik", namaDesa: "Desa A" }]);
    const byKk = await searchHouseholds(pool, admin, "3508 0101 0110 0001");
    expect(byKk.map((h) => h.idRt)).toEqual(["RT-A1"]);
  });

  it("finds by name prefix and by address, limited to the account's desa", async () => {
    const { pool } = await testDatabase();
    expect((await searchHouseholds(pool, admin, "siti")).map((h) => h.idRt).sort()).toEqual(["RT-A1", "RT-B1"]);
    expect((await searchHouseholds(pool, desaA, "siti")).map((h) => h.idRt)).toEqual(["RT-A1"]);
    expect((await searchHouseholds(pool, desaA, "budi"))[0]).toMatchObject({ idRt: "RT-A1", kepala: "Siti Aminah", matchedName: "Budi Santoso" });
    expect((await searchHouseholds(pool, desaB, "3508014107900001")).length).toBe(0);
    expect((await searchHouseholds(pool, admin, "krajan rt 2")).map((h) => h.idRt)).toEqual(["RT-A2"]);
    expect(await searchHouseholds(pool, admin, "%")).toEqual([]);
    expect(await searchHouseholds(pool, admin, "%_")).toEqual([]);
  });
});

describe("household locations", () => {
  beforeEach(fixture);

  it("accepts a GPS point inside the desa, bumps the version and audits old and new", async () => {
    const { pool } = await testDatabase();
    const result = await setHouseholdLocation(pool, desaA, { idRt: "RT-A1", lon: 113.02, lat: -8.12, source: "gps", accuracyM: 8, version: 1 });
    expect(result).toEqual({ ok: true, version: 2, insideDesa: true });
    const { rows } = await pool.query(
      "SELECT location_source, location_accuracy_m, location_by, ST_X(location) AS lon FROM households WHERE id_rt = 'RT-A1'",
    );
    expect(rows[0]).toEqual({ location_source: "gps", location_accuracy_m: 8, location_by: "op.a", lon: 113.02 });
    const audit = await pool.query("SELECT actor, entity, entity_key, before, after FROM audit_log");
    expect(audit.rows).toEqual([
      {
        actor: "op.a",
        entity: "location",
        entity_key: "RT-A1",
        before: null,
        after: { lon: 113.02, lat: -8.12, source: "gps", accuracyM: 8, insideDesa: true },
      },
    ]);
  });

  it("asks for a reason when the point is outside the desa, and keeps it", async () => {
    const { pool } = await testDatabase();
    const outside = { idRt: "RT-A2", lon: 113.15, lat: -8.15, source: "map" as const, version: 1 };
    expect(await setHouseholdLocation(pool, desaA, outside)).toEqual({ ok: false, error: "outside_desa_needs_reason" });
    const ok = await setHouseholdLocation(pool, desaA, { ...outside, reason: "Rumah di perbatasan, batas desa lama" });
    expect(ok).toEqual({ ok: true, version: 2, insideDesa: false });
    const audit = await pool.query("SELECT reason, before FROM audit_log");
    expect(audit.rows).toEqual([{ reason: "Rumah di perbatasan, batas desa lama", before: { lon: 113.05, lat: -8.15 } }]);
  });

  it("refuses a stale version and a household outside the operator's desa, changing nothing", async () => {
    const { pool } = await testDatabase();
    await setHouseholdLocation(pool, desaA, { idRt: "RT-A1", lon: 113.02, lat: -8.12, source: "gps", version: 1 });
    const stale = await setHouseholdLocation(pool, desaA, { idRt: "RT-A1", lon: 113.03, lat: -8.13, source: "map", version: 1 });
    expect(stale).toEqual({ ok: false, error: "stale" });
    const forbidden = await setHouseholdLocation(pool, desaB, { idRt: "RT-A1", lon: 113.03, lat: -8.13, source: "map", version: 2 });
    expect(forbidden).toEqual({ ok: false, error: "forbidden" });
    const { rows } = await pool.query("SELECT ST_X(location) AS lon, version FROM households WHERE id_rt = 'RT-A1'");
    expect(rows[0]).toEqual({ lon: 113.02, version: 2 });
    expect((await pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(1);
  });

  it("counts located and misplaced households per desa", async () => {
    const { pool } = await testDatabase();
    expect(await locationProgress(pool, "350801")).toEqual([
      { code: "3508012001", name: "Desa A", households: 2, located: 1, outside: 0 },
      { code: "3508012002", name: "Desa B", households: 1, located: 1, outside: 1 },
    ]);
  });
});

describe("household edits", () => {
  beforeEach(fixture);

  it("updates changed fields, bumps the version and audits before/after", async () => {
    const { pool } = await testDatabase();
    const { updateHousehold } = await import("./edit.server");
    const result = await updateHousehold(pool, desaA, "RT-A1", 1, { lantai: "tanah", luas_lantai: "24", alamat: "Dusun Krajan RT 1" });
    expect(result).toEqual({ ok: true, version: 2, changed: ["luas_lantai", "lantai"] });
    const audit = await pool.query("SELECT before, after FROM audit_log WHERE entity = 'household'");
    expect(audit.rows).toEqual([{ before: { lantai: null, luas_lantai: null }, after: { lantai: "tanah", luas_lantai: 24 } }]);
  });

  it("refuses a stale version (two operators on one household) and invalid codes", async () => {
    const { pool } = await testDatabase();
    const { updateHousehold } = await import("./edit.server");
    expect((await updateHousehold(pool, desaA, "RT-A1", 1, { lantai: "keramik" })).ok).toBe(true);
    expect(await updateHousehold(pool, admin, "RT-A1", 1, { lantai: "tanah" })).toEqual({ ok: false, error: "stale", currentVersion: 2 });
    const invalid = await updateHousehold(pool, desaA, "RT-A1", 2, { lantai: "emas" });
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? [] : invalid.issues?.[0]).toMatch(/^lantai:/);
    expect(await updateHousehold(pool, desaB, "RT-A1", 2, { lantai: "tanah" })).toEqual({ ok: false, error: "forbidden" });
    const { rows } = await pool.query("SELECT lantai, version FROM households WHERE id_rt = 'RT-A1'");
    expect(rows[0]).toEqual({ lantai: "keramik", version: 2 });
  });
});

describe("location work list", () => {
  beforeEach(fixture);

  it("lists households without a location first, then those outside their desa", async () => {
    const { pool } = await testDatabase();
    const { householdsToLocate } = await import("./location.server");
    expect(await householdsToLocate(pool, "350801")).toEqual([
      { idRt: "RT-A1", kodeDesa: "3508012001", namaDesa: "Desa A", alamat: "Dusun Krajan RT 1", kepala: "Siti Aminah", problem: "missing" },
      { idRt: "RT-B1", kodeDesa: "3508012002", namaDesa: "Desa B", alamat: "Dusun Sumber RT 4", kepala: "Siti Rahayu", problem: "outside" },
    ]);
    expect((await householdsToLocate(pool, "3508012002")).map((h) => h.idRt)).toEqual(["RT-B1"]);
  });
});

describe("household page data", () => {
  beforeEach(fixture);

  it("finds the household's programs by id_rt, member NIK or KK, and its findings by id_rt or NIK", async () => {
    const { pool } = await testDatabase();
    const { householdDetail } = await import("./detail.server");
    await pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES
      ('PKH', 'PKH', 'keluarga', 'apbn', '{}'), ('PBI_JKN', 'PBI JKN', 'individu', 'apbn', '{}'), ('RTLH', 'RTLH', 'rumah_tangga', 'apbd_kabupaten', '{}')`);
    await pool.query(`INSERT INTO recipients (program, periode, tahap, unit_key, nik, no_kk, id_rt) VALUES
      ('PKH', '2026-S1', 'realisasi', '3508010101100001', NULL, '3508010101100001', NULL),
      ('PBI_JKN', '2026-S1', 'realisasi', '3508011203150002', '3508011203150002', NULL, NULL),
      ('RTLH', '2026', 'realisasi', 'RT-A1', NULL, NULL, 'RT-A1'),
      ('RTLH', '2026', 'realisasi', 'RT-B1', NULL, NULL, 'RT-B1')`);
    await pool.query(`INSERT INTO findings (program, periode, jenis, nik, id_rt, kode_desa, keterangan) VALUES
      ('PKH', '2026-S1', 'exclusion', NULL, 'RT-A1', '3508012001', 'Layak PKH'),
      ('PBI_JKN', '2026-S1', 'name_mismatch', '3508011203150002', NULL, '3508012001', 'Nama beda'),
      (NULL, NULL, 'invalid_nik', '3508020101700004', 'RT-B1', '3508012002', 'Bukan rumah ini')`);
    const d = (await householdDetail(pool, "RT-A1"))!;
    expect(d.programs.map((p) => p.program).sort()).toEqual(["PBI_JKN", "PKH", "RTLH"]);
    expect(d.findings.map((f) => f.jenis).sort()).toEqual(["exclusion", "name_mismatch"]);
  });
});
