/**
 * Authorization matrix of the registration pages, through the real loaders and actions with real
 * sessions: every status move (analytics/verval/workflow `transitions`) as every role, inside and
 * outside its wilayah; the list, the application page and the registration form per role.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { transitions, type ApplicationStatus } from "../../../analytics/verval/workflow";
import { createAccount, createSession } from "../../../db/accounts/accounts.server";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { serializeSessionCookie } from "../../auth/session.server";
import { action as moveAction, loader as detailLoader } from "./route";
import { loader as listLoader } from "../verifikasi.permohonan._index/route";
import { action as registerAction, loader as registerLoader } from "../verifikasi.daftar/route";

type Who = Role | "anonymous";
const IN = "3508012001";
const OUT = "3508022001";
const scopes: Record<Role, string> = { admin: "", kabupaten: "3508", kecamatan: "350801", desa: IN, guest: "" };
const cookies: Partial<Record<Who, string>> = { anonymous: "" };
const everyone: Who[] = ["admin", "kabupaten", "kecamatan", "desa", "guest", "anonymous"];

function request(path: string, who: Who, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookies[who]) headers.set("Cookie", cookies[who]!);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

let serial = 1;
/** An application fixture in `status` (rows as the module writes them; a passing new applicant). */
async function fixture(status: ApplicationStatus, kodeDesa = IN): Promise<{ id: number; version: number }> {
  const { pool } = await testDatabase();
  const nik = `35080112038${String(serial++).padStart(5, "0")}`;
  const { rows } = await pool.query<{ id: number; version: number }>(
    `INSERT INTO applications (channel, kode_desa, match, nik_kepala, no_kk, nama_kepala, household, members, registering_officer, assessment, status)
     VALUES ('aktif', $1, 'baru', $2, '3508010101100001', 'Uji Coba', '{}', $3, 'uji', '{"eligible": true, "metCount": 0, "conditions": []}', $4)
     RETURNING id, version`,
    [kodeDesa, nik, JSON.stringify([{ nik, no_kk: "3508010101100001", nama: "Uji Coba", hubungan_krt: "kepala" }]), status],
  );
  return rows[0]!;
}

const fullFacts: Record<string, string> = {
  visitResult: "valid",
  meetingDate: "2024-11-20",
  minutesRef: "BA/14/2026",
  decreeNumber: "400/112/2026",
  reason: "Data diperbaiki setelah kunjungan",
};

function move(who: Who, id: number, version: number, to: ApplicationStatus, facts: Record<string, string>) {
  return () =>
    moveAction({
      request: request(`/verifikasi/permohonan/${id}`, who, {
        method: "POST",
        body: new URLSearchParams({ intent: "move", to, version: String(version), ...facts }),
      }),
      params: { id: String(id) },
      context: {},
    });
}

beforeAll(async () => {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  await pool.query(`INSERT INTO regions (code, level, name) VALUES
    ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'K1'), ('350802', 'kecamatan', 'K2'),
    ('${IN}', 'desa', 'Desa A'), ('${OUT}', 'desa', 'Desa C')`);
  for (const role of Object.keys(scopes) as Role[]) {
    const account = await createAccount(pool, { username: `uji.${role}`, displayName: `Uji ${role}`, password: "matriks-akses-2026", role, scopeCode: scopes[role] });
    cookies[role] = (await serializeSessionCookie(await createSession(pool, account.id))).split(";")[0]!;
  }
});
beforeEach(async () => {
  const { pool } = await testDatabase();
  await pool.query("TRUNCATE applications, application_events, verification_tasks RESTART IDENTITY CASCADE");
});
afterAll(async () => resetData(await testDatabase()));

