/**
 * Authorization matrix of the verval dashboard, ranking and penetapan routes: each role (and the
 * anonymous visitor) against every loader and action, inside and outside its scope, through real
 * sessions on the real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { createAccount, createSession } from "../../../db/accounts/accounts.server";
import { createDecree } from "../../../db/verval/decree.server";
import { fixtureInstrument, loadRankingFixture } from "../../../db/verval/ranking-fixture";
import { saveInstrument } from "../../../db/verval/ranking.server";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { serializeSessionCookie } from "~/auth/session.server";
import { loader as dashboardLoader } from "../verifikasi._index/route";
import { action as rankingAction, loader as rankingLoader } from "../verifikasi.peringkat/route";
import { loader as explainLoader } from "../verifikasi.peringkat_.$idRt/route";
import { loader as rankingExport } from "../verifikasi.peringkat_.unduh/route";
import { action as decreeAction, loader as decreeListLoader } from "./route";
import { loader as decreeLoader } from "../verifikasi.penetapan_.$id/route";
import { loader as decreeDownload } from "../verifikasi.penetapan_.$id.unduh/route";
import { loader as compareLoader } from "../verifikasi.penetapan_.banding/route";

type Who = Role | "anonymous" | "otherKab";
const scopes: Record<Role | "otherKab", [Role, string]> = {
  admin: ["admin", ""],
  kabupaten: ["kabupaten", "3508"],
  otherKab: ["kabupaten", "3509"],
  kecamatan: ["kecamatan", "350801"],
  desa: ["desa", "3508012001"],
  guest: ["guest", ""],
};
const cookies: Partial<Record<Who, string>> = { anonymous: "" };
const who = Object.keys(cookies).concat(Object.keys(scopes)) as Who[];

function request(path: string, role: Who, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookies[role]) headers.set("Cookie", cookies[role]!);
  return new Request(`http://localhost${path}`, { ...init, headers });
}
const ctx = { context: {} };
let decreeId = 0;

beforeAll(async () => {
  const db = await testDatabase();
  await resetData(db);
  await loadRankingFixture(db.pool);
  await db.pool.query("INSERT INTO regions (code, level, name) VALUES ('3509', 'kabupaten', 'Jember')");
  await db.pool.query(`INSERT INTO verification_tasks (kind, id_rt, kode_desa, title, status) VALUES ('tanpa_lokasi', 'RT01', '3508012001', 'Tanpa lokasi', 'terbuka')`);
  const admin = { id: 0, username: "admin", displayName: "Admin", role: "admin" as const, scopeCode: "" };
  await saveInstrument(db.pool, admin, { name: "TKPK", weights: fixtureInstrument.weights });
  decreeId = (await createDecree(db.pool, admin, { periode: "2026", number: "SK-001", decreeDate: "2026-11-20", signer: "Bupati", scopeCode: "3508", instrumentVersion: 1 })).id;
  for (const [name, [role, scopeCode]] of Object.entries(scopes)) {
    const account = await createAccount(db.pool, { username: `uji.${name.toLowerCase()}`, displayName: name, password: "matriks-akses-2026", role, scopeCode });
    cookies[name as Who] = (await serializeSessionCookie(await createSession(db.pool, account.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(await testDatabase()));

const expectMatrix = async (run: (w: Who) => Promise<unknown>, expected: Record<Who, number>) => {
  const got: Record<string, number> = {};
  for (const w of who) got[w] = await statusOf(() => run(w));
  expect(got).toEqual(expected);
};

describe("verval ranking and penetapan authorization", () => {
  it("dashboard: every account; exact points only with personal-data rights", async () => {
    await expectMatrix((w) => dashboardLoader({ request: request("/verifikasi", w), params: {}, ...ctx }), {
      anonymous: 302, admin: 200, kabupaten: 200, otherKab: 200, kecamatan: 200, desa: 200, guest: 200,
    });
    const body = async (w: Who) => (await (await dashboardLoader({ request: request("/verifikasi", w), params: {}, ...ctx })).json()) as { map: { points: unknown[] | null; counts: unknown[] }; pendingTotal: number };
    expect((await body("guest")).map.points).toBeNull();
    expect((await body("guest")).map.counts).toHaveLength(1);
    expect((await body("desa")).pendingTotal).toBe(1);
    expect((await body("otherKab")).pendingTotal).toBe(0);
  });

  it("ranking page and export: operators with personal-data rights; the instrument: admin and kabupaten", async () => {
    await expectMatrix((w) => rankingLoader({ request: request("/verifikasi/peringkat?periode=2026", w), params: {}, ...ctx }), {
      anonymous: 302, admin: 200, kabupaten: 200, otherKab: 200, kecamatan: 200, desa: 200, guest: 403,
    });
    await expectMatrix((w) => rankingExport({ request: request("/verifikasi/peringkat/unduh?periode=2026", w), params: {}, ...ctx }), {
      anonymous: 302, admin: 200, kabupaten: 200, otherKab: 200, kecamatan: 200, desa: 200, guest: 403,
    });
    // A desa operator's ranking holds only its desa, whatever wilayah it asks for.
    const desa = (await (await rankingLoader({ request: request("/verifikasi/peringkat?periode=2026&wilayah=3508", "desa"), params: {}, ...ctx })).json()) as {
      ranking: { rows: { kodeDesa: string }[] };
    };
    expect(new Set(desa.ranking.rows.map((r) => r.kodeDesa))).toEqual(new Set(["3508012001"]));
    const other = (await (await rankingLoader({ request: request("/verifikasi/peringkat?periode=2026", "otherKab"), params: {}, ...ctx })).json()) as { ranking: { total: number } };
    expect(other.ranking.total).toBe(0);

    const save = (w: Who) =>
      rankingAction({ request: request("/verifikasi/peringkat", w, { method: "POST", body: new URLSearchParams({ name: "Uji", w_rtlh_pct: "1" }) }), params: {}, ...ctx });
    await expectMatrix(save, { anonymous: 302, admin: 200, kabupaten: 200, otherKab: 200, kecamatan: 403, desa: 403, guest: 403 });
  });

  it("score explanation: personal-data rights in the household's desa", async () => {
    const get = (w: Who, id: string) => explainLoader({ request: request(`/verifikasi/peringkat/${id}?periode=2026`, w), params: { idRt: id }, ...ctx });
    await expectMatrix((w) => get(w, "RT03"), { anonymous: 302, admin: 200, kabupaten: 200, otherKab: 403, kecamatan: 200, desa: 200, guest: 403 });
    await expectMatrix((w) => get(w, "RT04"), { anonymous: 302, admin: 200, kabupaten: 200, otherKab: 403, kecamatan: 200, desa: 403, guest: 403 });
  });

  it("penetapan pages, downloads and compare: admin and kabupaten inside its scope only", async () => {
    const only = { anonymous: 302, admin: 200, kabupaten: 200, otherKab: 403, kecamatan: 403, desa: 403, guest: 403 };
    await expectMatrix((w) => decreeLoader({ request: request(`/verifikasi/penetapan/${decreeId}`, w), params: { id: String(decreeId) }, ...ctx }), only);
    await expectMatrix((w) => decreeDownload({ request: request(`/verifikasi/penetapan/${decreeId}/unduh?format=xlsx`, w), params: { id: String(decreeId) }, ...ctx }), only);
    await expectMatrix((w) => decreeDownload({ request: request(`/verifikasi/penetapan/${decreeId}/unduh?format=pdf`, w), params: { id: String(decreeId) }, ...ctx }), only);
    await expectMatrix((w) => compareLoader({ request: request(`/verifikasi/penetapan/banding?a=${decreeId}&b=${decreeId}`, w), params: {}, ...ctx }), only);
    await expectMatrix((w) => decreeListLoader({ request: request("/verifikasi/penetapan", w), params: {}, ...ctx }), { ...only, otherKab: 200 });
    const create = (w: Who) =>
      decreeAction({
        request: request("/verifikasi/penetapan", w, {
          method: "POST",
          body: new URLSearchParams({ periode: "2026", number: `SK-${w}`, decreeDate: "2026-11-21", signer: "Bupati", scopeCode: "3508", instrumentVersion: "1" }),
        }),
        params: {},
        ...ctx,
      });
    await expectMatrix(create, { anonymous: 302, admin: 200, kabupaten: 200, otherKab: 403, kecamatan: 403, desa: 403, guest: 403 });
    const { pool } = await testDatabase();
    const { rows } = await pool.query("SELECT number, version FROM decree_snapshots ORDER BY id");
    expect(rows).toEqual([
      { number: "SK-001", version: 1 },
      { number: "SK-admin", version: 2 },
      { number: "SK-kabupaten", version: 3 },
    ]);
  });
});
