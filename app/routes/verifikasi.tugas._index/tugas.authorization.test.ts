/**
 * Authorization matrix of the verification queue, the visit page and the queue actions: each
 * role, inside and outside its wilayah, through real sessions on the real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { createAccount, createSession } from "../../../db/accounts/accounts.server";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { serializeSessionCookie } from "../../auth/session.server";
import { loader as visitLoader } from "../verifikasi.tugas.$id/route";
import { action as queueAction, loader as queueLoader } from "./route";

const scopes: Record<Role, string> = { admin: "", kabupaten: "3508", kecamatan: "350801", desa: "3508012001", guest: "" };
const cookies: Partial<Record<Role | "anonymous", string>> = { anonymous: "" };
const accountIds: Partial<Record<Role, number>> = {};
let taskIn = 0;
let taskOut = 0;

function request(path: string, role: Role | "anonymous", init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookies[role]) headers.set("Cookie", cookies[role]!);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

beforeAll(async () => {
  const db = await testDatabase();
  await resetData(db);
  await db.pool.query(`INSERT INTO regions (code, level, name) VALUES
    ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'K1'), ('350802', 'kecamatan', 'K2'),
    ('3508012001', 'desa', 'Desa A'), ('3508022001', 'desa', 'Desa C')`);
  await db.pool.query(`INSERT INTO households (id_rt, kode_desa) VALUES ('RT-IN', '3508012001'), ('RT-OUT', '3508022001')`);
  await db.pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt) VALUES
    ('RT-IN', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala'),
    ('RT-OUT', '3508024107900002', '3508020101100002', 'Slamet', '3508022001', 'kepala')`);
  const { rows } = await db.pool.query<{ id: number }>(`INSERT INTO verification_tasks (kind, source_key, id_rt, kode_desa, title) VALUES
    ('tanpa_lokasi', 'tanpa_lokasi::RT-IN', 'RT-IN', '3508012001', 'Belum berlokasi'),
    ('tanpa_lokasi', 'tanpa_lokasi::RT-OUT', 'RT-OUT', '3508022001', 'Belum berlokasi') RETURNING id`);
  [taskIn, taskOut] = rows.map((r) => r.id) as [number, number];
  for (const role of Object.keys(scopes) as Role[]) {
    const account = await createAccount(db.pool, { username: `uji.${role}`, displayName: role, password: "matriks-tugas-2026", role, scopeCode: scopes[role] });
    accountIds[role] = account.id;
    cookies[role] = (await serializeSessionCookie(await createSession(db.pool, account.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(await testDatabase()));

const queueMatrix: Record<Role | "anonymous", number> = { admin: 200, kabupaten: 200, kecamatan: 200, desa: 200, guest: 403, anonymous: 302 };
const visitMatrix: Record<Role | "anonymous", { in: number; out: number }> = {
  admin: { in: 200, out: 200 },
  kabupaten: { in: 200, out: 200 },
  kecamatan: { in: 200, out: 403 },
  desa: { in: 200, out: 403 },
  guest: { in: 403, out: 403 },
  anonymous: { in: 302, out: 302 },
};

describe("verification queue authorization", () => {
  for (const [role, expected] of Object.entries(queueMatrix) as [Role | "anonymous", number][]) {
    it(`queue as ${role}: ${expected}, only its wilayah`, async () => {
      const run = () => queueLoader({ request: request("/verifikasi/tugas", role), params: {}, context: {} });
      expect(await statusOf(run)).toBe(expected);
      if (expected !== 200) return;
      const data = (await (await run()).json()) as { tasks: Array<{ id: number; kepala: string }> };
      const ids = data.tasks.map((t) => t.id).sort();
      expect(ids).toEqual(role === "kecamatan" || role === "desa" ? [taskIn] : [taskIn, taskOut].sort());
    });
  }

  for (const [role, expected] of Object.entries(visitMatrix) as [Role | "anonymous", { in: number; out: number }][]) {
    it(`visit page as ${role}: inside ${expected.in}, outside ${expected.out}`, async () => {
      const get = (id: number) => () => visitLoader({ request: request(`/verifikasi/tugas/${id}`, role), params: { id: String(id) }, context: {} });
      expect(await statusOf(get(taskIn))).toBe(expected.in);
      expect(await statusOf(get(taskOut))).toBe(expected.out);
    });
  }

  it("unknown task: 404 for an operator", async () => {
    const run = () => visitLoader({ request: request("/verifikasi/tugas/999999", "admin"), params: { id: "999999" }, context: {} });
    expect(await statusOf(run)).toBe(404);
  });

  it("assign: kecamatan in scope yes, outside no; desa may only take; guest and kabupaten never", async () => {
    const db = await testDatabase();
    const version = async (id: number) => (await db.pool.query("SELECT version FROM verification_tasks WHERE id = $1", [id])).rows[0].version as number;
    const post = async (role: Role | "anonymous", body: Record<string, string>) =>
      statusOf(() => queueAction({ request: request("/verifikasi/tugas", role, { method: "POST", body: new URLSearchParams(body) }), params: {}, context: {} }));
    const assign = async (role: Role | "anonymous", id: number, assignee: Role) =>
      post(role, { intent: "assign", taskId: String(id), version: String(await version(id)), assignee: String(accountIds[assignee]) });

    expect(await assign("guest", taskIn, "desa")).toBe(403);
    expect(await assign("anonymous", taskIn, "desa")).toBe(302);
    expect(await assign("kabupaten", taskIn, "desa")).toBe(403);
    expect(await assign("desa", taskIn, "kecamatan")).toBe(403);
    expect(await assign("kecamatan", taskOut, "kecamatan")).toBe(403);
    expect(await post("desa", { intent: "take", taskId: String(taskOut), version: String(await version(taskOut)) })).toBe(403);
    expect(await post("guest", { intent: "raise" })).toBe(403);
    expect(await post("desa", { intent: "raise" })).toBe(403);
    expect(await db.pool.query("SELECT count(*)::int AS n FROM verification_tasks WHERE assigned_to IS NOT NULL").then((r) => r.rows[0].n)).toBe(0);

    expect(await post("desa", { intent: "take", taskId: String(taskIn), version: String(await version(taskIn)) })).toBe(200);
    expect(await assign("kecamatan", taskIn, "kecamatan")).toBe(200);
    expect(await assign("admin", taskOut, "admin")).toBe(200);
    const { rows } = await db.pool.query("SELECT id, assigned_to FROM verification_tasks ORDER BY id");
    expect(rows).toEqual([
      { id: taskIn, assigned_to: accountIds.kecamatan },
      { id: taskOut, assigned_to: accountIds.admin },
    ]);
  });
});