describe("status moves through the real action", () => {
  for (const rule of transitions) {
    const facts = Object.fromEntries(rule.requires.map((k) => [k, k === "visitResult" && rule.to === "rejected" ? "tidak_valid" : fullFacts[k]!]));
    for (const who of everyone) {
      const expected = who === "anonymous" ? 302 : who === "guest" ? 403 : (rule.roles as readonly string[]).includes(who) ? 200 : 403;
      it(`${rule.from} → ${rule.to} as ${who}: ${expected} inside its wilayah`, async () => {
        const app = await fixture(rule.from);
        expect(await statusOf(move(who, app.id, app.version, rule.to, facts))).toBe(expected);
        const { pool } = await testDatabase();
        const { rows } = await pool.query("SELECT status FROM applications WHERE id = $1", [app.id]);
        expect(rows[0].status).toBe(expected === 200 ? rule.to : rule.from);
        const events = await pool.query("SELECT count(*)::int AS n FROM application_events WHERE application_id = $1", [app.id]);
        expect(events.rows[0].n).toBe(expected === 200 ? 1 : 0);
      });
    }
    for (const who of ["kecamatan", "desa"] as const) {
      if (!(rule.roles as readonly string[]).includes(who)) continue;
      it(`${rule.from} → ${rule.to} as ${who} outside its wilayah: 403`, async () => {
        const app = await fixture(rule.from, OUT);
        expect(await statusOf(move(who, app.id, app.version, rule.to, facts))).toBe(403);
      });
    }
  }

  it("a move without its required facts is refused (400) and one not in the workflow is a conflict (409)", async () => {
    const app = await fixture("verified");
    expect(await statusOf(move("desa", app.id, app.version, "approved", { meetingDate: "2024-11-20" }))).toBe(400);
    expect(await statusOf(move("admin", app.id, app.version, "decreed", { decreeNumber: "400/1/2026" }))).toBe(409);
  });

  it("a stale version is a 409 conflict, and the first writer wins", async () => {
    const app = await fixture("draft");
    expect(await statusOf(move("desa", app.id, app.version, "submitted", {}))).toBe(200);
    expect(await statusOf(move("kecamatan", app.id, app.version, "submitted", {}))).toBe(409);
    const res = await move("kecamatan", app.id, app.version, "submitted", {})();
    expect(await res.json()).toMatchObject({ ok: false, error: "stale" });
  });
});

describe("pages per role", () => {
  const pageMatrix: Record<Who, { list: number; in: number; out: number; register: number }> = {
    admin: { list: 200, in: 200, out: 200, register: 200 },
    kabupaten: { list: 200, in: 200, out: 200, register: 200 },
    kecamatan: { list: 200, in: 200, out: 403, register: 200 },
    desa: { list: 200, in: 200, out: 403, register: 200 },
    guest: { list: 403, in: 403, out: 403, register: 403 },
    anonymous: { list: 302, in: 302, out: 302, register: 302 },
  };
  for (const who of everyone) {
    const e = pageMatrix[who];
    it(`as ${who}: list ${e.list}, application inside ${e.in} / outside ${e.out}, registration form ${e.register}`, async () => {
      const inside = await fixture("draft");
      const outside = await fixture("draft", OUT);
      expect(await statusOf(() => listLoader({ request: request("/verifikasi/permohonan", who), params: {}, context: {} }))).toBe(e.list);
      const detail = (id: number) => () => detailLoader({ request: request(`/verifikasi/permohonan/${id}`, who), params: { id: String(id) }, context: {} });
      expect(await statusOf(detail(inside.id))).toBe(e.in);
      expect(await statusOf(detail(outside.id))).toBe(e.out);
      expect(await statusOf(() => registerLoader({ request: request("/verifikasi/daftar", who), params: {}, context: {} }))).toBe(e.register);
    });
  }

  it("the list never shows applications outside the account's wilayah", async () => {
    const inside = await fixture("submitted");
    await fixture("submitted", OUT);
    const ids = async (who: Role) =>
      ((await (await listLoader({ request: request("/verifikasi/permohonan?status=submitted", who), params: {}, context: {} })).json()) as { rows: { id: number }[] }).rows.map(
        (r) => r.id,
      );
    expect(await ids("desa")).toEqual([inside.id]);
    expect(await ids("kecamatan")).toEqual([inside.id]);
    expect(await ids("kabupaten")).toHaveLength(2);
    // A desa filter outside the scope is ignored, not obeyed.
    const res = await listLoader({ request: request(`/verifikasi/permohonan?desa=${OUT}`, "desa"), params: {}, context: {} });
    expect(((await res.json()) as { rows: { id: number }[] }).rows.map((r) => r.id)).toEqual([inside.id]);
  });

  const form = (kodeDesa: string, nik: string) =>
    new URLSearchParams({
      channel: "aktif",
      kode_desa: kodeDesa,
      registering_officer: "Petugas",
      "members[0].nik": nik,
      "members[0].no_kk": "3508010202200020",
      "members[0].nama": "Ani Lestari",
      "members[0].hubungan_krt": "kepala",
      "household.status_bangunan": "kontrak_sewa",
      "household.aset_mobil": "tidak",
    });
  const register = (who: Who, body: URLSearchParams) => () =>
    registerAction({ request: request("/verifikasi/daftar", who, { method: "POST", body }), params: {}, context: {} });

  it("registration: desa in its own desa (redirect to the application), not elsewhere, never kabupaten or guests", async () => {
    expect(await statusOf(register("desa", form(IN, "3508014505920003")))).toBe(302);
    expect(await statusOf(register("desa", form(OUT, "3508014505920004")))).toBe(403);
    expect(await statusOf(register("kecamatan", form(OUT, "3508014505920005")))).toBe(403);
    expect(await statusOf(register("admin", form(OUT, "3508014505920006")))).toBe(302);
    expect(await statusOf(register("kabupaten", form(IN, "3508014505920007")))).toBe(403);
    expect(await statusOf(register("guest", form(IN, "3508014505920008")))).toBe(403);
    expect(await statusOf(register("anonymous", form(IN, "3508014505920009")))).toBe(302);
    const { pool } = await testDatabase();
    const { rows } = await pool.query("SELECT kode_desa, nik_kepala, match, (assessment->>'metCount')::int AS met FROM applications ORDER BY id");
    expect(rows).toEqual([
      { kode_desa: IN, nik_kepala: "3508014505920003", match: "baru", met: 0 },
      { kode_desa: OUT, nik_kepala: "3508014505920006", match: "baru", met: 0 },
    ]);
  });

  it("registration: an invalid form comes back with the field's error (400), nothing written", async () => {
    const body = form(IN, "3508014505920003");
    body.set("members[0].nik", "123");
    const res = await register("desa", body)();
    expect(res.status).toBe(400);
    const reply = (await res.json()) as { error: Record<string, string[]> };
    expect(reply.error["members[0].nik"]).toEqual(["NIK tidak terdiri dari 16 digit"]);
  });
});

