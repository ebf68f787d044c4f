/**
 * Registration and initial identification (Perwali Mojokerto Ps 9) and status moves, against the
 * real database: hand-built applicants with exactly 2 and 3 assessment conditions, listed
 * applicants with and without changed characteristics, the override's mandatory reason, the
 * optimistic lock, events, audit entries and verification tasks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount, type Account } from "../accounts/accounts.server";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../connection.server";
import { withTransaction } from "../connection.server";
import { createApplication, getApplication, listApplications, overrideAssessment, transitionApplication, updateApplication } from "./applications.server";

const DESA = "3508012001";
const OTHER_DESA = "3508022001";
const KK = "3508010101100010";
// DTKS household RT-A: Budi (head) and Siti.
const BUDI = "3508011203850002";
const SITI = "3508014107900001";
// New people, not in DTKS.
const ANI = "3508014505920003";
const DEDI = "3508010808950004";
const NEW_KK = "3508010202200020";

let db: Database;
const accounts: Record<string, Account> = {};

const dtksHousehold = {
  status_bangunan: "milik_sendiri",
  lantai: "keramik",
  dinding: "tembok",
  atap: "genteng",
  jumlah_kamar: 2,
  aset_mobil: false,
  aset_ac: false,
  aset_tabung_gas_5_5kg: false,
};

function registration(over: Record<string, unknown> = {}) {
  return {
    channel: "aktif",
    kode_desa: DESA,
    registering_officer: "Petugas Desa A",
    sktm_ref: "SKTM/12/2026",
    household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold },
    members: [
      { nik: ANI, no_kk: NEW_KK, nama: "Ani Lestari", hubungan_krt: "kepala", jenis_kelamin: "P", tanggal_lahir: "1992-05-05" },
      { nik: DEDI, no_kk: NEW_KK, nama: "Dedi Kurnia", hubungan_krt: "pasangan", jenis_kelamin: "L" },
    ],
    ...over,
  };
}
const listedMembers = [
  { nik: BUDI, no_kk: KK, nama: "Budi Santoso", hubungan_krt: "kepala", jenis_kelamin: "L" },
  { nik: SITI, no_kk: KK, nama: "Siti Aminah", hubungan_krt: "pasangan", jenis_kelamin: "P" },
];

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await db.pool.query(`INSERT INTO regions (code, level, name) VALUES
    ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'K1'), ('350802', 'kecamatan', 'K2'),
    ('${DESA}', 'desa', 'Desa A'), ('${OTHER_DESA}', 'desa', 'Desa C')`);
  await db.pool.query(
    `INSERT INTO households (id_rt, kode_desa, status_bangunan, lantai, dinding, atap, jumlah_kamar, aset_mobil, aset_ac, aset_tabung_gas_5_5kg, desil)
     VALUES ('RT-A', '${DESA}', 'milik_sendiri', 'keramik', 'tembok', 'genteng', 2, false, false, false, 3)`,
  );
  await db.pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, jenis_kelamin) VALUES
    ('RT-A', '${BUDI}', '${KK}', 'Budi Santoso', '${DESA}', 'kepala', 'L'), ('RT-A', '${SITI}', '${KK}', 'Siti Aminah', '${DESA}', 'pasangan', 'P')`);
  const make = async (username: string, role: Account["role"], scopeCode: string) =>
    (accounts[username] = await createAccount(db.pool, { username, displayName: username, password: "matriks-akses-2026", role, scopeCode }));
  await make("op.desa", "desa", DESA);
  await make("op.desa.lain", "desa", OTHER_DESA);
  await make("op.kec", "kecamatan", "350801");
  await make("op.kab", "kabupaten", "3508");
  await make("op.admin", "admin", "");
});
beforeEach(async () => {
  await db.pool.query("TRUNCATE applications, application_events, verification_tasks, audit_log RESTART IDENTITY CASCADE");
});
afterAll(async () => resetData(db));

const version = async (id: number) => (await db.pool.query<{ version: number }>("SELECT version FROM applications WHERE id = $1", [id])).rows[0]!.version;

describe("initial identification on registration", () => {
  it("a new applicant with exactly 2 conditions is eligible; the assessment is stored", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    expect(r).toMatchObject({ ok: true, match: "baru", idRt: null, changes: null, passes: true });
    if (!r.ok) throw new Error();
    expect(r.assessment).toMatchObject({ metCount: 2, eligible: true, uncertain: false });
    const { rows } = await db.pool.query("SELECT match, status, assessment, nik_kepala, nama_kepala, no_kk, registered_by FROM applications WHERE id = $1", [r.id]);
    expect(rows[0]).toMatchObject({ match: "baru", status: "draft", nik_kepala: ANI, nama_kepala: "Ani Lestari", no_kk: NEW_KK, registered_by: accounts["op.desa"]!.id });
    expect(rows[0].assessment.conditions.map((c: { holds: boolean }) => c.holds)).toEqual([true, true, false, false, false]);
  });

  it("a new applicant with exactly 3 conditions is not eligible and cannot be submitted without an override", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration({ household: { ...dtksHousehold, aset_ac: true } }));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.assessment).toMatchObject({ metCount: 3, eligible: false });
    expect(r.passes).toBe(false);
    const refused = await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version);
    expect(refused).toEqual({ ok: false, error: "not_passing" });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM verification_tasks")).rows[0].n).toBe(0);
  });

  it("an override needs a reason; with one it is stored, audited, and the application can go on", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration({ household: { ...dtksHousehold, aset_ac: true } }));
    if (!r.ok) throw new Error();
    const noReason = await overrideAssessment(db.pool, accounts["op.desa"]!, r.id, { eligible: "ya", reason: "" }, r.version);
    expect(noReason).toMatchObject({ ok: false, error: "invalid", issues: [{ path: "reason" }] });
    const short = await overrideAssessment(db.pool, accounts["op.desa"]!, r.id, { eligible: true, reason: "AC" }, r.version);
    expect(short).toMatchObject({ ok: false, error: "invalid" });
    expect(await version(r.id)).toBe(r.version);

    const reason = "AC pemberian majikan, rusak sejak 2024; rumah warisan dihuni 3 keluarga";
    const ok = await overrideAssessment(db.pool, accounts["op.desa"]!, r.id, { eligible: "ya", reason }, r.version);
    expect(ok).toEqual({ ok: true, version: r.version + 1 });
    const { rows } = await db.pool.query("SELECT override_eligible, override_reason, override_by FROM applications WHERE id = $1", [r.id]);
    expect(rows[0]).toEqual({ override_eligible: true, override_reason: reason, override_by: "op.desa" });
    const audit = await db.pool.query("SELECT entity, entity_key, action, reason, before, after FROM audit_log WHERE action = 'update'");
    expect(audit.rows).toEqual([
      {
        entity: "application",
        entity_key: String(r.id),
        action: "update",
        reason,
        before: { overrideEligible: null, overrideReason: null },
        after: { overrideEligible: true, overrideReason: reason },
      },
    ]);
    const submitted = await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version + 1);
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    const task = await db.pool.query("SELECT kind, application_id, kode_desa, id_rt, title, status FROM verification_tasks");
    expect(task.rows).toEqual([
      { kind: "pendaftaran_baru", application_id: r.id, kode_desa: DESA, id_rt: null, title: "Pendaftaran baru: Ani Lestari", status: "terbuka" },
    ]);
  });

  it("a listed applicant without changed characteristics stays a draft and does not go on", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration({ members: listedMembers }));
    expect(r).toMatchObject({ ok: true, match: "terdaftar", idRt: "RT-A", changes: [], assessment: null, passes: false });
    if (!r.ok) throw new Error();
    expect(await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version)).toEqual({ ok: false, error: "not_passing" });
    // The closed draft does not block a later registration once something did change.
    const later = await createApplication(db.pool, accounts["op.desa"]!, registration({ members: listedMembers, household: { ...dtksHousehold, lantai: "tanah" } }));
    expect(later).toMatchObject({ ok: true, passes: true, changes: [{ field: "lantai", before: "keramik", after: "tanah" }] });
    const detail = await getApplication(db.pool, accounts["op.desa"]!, r.id);
    expect(detail).toMatchObject({ ok: true, application: { status: "draft", passes: false, desil: 3, changes: [] } });
  });

  it("a listed applicant with changes stores each difference and becomes a 'changed' verification task", async () => {
    const child = { nik: "3508010101150005", no_kk: KK, nama: "Rina Santoso", hubungan_krt: "anak", jenis_kelamin: "L" };
    const r = await createApplication(
      db.pool,
      accounts["op.desa"]!,
      registration({
        household: { ...dtksHousehold, lantai: "tanah", jumlah_kamar: 2, aset_ac: null },
        members: [listedMembers[0], { ...listedMembers[1], status_bekerja: "bekerja" }, child],
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.match).toBe("terdaftar");
    expect(r.changes).toEqual([
      { field: "lantai", before: "keramik", after: "tanah" },
      { field: `anggota.${SITI}.status_bekerja`, before: null, after: "bekerja" },
      { field: "anggota.3508010101150005", before: null, after: "Rina Santoso" },
    ]);
    expect(r.passes).toBe(true);
    const stored = await db.pool.query("SELECT changes, id_rt FROM applications WHERE id = $1", [r.id]);
    expect(stored.rows[0]).toEqual({ changes: r.changes, id_rt: "RT-A" });
    const s = await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version);
    expect(s).toMatchObject({ ok: true });
    const task = await db.pool.query("SELECT kind, id_rt, nik FROM verification_tasks WHERE application_id = $1", [r.id]);
    expect(task.rows).toEqual([{ kind: "pendaftaran_berubah", id_rt: "RT-A", nik: BUDI }]);
  });

  it("matches by No. KK when no NIK is known, and notes a member who left", async () => {
    const r = await createApplication(
      db.pool,
      accounts["op.desa"]!,
      registration({ members: [{ nik: "3508011111700006", no_kk: KK, nama: "Joko Santoso", hubungan_krt: "kepala" }] }),
    );
    if (!r.ok) throw new Error();
    expect(r).toMatchObject({ match: "terdaftar", idRt: "RT-A" });
    const ev = await db.pool.query("SELECT from_status, to_status, facts FROM application_events WHERE application_id = $1", [r.id]);
    expect(ev.rows[0]).toMatchObject({ from_status: null, to_status: "draft", facts: { match: "terdaftar", matchedBy: "no_kk", idRt: "RT-A" } });
    expect(r.changes).toContainEqual({ field: `anggota.${BUDI}`, before: "Budi Santoso", after: null });
  });

  it("refuses invalid input, naming the member row and field", async () => {
    const bad = await createApplication(
      db.pool,
      accounts["op.desa"]!,
      registration({
        channel: "pasif",
        members: [
          { nik: "3508016213900001", no_kk: NEW_KK, nama: "X Y", hubungan_krt: "kepala" },
          { nik: ANI, no_kk: "1234", nama: "Ani", hubungan_krt: "kepala", jenis_kelamin: "L" },
        ],
      }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok || bad.error !== "invalid") throw new Error();
    const paths = bad.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["members.0.nik", "members.1.no_kk", "members.1.jenis_kelamin", "rt_report", "members"]));
    expect(bad.issues.find((i) => i.path === "members.0.nik")?.message).toBe("tanggal lahir pada NIK tidak valid");
    expect((await db.pool.query("SELECT count(*)::int AS n FROM applications")).rows[0].n).toBe(0);
  });

  it("registers only inside the account's wilayah, and never a second open application for the same head", async () => {
    expect(await createApplication(db.pool, accounts["op.desa.lain"]!, registration())).toEqual({ ok: false, error: "forbidden" });
    expect(await createApplication(db.pool, accounts["op.kab"]!, registration())).toEqual({ ok: false, error: "forbidden" });
    const first = await createApplication(db.pool, accounts["op.kec"]!, registration({ channel: "pasif", rt_report: "Laporan Ketua RT 01 tanggal 2 November" }));
    expect(first).toMatchObject({ ok: true });
    if (!first.ok) throw new Error();
    const stored = await db.pool.query("SELECT channel, rt_report FROM applications WHERE id = $1", [first.id]);
    expect(stored.rows[0]).toEqual({ channel: "pasif", rt_report: "Laporan Ketua RT 01 tanggal 2 November" });
    expect(await createApplication(db.pool, accounts["op.desa"]!, registration())).toEqual({ ok: false, error: "duplicate", existingId: first.id });
  });
});

describe("status moves", () => {
  it("walks draft → decreed with the right roles and facts, recording events, audit and task results", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    let v = r.version;
    const step = async (who: string, to: Parameters<typeof transitionApplication>[3], facts = {}) => {
      const res = await transitionApplication(db.pool, accounts[who]!, r.id, to, facts, v);
      if (!res.ok) throw new Error(`${who} → ${to}: ${JSON.stringify(res)}`);
      v = res.version;
      return res;
    };
    await step("op.desa", "submitted");
    // A desa operator may not verify; a visit result "tidak_valid" cannot verify.
    expect(await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "verified", { visitResult: "valid" }, v)).toEqual({ ok: false, error: "forbidden" });
    expect(await transitionApplication(db.pool, accounts["op.kec"]!, r.id, "verified", {}, v)).toEqual({ ok: false, error: "missing", missing: ["visitResult"] });
    expect(await transitionApplication(db.pool, accounts["op.kec"]!, r.id, "verified", { visitResult: "tidak_valid" }, v)).toMatchObject({
      ok: false,
      error: "invalid",
    });
    await step("op.kec", "verified", { visitResult: "valid" });
    expect((await db.pool.query("SELECT status, result FROM verification_tasks WHERE application_id = $1", [r.id])).rows).toEqual([
      { status: "selesai", result: "valid" },
    ]);
    expect(await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "approved", { meetingDate: "2024-11-20" }, v)).toEqual({
      ok: false,
      error: "missing",
      missing: ["minutesRef"],
    });
    expect(await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "approved", { meetingDate: "2999-01-01", minutesRef: "BA/1/2999" }, v)).toMatchObject({
      ok: false,
      error: "invalid",
      issues: [{ path: "meetingDate", message: "tanggal musdes/muskel belum terjadi" }],
    });
    await step("op.desa", "approved", { meetingDate: "2024-11-20", minutesRef: "BA/14/XI/2026" });
    await step("op.desa", "proposed");
    expect(await transitionApplication(db.pool, accounts["op.kec"]!, r.id, "decreed", { decreeNumber: "400/1/2026" }, v)).toEqual({ ok: false, error: "forbidden" });
    await step("op.kab", "decreed", { decreeNumber: "400/112/427.12/2026" });

    const { rows } = await db.pool.query("SELECT status, meeting_date, minutes_ref, decree_number, version FROM applications WHERE id = $1", [r.id]);
    expect(rows[0]).toEqual({ status: "decreed", meeting_date: "2024-11-20", minutes_ref: "BA/14/XI/2026", decree_number: "400/112/427.12/2026", version: 6 });
    const events = await db.pool.query("SELECT from_status, to_status, actor, facts FROM application_events WHERE application_id = $1 ORDER BY id", [r.id]);
    expect(events.rows.map((e) => [e.from_status, e.to_status, e.actor])).toEqual([
      [null, "draft", "op.desa"],
      ["draft", "submitted", "op.desa"],
      ["submitted", "verified", "op.kec"],
      ["verified", "approved", "op.desa"],
      ["approved", "proposed", "op.desa"],
      ["proposed", "decreed", "op.kab"],
    ]);
    expect(events.rows[3].facts).toEqual({ meetingDate: "2024-11-20", minutesRef: "BA/14/XI/2026" });
    const audit = await db.pool.query("SELECT actor, before, after FROM audit_log WHERE entity = 'application' ORDER BY id");
    expect(audit.rows).toHaveLength(6);
    expect(audit.rows[5]).toEqual({ actor: "op.kab", before: { status: "proposed" }, after: { status: "decreed", decreeNumber: "400/112/427.12/2026" } });
  });

  it("refuses a move made on a stale version and writes nothing", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    const first = await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version);
    expect(first.ok).toBe(true);
    // A second officer, still looking at the draft, tries the same move.
    const second = await transitionApplication(db.pool, accounts["op.kec"]!, r.id, "submitted", {}, r.version);
    expect(second).toEqual({ ok: false, error: "stale", currentVersion: r.version + 1 });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM verification_tasks")).rows[0].n).toBe(1);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM application_events")).rows[0].n).toBe(2);
  });

  it("joins the caller's transaction when given a client (a rolled-back visit leaves no move behind)", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version);
    await withTransaction(
      db.pool,
      async (client) => {
        const res = await transitionApplication(client, accounts["op.kec"]!, r.id, "rejected", { visitResult: "tidak_valid", reason: "Rumah kosong" }, r.version + 1);
        expect(res).toMatchObject({ ok: true, status: "rejected" });
      },
      { rollbackAtEnd: true },
    );
    expect((await db.pool.query("SELECT status FROM applications WHERE id = $1", [r.id])).rows[0].status).toBe("submitted");
  });

  it("out-of-scope accounts can neither read nor move an application", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    expect(await getApplication(db.pool, accounts["op.desa.lain"]!, r.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await transitionApplication(db.pool, accounts["op.desa.lain"]!, r.id, "submitted", {}, r.version)).toEqual({ ok: false, error: "forbidden" });
    expect(await getApplication(db.pool, accounts["op.kab"]!, r.id)).toMatchObject({ ok: true });
  });
});

describe("listing", () => {
  it("lists only the account's wilayah, with filters and counts by status", async () => {
    await db.pool.query(`INSERT INTO regions (code, level, name) VALUES ('3508022002', 'desa', 'Desa D') ON CONFLICT DO NOTHING`);
    const a = await createApplication(db.pool, accounts["op.desa"]!, registration());
    const b = await createApplication(db.pool, accounts["op.desa"]!, registration({ members: listedMembers }));
    const c = await createApplication(
      db.pool,
      accounts["op.admin"]!,
      registration({ kode_desa: OTHER_DESA, members: [{ nik: "3508020303800007", no_kk: "3508020101100030", nama: "Tono", hubungan_krt: "kepala" }] }),
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error();
    await transitionApplication(db.pool, accounts["op.desa"]!, a.id, "submitted", {}, a.version);
    const ids = async (acc: string, f = {}) => (await listApplications(db.pool, accounts[acc]!, f)).rows.map((r) => r.id);
    expect(await ids("op.desa")).toEqual([b.id, a.id]);
    expect(await ids("op.kec")).toEqual([b.id, a.id]);
    expect(await ids("op.admin")).toEqual([c.id, b.id, a.id]);
    expect(await ids("op.desa.lain")).toEqual([c.id]);
    expect(await ids("op.kab", { match: "terdaftar" })).toEqual([b.id]);
    expect(await ids("op.admin", { kodeDesa: OTHER_DESA })).toEqual([c.id]);
    const list = await listApplications(db.pool, accounts["op.kec"]!, { status: "submitted" });
    expect(list.rows.map((r) => r.id)).toEqual([a.id]);
    expect(list.total).toBe(1);
    expect(list.byStatus).toMatchObject({ draft: 1, submitted: 1, verified: 0 });
    // A guest account (no personal-data rights) would only ever get masked names.
    const masked = await listApplications(db.pool, { role: "guest", scopeCode: "" });
    expect(masked.rows.every((r) => r.masked && !r.nama_kepala.includes("Lestari"))).toBe(true);
    expect(masked.rows.find((r) => r.id === a.id)?.nik_kepala).toBe("3508**********03");
  });
});

describe("editing a draft (updateApplication)", () => {
  it("re-runs the assessment: 2 → 3 conditions flips the result; event and audit are written", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.assessment).toMatchObject({ metCount: 2, eligible: true });
    const u = await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration({ household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold, aset_ac: true } }), r.version);
    expect(u).toMatchObject({ ok: true, match: "baru", passes: false, version: r.version + 1, changedFields: ["household.aset_ac"], overrideCleared: false });
    if (!u.ok) throw new Error();
    expect(u.assessment).toMatchObject({ metCount: 3, eligible: false });
    const { rows } = await db.pool.query("SELECT status, version, assessment, household FROM applications WHERE id = $1", [r.id]);
    expect(rows[0]).toMatchObject({ status: "draft", version: r.version + 1, assessment: { metCount: 3, eligible: false }, household: { aset_ac: true } });
    const events = await db.pool.query("SELECT from_status, to_status, actor, reason, facts FROM application_events WHERE application_id = $1 ORDER BY id", [r.id]);
    expect(events.rows).toHaveLength(2);
    expect(events.rows[1]).toMatchObject({ from_status: "draft", to_status: "draft", actor: "op.desa", reason: "diubah", facts: { action: "diubah", metCount: 3, eligible: false } });
    const audit = await db.pool.query("SELECT entity, entity_key, action, before, after FROM audit_log WHERE action = 'update'");
    expect(audit.rows).toEqual([
      {
        entity: "application",
        entity_key: String(r.id),
        action: "update",
        before: { "household.aset_ac": false },
        after: { "household.aset_ac": true, match: "baru", metCount: 3, eligible: false },
      },
    ]);
    // Back to 2 conditions: eligible again, and it can be submitted.
    const back = await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration(), u.version);
    expect(back).toMatchObject({ ok: true, passes: true, assessment: { metCount: 2 } });
  });

  it("clears an override when the assessment inputs change, and records that", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration({ household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold, aset_ac: true } }));
    if (!r.ok) throw new Error();
    const reason = "AC pemberian majikan, rusak sejak 2024; rumah warisan dihuni 3 keluarga";
    const o = await overrideAssessment(db.pool, accounts["op.desa"]!, r.id, { eligible: true, reason }, r.version);
    if (!o.ok) throw new Error();
    // Changing only the address keeps the override.
    const kept = await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration({ household: { ...dtksHousehold, aset_ac: true, alamat: "Dusun Baru" } }), o.version);
    expect(kept).toMatchObject({ ok: true, overrideCleared: false, passes: true });
    if (!kept.ok) throw new Error();
    const cleared = await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration({ household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold, aset_ac: true, aset_mobil: true } }), kept.version);
    expect(cleared).toMatchObject({ ok: true, overrideCleared: true, passes: false, assessment: { metCount: 4 } });
    const { rows } = await db.pool.query("SELECT override_eligible, override_reason, override_by FROM applications WHERE id = $1", [r.id]);
    expect(rows[0]).toEqual({ override_eligible: null, override_reason: null, override_by: null });
    const ev = await db.pool.query("SELECT facts FROM application_events WHERE application_id = $1 ORDER BY id DESC LIMIT 1", [r.id]);
    expect(ev.rows[0].facts.overrideCleared).toEqual({ before: true, reason });
    const audit = await db.pool.query("SELECT before, after FROM audit_log WHERE action = 'update' ORDER BY id DESC LIMIT 1");
    expect(audit.rows[0].before.override).toEqual({ eligible: true, reason, by: "op.desa" });
    expect(audit.rows[0].after.override).toBeNull();
  });

  it("a correction after a rejection re-runs the DTKS match (new → listed with differences)", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    const u = await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration({ members: listedMembers, household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold, jumlah_kamar: 1 } }), r.version);
    expect(u).toMatchObject({ ok: true, match: "terdaftar", idRt: "RT-A", assessment: null, passes: true });
    if (!u.ok) throw new Error();
    expect(u.changes).toEqual([{ field: "jumlah_kamar", before: 2, after: 1 }]);
  });

  it("refuses a non-draft, a stale version and another desa's operator, writing nothing", async () => {
    const r = await createApplication(db.pool, accounts["op.desa"]!, registration());
    if (!r.ok) throw new Error();
    const edit = registration({ household: { alamat: "Dusun Krajan RT 01", ...dtksHousehold, aset_ac: true } });
    expect(await updateApplication(db.pool, accounts["op.desa.lain"]!, r.id, edit, r.version)).toEqual({ ok: false, error: "forbidden" });
    expect(await updateApplication(db.pool, accounts["op.kab"]!, r.id, edit, r.version)).toEqual({ ok: false, error: "forbidden" });
    // Moving it to another desa outside the scope is refused too.
    expect(await updateApplication(db.pool, accounts["op.desa"]!, r.id, registration({ kode_desa: OTHER_DESA }), r.version)).toEqual({ ok: false, error: "forbidden" });
    expect(await updateApplication(db.pool, accounts["op.desa"]!, r.id, edit, r.version - 1)).toEqual({ ok: false, error: "stale", currentVersion: r.version });
    expect(await updateApplication(db.pool, accounts["op.desa"]!, r.id, { ...edit, members: [] }, r.version)).toMatchObject({ ok: false, error: "invalid" });
    const s = await transitionApplication(db.pool, accounts["op.desa"]!, r.id, "submitted", {}, r.version);
    if (!s.ok) throw new Error(JSON.stringify(s));
    expect(await updateApplication(db.pool, accounts["op.desa"]!, r.id, edit, s.version)).toEqual({ ok: false, error: "not_allowed" });
    const ev = await db.pool.query("SELECT count(*)::int AS n FROM application_events WHERE reason = 'diubah'");
    expect(ev.rows[0].n).toBe(0);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE reason = 'diubah'")).rows[0].n).toBe(0);
    // The kecamatan operator of the desa and the admin may correct a draft.
    const r2 = await createApplication(db.pool, accounts["op.desa"]!, registration({ members: [{ nik: DEDI, no_kk: NEW_KK, nama: "Dedi Kurnia", hubungan_krt: "kepala", jenis_kelamin: "L" }] }));
    if (!r2.ok) throw new Error(JSON.stringify(r2));
    const k = await updateApplication(db.pool, accounts["op.kec"]!, r2.id, registration({ members: [{ nik: DEDI, no_kk: NEW_KK, nama: "Dedi K.", hubungan_krt: "kepala", jenis_kelamin: "L" }] }), r2.version);
    expect(k).toMatchObject({ ok: true, changedFields: ["members"] });
    if (!k.ok) throw new Error();
    expect(await updateApplication(db.pool, accounts["op.admin"]!, r2.id, registration({ members: [{ nik: DEDI, no_kk: NEW_KK, nama: "Dedi Kurnia", hubungan_krt: "kepala", jenis_kelamin: "L" }] }), k.version)).toMatchObject({ ok: true });
  });
});
