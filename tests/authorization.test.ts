/**
 * Authorization matrix: each route's loader and action called as each role, inside and outside
 * its wilayah scope, through real sessions on the real database. Grows with every new route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../analytics/access/roles";
import { resetData, testDatabase } from "./db";
import { statusOf } from "./route-status";
import { createRoleCookies, requestAs, type RoleCookies } from "./accounts";
import { loader as searchLoader } from "../app/routes/rumah-tangga._index/route";
import { action as householdAction, loader as householdLoader } from "../app/routes/rumah-tangga.$idRt/route";
import { loader as locateLoader } from "../app/routes/lokasi/route";
import { loader as sasaranLoader } from "../app/routes/analisis/route";
import { action as accountsAction, loader as accountsLoader } from "../app/routes/data_.akun/route";
import { loader as auditLoader } from "../app/routes/data_.audit/route";
import { loader as regionLoader } from "../app/routes/wilayah.$kode/route";

let cookies: Partial<RoleCookies> = { anonymous: "" };

function request(path: string, role: Role | "anonymous", init: RequestInit = {}): Request {
  return requestAs(cookies, path, role, init);
}


beforeAll(async () => {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  await pool.query(`INSERT INTO regions (code, level, name, geom) VALUES
    ('3508', 'kabupaten', 'Lumajang', NULL), ('350801', 'kecamatan', 'K1', NULL), ('350802', 'kecamatan', 'K2', NULL),
    ('3508012001', 'desa', 'Desa A', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.1, 4326))),
    ('3508022001', 'desa', 'Desa C', ST_Multi(ST_MakeEnvelope(113.1, -8.2, 113.2, -8.1, 4326)))`);
  await pool.query(`INSERT INTO households (id_rt, kode_desa) VALUES ('RT-IN', '3508012001'), ('RT-OUT', '3508022001')`);
  await pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa) VALUES
    ('RT-IN', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001')`);
  cookies = await createRoleCookies(pool, "uji");
});
afterAll(async () => resetData(await testDatabase()));

// Expected status per role for a household inside the desa scope (RT-IN) and outside it (RT-OUT).
const householdMatrix: Record<Role | "anonymous", { in: number; out: number }> = {
  admin: { in: 200, out: 200 },
  kabupaten: { in: 200, out: 200 },
  kecamatan: { in: 200, out: 403 },
  desa: { in: 200, out: 403 },
  guest: { in: 403, out: 403 },
  anonymous: { in: 302, out: 302 },
};

describe("authorization matrix", () => {
  for (const [role, expected] of Object.entries(householdMatrix) as [Role | "anonymous", { in: number; out: number }][]) {
    it(`household page as ${role}: inside ${expected.in}, outside ${expected.out}`, async () => {
      const get = (id: string) => () => householdLoader({ request: request(`/rumah-tangga/${id}`, role), params: { idRt: id }, context: {} });
      expect(await statusOf(get("RT-IN"))).toBe(expected.in);
      expect(await statusOf(get("RT-OUT"))).toBe(expected.out);
    });

    it(`household edit as ${role} is allowed only in scope`, async () => {
      const { pool } = await testDatabase();
      const { rows } = await pool.query("SELECT version FROM households WHERE id_rt = 'RT-OUT'");
      const post = () =>
        householdAction({
          request: request("/rumah-tangga/RT-OUT", role, {
            method: "POST",
            body: new URLSearchParams({ intent: "edit", version: String(rows[0].version), jumlah_kamar: String(rows[0].version + 1) }),
          }),
          params: { idRt: "RT-OUT" },
          context: {},
        });
      expect(await statusOf(post)).toBe(expected.out);
    });
  }

  it("search never returns households outside the account's scope, and refuses guests", async () => {
    const hits = async (role: Role) => {
      const res = await searchLoader({ request: request("/rumah-tangga?q=3508014107900001", role), params: {}, context: {} });
      return ((await res.json()) as { hits: { idRt: string }[] }).hits.map((h) => h.idRt);
    };
    expect(await hits("desa")).toEqual(["RT-IN"]);
    expect(await hits("admin")).toEqual(["RT-IN"]);
    expect(await statusOf(() => searchLoader({ request: request("/rumah-tangga?q=siti", "guest"), params: {}, context: {} }))).toBe(403);
  });

  it("location work list is scoped: a desa operator sees only its desa", async () => {
    const body = async (role: Role) =>
      (await (await locateLoader({ request: request("/lokasi", role), params: {}, context: {} })).json()) as { total: number; todo: { idRt: string }[] };
    expect((await body("desa")).todo.map((h) => h.idRt)).toEqual(["RT-IN"]);
    expect((await body("kabupaten")).total).toBe(2);
    expect(await statusOf(() => locateLoader({ request: request("/lokasi", "guest"), params: {}, context: {} }))).toBe(403);
  });

  it("targeting findings (NIK, KK) go only to operators, and only inside their scope; aggregates to everyone", async () => {
    const { pool } = await testDatabase();
    await pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ('PKH', 'PKH', 'keluarga', 'apbn', '{}') ON CONFLICT DO NOTHING`);
    await pool.query(`INSERT INTO recipients (program, periode, tahap, unit_key, kode_desa) VALUES ('PKH', '2026-S1', 'realisasi', 'K1', '3508012001')
                      ON CONFLICT DO NOTHING`);
    await pool.query(`INSERT INTO findings (program, periode, jenis, nik, id_rt, kode_desa, keterangan) VALUES
      ('PKH', '2026-S1', 'deceased', '3508014107900001', 'RT-IN', '3508012001', 'Meninggal'),
      ('PKH', '2026-S1', 'deceased', '3508024107900002', 'RT-OUT', '3508022001', 'Meninggal')`);
    const body = async (role: Role | "anonymous") =>
      (await (await sasaranLoader({ request: request("/analisis?program=PKH&periode=2026-S1", role), params: {}, context: {} })).json()) as {
        findings: { rows: { id_rt: string }[] } | null;
        countsByKind: Record<string, number>;
      };
    expect((await body("anonymous")).findings).toBeNull();
    expect((await body("guest")).findings).toBeNull();
    expect((await body("guest")).countsByKind.deceased).toBe(2);
    expect((await body("desa")).findings?.rows.map((r) => r.id_rt)).toEqual(["RT-IN"]);
    expect((await body("kabupaten")).findings?.rows.map((r) => r.id_rt).sort()).toEqual(["RT-IN", "RT-OUT"]);
  });

  it("region profiles are aggregates open to everyone, with small counts hidden from guests", async () => {
    const children = async (role: Role | "anonymous") =>
      ((await (await regionLoader({ request: request("/wilayah/3508", role), params: { kode: "3508" }, context: {} })).json()) as {
        children: { code: string; households: number | null }[];
      }).children;
    expect((await children("anonymous")).find((c) => c.code === "350801")?.households).toBeNull(); // 1 household < 5
    expect((await children("kabupaten")).find((c) => c.code === "350801")?.households).toBe(1);
  });

  it("accounts and the audit log are for administrators only; account changes are audited", async () => {
    for (const role of ["kabupaten", "kecamatan", "desa", "guest"] as const) {
      expect(await statusOf(() => accountsLoader({ request: request("/data/akun", role), params: {}, context: {} }))).toBe(403);
      expect(await statusOf(() => auditLoader({ request: request("/data/audit", role), params: {}, context: {} }))).toBe(403);
    }
    expect(await statusOf(() => accountsLoader({ request: request("/data/akun", "anonymous"), params: {}, context: {} }))).toBe(302);
    const create = (fields: Record<string, string>) =>
      accountsAction({ request: request("/data/akun", "admin", { method: "POST", body: new URLSearchParams({ intent: "create", ...fields }) }), params: {}, context: {} });
    const bad = (await (await create({ username: "op.baru", displayName: "Baru", password: "pendek", role: "desa", scopeCode: "3508" })).json()) as { ok: boolean; problems: string[] };
    expect(bad.ok).toBe(false);
    expect(bad.problems.length).toBeGreaterThan(0);
    const good = (await (await create({ username: "op.baru", displayName: "Baru", password: "operator-baru-2026", role: "desa", scopeCode: "3508012001" })).json()) as { created: string };
    expect(good.created).toBe("op.baru");
    const audit = (await (await auditLoader({ request: request("/data/audit?entity=account", "admin"), params: {}, context: {} })).json()) as {
      rows: { entityKey: string; action: string; after: { role: string } }[];
    };
    expect(audit.rows[0]).toMatchObject({ entityKey: "op.baru", action: "create", after: { role: "desa" } });
  });
});
