/**
 * Authorization matrix of the member pages (edit, leave, add): each role inside and outside its
 * wilayah scope, through real sessions on the real database. A permitted role gets the page, and
 * its invalid POST a 400 (nothing written); everyone else a 403, and anonymous a redirect to sign in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { createRoleCookies, requestAs, type RoleCookies } from "../../../tests/accounts";
import { action as memberAction, loader as memberLoader } from "./route";
import { action as newMemberAction, loader as newMemberLoader } from "../rumah-tangga.$idRt_.anggota.baru/route";

let cookies: Partial<RoleCookies> = { anonymous: "" };
const ids: Record<string, number> = {};

function request(path: string, role: Role | "anonymous", init: RequestInit = {}): Request {
  return requestAs(cookies, path, role, init);
}

beforeAll(async () => {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  await pool.query(`INSERT INTO regions (code, level, name) VALUES
    ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'K1'), ('350802', 'kecamatan', 'K2'),
    ('3508012001', 'desa', 'Desa A'), ('3508022001', 'desa', 'Desa C')`);
  await pool.query(`INSERT INTO households (id_rt, kode_desa) VALUES ('RT-IN', '3508012001'), ('RT-OUT', '3508022001')`);
  const { rows } = await pool.query<{ id: number; id_rt: string }>(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa) VALUES
    ('RT-IN', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001'),
    ('RT-OUT', '3508020101700004', '3508020101100003', 'Siti Rahayu', '3508022001') RETURNING id, id_rt`);
  for (const r of rows) ids[r.id_rt] = r.id;
  cookies = await createRoleCookies(pool, "uji");
});
afterAll(async () => resetData(await testDatabase()));

// Expected status per role inside the desa scope (RT-IN) and outside it (RT-OUT); invalid POSTs get 400 where allowed.
const matrix: Record<Role | "anonymous", { in: number; out: number }> = {
  admin: { in: 200, out: 200 },
  kabupaten: { in: 200, out: 200 },
  kecamatan: { in: 200, out: 403 },
  desa: { in: 200, out: 403 },
  guest: { in: 403, out: 403 },
  anonymous: { in: 302, out: 302 },
};
const postStatus = (s: number) => (s === 200 ? 400 : s);

describe("member pages authorization matrix", () => {
  for (const [role, expected] of Object.entries(matrix) as [Role | "anonymous", { in: number; out: number }][]) {
    it(`member edit page as ${role}: inside ${expected.in}, outside ${expected.out}`, async () => {
      const get = (idRt: string) => () =>
        memberLoader({ request: request(`/rumah-tangga/${idRt}/anggota/${ids[idRt]}`, role), params: { idRt, idAnggota: String(ids[idRt]) }, context: {} });
      expect(await statusOf(get("RT-IN"))).toBe(expected.in);
      expect(await statusOf(get("RT-OUT"))).toBe(expected.out);
      const newPage = (idRt: string) => () => newMemberLoader({ request: request(`/rumah-tangga/${idRt}/anggota/baru`, role), params: { idRt }, context: {} });
      expect(await statusOf(newPage("RT-IN"))).toBe(expected.in);
      expect(await statusOf(newPage("RT-OUT"))).toBe(expected.out);
    });

    it(`member edit, leave and add as ${role} are refused outside scope and write nothing`, async () => {
      const { pool } = await testDatabase();
      for (const idRt of ["RT-IN", "RT-OUT"] as const) {
        const want = postStatus(expected[idRt === "RT-IN" ? "in" : "out"]);
        const post = (intent: string, fields: Record<string, string>) => () =>
          memberAction({
            request: request(`/rumah-tangga/${idRt}/anggota/${ids[idRt]}`, role, { method: "POST", body: new URLSearchParams({ intent, version: "1", ...fields }) }),
            params: { idRt, idAnggota: String(ids[idRt]) },
            context: {},
          });
        // Invalid on purpose (no name; no reason): a permitted role gets 400, so nothing is written either way.
        expect(await statusOf(post("ubah", { nik: "3508014107900001", no_kk: "3508010101100001" }))).toBe(want);
        expect(await statusOf(post("keluar", { jenis_keluar: "pindah", tanggal_keluar: "2026-01-01" }))).toBe(want);
        const add = () =>
          newMemberAction({
            request: request(`/rumah-tangga/${idRt}/anggota/baru`, role, { method: "POST", body: new URLSearchParams({ intent: "tambah", nama: "X" }) }),
            params: { idRt },
            context: {},
          });
        expect(await statusOf(add)).toBe(want);
      }
      expect((await pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(0);
    });
  }

  it("a desa operator's valid edit in its desa redirects to the household history and is audited", async () => {
    const { pool } = await testDatabase();
    const res = await memberAction({
      request: request(`/rumah-tangga/RT-IN/anggota/${ids["RT-IN"]}`, "desa", {
        method: "POST",
        body: new URLSearchParams({ intent: "ubah", version: "1", nik: "3508014107900001", no_kk: "3508010101100001", nama: "Siti Aminah", jenjang_pendidikan: "sma" }),
      }),
      params: { idRt: "RT-IN", idAnggota: String(ids["RT-IN"]) },
      context: {},
    });
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(303);
    expect((res as Response).headers.get("Location")).toBe("/rumah-tangga/RT-IN?disimpan=anggota#riwayat");
    const { rows } = await pool.query("SELECT actor, after->>'jenjang_pendidikan' AS j FROM audit_log WHERE entity = 'member'");
    expect(rows).toEqual([{ actor: "uji.desa", j: "sma" }]);
  });
});