describe("editing a draft (/verifikasi/daftar?ubah=<id>)", () => {
  const editForm = (kodeDesa: string, version: number, nik = kodeDesa === IN ? "3508014505920003" : "3508014505920004") =>
    new URLSearchParams({
      channel: "aktif",
      kode_desa: kodeDesa,
      registering_officer: "Petugas",
      version: String(version),
      "members[0].nik": nik,
      "members[0].no_kk": "3508010202200020",
      "members[0].nama": "Ani Lestari",
      "members[0].hubungan_krt": "kepala",
      "household.status_bangunan": "kontrak_sewa",
    });
  const edit = (who: Who, id: number, body: URLSearchParams) => () =>
    registerAction({ request: request(`/verifikasi/daftar?ubah=${id}`, who, { method: "POST", body }), params: {}, context: {} });
  const editPage = (who: Who, id: number) => () => registerLoader({ request: request(`/verifikasi/daftar?ubah=${id}`, who), params: {}, context: {} });
  // Per role: the edit form and the save for a draft inside the wilayah, and for one outside it.
  const matrix: Record<Who, { page: number; save: number; out: number }> = {
    admin: { page: 200, save: 302, out: 302 },
    kabupaten: { page: 403, save: 403, out: 403 },
    kecamatan: { page: 200, save: 302, out: 403 },
    desa: { page: 200, save: 302, out: 403 },
    guest: { page: 403, save: 403, out: 403 },
    anonymous: { page: 302, save: 302, out: 302 },
  };
  for (const who of everyone) {
    const e = matrix[who];
    it(`as ${who}: edit form ${e.page}, save inside ${e.save}, outside ${e.out}`, async () => {
      const inside = await fixture("draft");
      const outside = await fixture("draft", OUT);
      expect(await statusOf(editPage(who, inside.id))).toBe(e.page);
      expect(await statusOf(edit(who, inside.id, editForm(IN, inside.version)))).toBe(e.save);
      expect(await statusOf(edit(who, outside.id, editForm(OUT, outside.version)))).toBe(e.out);
      const { pool } = await testDatabase();
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM application_events WHERE reason = 'diubah'");
      expect(rows[0]!.n).toBe((e.save === 302 && who !== "anonymous" ? 1 : 0) + (e.out === 302 && who !== "anonymous" ? 1 : 0));
    });
  }

  it("a submitted application cannot be edited (409), and a stale version is a 409 conflict", async () => {
    const submitted = await fixture("submitted");
    expect(await statusOf(editPage("desa", submitted.id))).toBe(409);
    expect(await statusOf(edit("desa", submitted.id, editForm(IN, submitted.version)))).toBe(409);
    const draft = await fixture("draft");
    expect(await statusOf(edit("desa", draft.id, editForm(IN, draft.version)))).toBe(302);
    expect(await statusOf(edit("kecamatan", draft.id, editForm(IN, draft.version)))).toBe(409);
  });
});
