/**
 * Member edits on the real database: happy path with its audit before/after, the optimistic-lock
 * conflict, scope denial, per-field validation (NIK structure via analytics/nik), adding, leaving
 * the household with a reason, and the readable history the household page shows.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Account } from "../accounts/accounts.server";
import { buildTimeline } from "../../app/components/households/timeline";
import { householdDetail } from "./detail.server";
import { updateHousehold } from "./edit.server";
import { setHouseholdLocation } from "./location.server";
import { memberSchema } from "./member-schema";
import { addMember, exitMember, getMember, updateMember } from "./members.server";

const desaA: Account = { id: 0, username: "op.a", displayName: "Op A", role: "desa", scopeCode: "3508012001" };
const desaA2: Account = { id: 0, username: "op.a2", displayName: "Op A2", role: "desa", scopeCode: "3508012001" };
const desaB: Account = { id: 0, username: "op.b", displayName: "Op B", role: "desa", scopeCode: "3508012002" };
const kecamatan: Account = { id: 0, username: "op.kec", displayName: "Kec", role: "kecamatan", scopeCode: "350801" };
const guest: Account = { id: 0, username: "tamu", displayName: "Tamu", role: "guest", scopeCode: "" };

// Siti: female, born 1990-07-01 (day 01 + 40); Budi: male, born 2015-03-12.
const siti = "3508014107900001";
const budi = "3508011203150002";

async function fixture() {
  const db = await testDatabase();
  await resetData(db);
  await db.pool.query(`INSERT INTO regions (code, level, name, geom) VALUES
    ('3508012001', 'desa', 'Desa A', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.1, 4326))),
    ('3508012002', 'desa', 'Desa B', ST_Multi(ST_MakeEnvelope(113.1, -8.2, 113.2, -8.1, 4326)))`);
  await db.pool.query(`INSERT INTO households (id_rt, kode_desa, alamat) VALUES ('RT-A1', '3508012001', 'Dusun Krajan RT 1')`);
  await db.pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, jenis_kelamin, tanggal_lahir, partisipasi_sekolah, jenjang_pendidikan) VALUES
    ('RT-A1', '${siti}', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala', 'P', '1990-07-01', 'tidak_lagi', 'smp'),
    ('RT-A1', '${budi}', '3508010101100001', 'Budi Santoso', '3508012001', 'anak', 'L', '2015-03-12', 'masih_sekolah', 'sd')`);
  const { rows } = await db.pool.query<{ id: number; nik: string }>("SELECT id, nik FROM members ORDER BY id");
  return { pool: db.pool, sitiId: rows[0]!.id, budiId: rows[1]!.id };
}

/** The form values of Budi as loaded, with `changes` applied. */
function budiForm(changes: Record<string, string | undefined> = {}) {
  return {
    nik: budi,
    no_kk: "3508010101100001",
    nama: "Budi Santoso",
    hubungan_krt: "anak",
    jenis_kelamin: "L",
    tanggal_lahir: "2015-03-12",
    partisipasi_sekolah: "masih_sekolah",
    jenjang_pendidikan: "sd",
    ...changes,
  };
}

describe("member edits", () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeEach(async () => {
    f = await fixture();
  });
  afterAll(async () => resetData(await testDatabase()));

  it("saves a changed field, bumps the version and audits only what changed (with NIK and name)", async () => {
    const result = await updateMember(f.pool, desaA, "RT-A1", f.budiId, 1, budiForm({ jenjang_pendidikan: "smp", disabilitas: "ringan" }));
    expect(result).toEqual({ ok: true, id: f.budiId, version: 2, changed: ["jenjang_pendidikan", "disabilitas"] });
    const row = await getMember(f.pool, "RT-A1", f.budiId);
    expect(row).toMatchObject({ jenjang_pendidikan: "smp", disabilitas: "ringan", version: 2, nama: "Budi Santoso" });
    const audit = await f.pool.query("SELECT actor, entity, entity_key, action, kode_desa, before, after FROM audit_log");
    expect(audit.rows).toEqual([
      {
        actor: "op.a",
        entity: "member",
        entity_key: "RT-A1",
        action: "update",
        kode_desa: "3508012001",
        before: { id: f.budiId, nik: budi, nama: "Budi Santoso", jenjang_pendidikan: "sd", disabilitas: null },
        after: { id: f.budiId, nik: budi, nama: "Budi Santoso", jenjang_pendidikan: "smp", disabilitas: "ringan" },
      },
    ]);
    // Saving the same values again changes nothing and writes no audit entry.
    expect(await updateMember(f.pool, desaA, "RT-A1", f.budiId, 2, budiForm({ jenjang_pendidikan: "smp", disabilitas: "ringan" }))).toMatchObject({
      ok: true,
      changed: [],
    });
    expect((await f.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(1);
  });

  it("refuses a stale version and returns the stored values and who changed them", async () => {
    expect(await updateMember(f.pool, desaA, "RT-A1", f.budiId, 1, budiForm({ jenjang_pendidikan: "smp" }))).toMatchObject({ ok: true });
    const second = await updateMember(f.pool, desaA2, "RT-A1", f.budiId, 1, budiForm({ jenjang_pendidikan: "sma", status_perkawinan: "belum_kawin" }));
    expect(second).toMatchObject({
      ok: false,
      error: "stale",
      currentVersion: 2,
      current: { jenjang_pendidikan: "smp", status_perkawinan: "" },
      lastChange: { actor: "op.a" },
    });
    const row = await getMember(f.pool, "RT-A1", f.budiId);
    expect(row).toMatchObject({ jenjang_pendidikan: "smp", status_perkawinan: null, version: 2 });
    expect((await f.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(1);
  });

  it("lets desa and kecamatan operators write in scope only; a guest never", async () => {
    const edit = budiForm({ jenjang_pendidikan: "smp" });
    expect(await updateMember(f.pool, desaB, "RT-A1", f.budiId, 1, edit)).toEqual({ ok: false, error: "forbidden" });
    expect(await updateMember(f.pool, guest, "RT-A1", f.budiId, 1, edit)).toEqual({ ok: false, error: "forbidden" });
    expect(await addMember(f.pool, desaB, "RT-A1", { nik: "3508010505200003", no_kk: "3508010101100001", nama: "Bayu" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await exitMember(f.pool, desaB, "RT-A1", f.budiId, 1, { jenis_keluar: "pindah", tanggal_keluar: "2026-01-02", alasan: "surat pindah" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect((await getMember(f.pool, "RT-A1", f.budiId))?.version).toBe(1);
    expect((await f.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(0);
    expect(await updateMember(f.pool, kecamatan, "RT-A1", f.budiId, 1, edit)).toMatchObject({ ok: true, version: 2 });
  });

  it("names each invalid field", async () => {
    const result = await updateMember(
      f.pool,
      desaA,
      "RT-A1",
      f.budiId,
      1,
      budiForm({ nik: "9908011203150002", nama: undefined, tanggal_lahir: "2015-02-30", hamil: "ya", jenjang_pendidikan: "universitas" }),
    );
    expect(result).toMatchObject({ ok: false, error: "invalid" });
    const errors = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(["hamil", "jenjang_pendidikan", "nama", "nik", "tanggal_lahir"]);
    expect(errors.nik).toEqual(["kode provinsi pada NIK tidak dikenal"]);
    expect(errors.nama).toEqual(["wajib diisi"]);
    expect(errors.hamil).toEqual(["hanya untuk anggota perempuan"]);
    // A new NIK must agree with the sex and birth date given.
    const mismatch = memberSchema({ currentNik: budi }).safeParse(budiForm({ nik: "3508015203150002" }));
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["jenis_kelamin", "NIK menunjukkan perempuan (tanggal lahir +40)"],
    ]);
    // A malformed NIK already on record does not block other edits.
    expect(memberSchema({ currentNik: "3508010000000000" }).safeParse(budiForm({ nik: "3508010000000000" })).success).toBe(true);
    expect((await getMember(f.pool, "RT-A1", f.budiId))?.version).toBe(1);
  });

  it("adds a member once per NIK and audits the new row", async () => {
    const baby = { nik: "3508015002260004", no_kk: "3508010101100001", nama: "Ayu Lestari", hubungan_krt: "anak", jenis_kelamin: "P", tanggal_lahir: "2026-02-10" };
    const added = await addMember(f.pool, desaA, "RT-A1", baby);
    expect(added).toMatchObject({ ok: true, version: 1 });
    expect(await addMember(f.pool, desaA, "RT-A1", baby)).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { nik: ["NIK ini sudah tercatat sebagai anggota rumah tangga ini"] },
    });
    const { rows } = await f.pool.query("SELECT action, before, after->>'nama' AS nama, after->>'hamil' AS hamil FROM audit_log");
    expect(rows).toEqual([{ action: "create", before: null, nama: "Ayu Lestari", hamil: null }]);
    const member = await f.pool.query("SELECT kode_desa, kode_kecamatan, jenis_kelamin FROM members WHERE nik = $1", [baby.nik]);
    expect(member.rows).toEqual([{ kode_desa: "3508012001", kode_kecamatan: "350801", jenis_kelamin: "P" }]);
  });

  it("records a member leaving with a reason, keeps the whole row in the audit, and keeps the head until replaced", async () => {
    expect(await exitMember(f.pool, desaA, "RT-A1", f.budiId, 1, { jenis_keluar: "pindah", tanggal_keluar: "2026-01-02", alasan: "" })).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { alasan: [expect.stringContaining("minimal 5 huruf")] },
    });
    expect(await exitMember(f.pool, desaA, "RT-A1", f.sitiId, 1, { jenis_keluar: "meninggal", tanggal_keluar: "2026-01-02", alasan: "akta kematian 12/2026" })).toMatchObject({
      ok: false,
      fieldErrors: { jenis_keluar: [expect.stringContaining("kepala rumah tangga")] },
    });
    expect(await exitMember(f.pool, desaA, "RT-A1", f.budiId, 1, { jenis_keluar: "pindah", tanggal_keluar: "2026-01-02", alasan: "surat pindah 7/2026" })).toMatchObject({
      ok: true,
    });
    expect(await getMember(f.pool, "RT-A1", f.budiId)).toBeNull();
    const { rows } = await f.pool.query("SELECT action, before, after, reason FROM audit_log");
    expect(rows).toEqual([
      {
        action: "delete",
        before: expect.objectContaining({ id: f.budiId, nik: budi, nama: "Budi Santoso", jenjang_pendidikan: "sd", tanggal_lahir: "2015-03-12" }),
        after: { nik: budi, nama: "Budi Santoso", jenis_keluar: "pindah", tanggal_keluar: "2026-01-02" },
        reason: "surat pindah 7/2026",
      },
    ]);
  });

  it("shows household, member and location changes as a readable timeline, newest first", async () => {
    await updateHousehold(f.pool, desaA, "RT-A1", 1, { lantai: "keramik" });
    await setHouseholdLocation(f.pool, desaA, { idRt: "RT-A1", lon: 113.02, lat: -8.12, source: "gps", accuracyM: 8, version: 2 });
    await updateMember(f.pool, desaA, "RT-A1", f.budiId, 1, budiForm({ jenjang_pendidikan: "smp" }));
    await exitMember(f.pool, desaA, "RT-A1", f.budiId, 2, { jenis_keluar: "meninggal", tanggal_keluar: "2026-03-04", alasan: "akta kematian 3/2026" });
    const detail = await householdDetail(f.pool, "RT-A1");
    const timeline = buildTimeline(detail!.history).map(({ title, changes, reason, actor }) => ({
      title,
      actor,
      changes: changes.map((c) => `${c.label}: ${c.before} → ${c.after}`),
      reason,
    }));
    expect(timeline).toEqual([
      { title: "Budi Santoso keluar dari rumah tangga: meninggal, 2026-03-04", actor: "op.a", changes: [], reason: "akta kematian 3/2026" },
      { title: "Data anggota Budi Santoso diubah", actor: "op.a", changes: ["Jenjang pendidikan tertinggi: SD/sederajat → SMP/sederajat"], reason: null },
      {
        title: "Lokasi ditetapkan",
        actor: "op.a",
        changes: ["Koordinat: (kosong) → -8.120000, 113.020000", "Sumber:  → GPS", "Akurasi:  → 8 m"],
        reason: null,
      },
      { title: "Data rumah tangga diubah", actor: "op.a", changes: ["Jenis lantai: (kosong) → Keramik"], reason: null },
    ]);
    expect(detail!.members.map((m) => m.nama)).toEqual(["Siti Aminah"]);
  });
});
