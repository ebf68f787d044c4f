/**
 * /analisis/aturan authorization: every signed-in role reads the rules (they are not personal
 * data), anonymous visitors are sent to sign in, and only kabupaten/OPD operators and admins add
 * versions or local programs — through real sessions on the real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { defaultPrograms } from "../../../analytics/eligibility/rule";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { createRoleCookies, requestAs, type RoleCookies } from "../../../tests/accounts";
import { action, loader } from "./route";

let cookies: Partial<RoleCookies> = { anonymous: "" };

function request(role: Role | "anonymous", init: RequestInit = {}): Request {
  return requestAs(cookies, "/analisis/aturan", role, init);
}

const post = (role: Role | "anonymous", fields: Record<string, string>) =>
  action({ request: request(role, { method: "POST", body: new URLSearchParams(fields) }), params: {}, context: {} });

beforeAll(async () => {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  const pkh = defaultPrograms.find((p) => p.kode === "PKH")!;
  await pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ('PKH', $1, 'keluarga', 'apbn', $2)`, [
    pkh.nama,
    JSON.stringify(pkh.rule),
  ]);
  await pool.query(
    `INSERT INTO program_rules (program, version, berlaku_mulai, rule, created_by) VALUES ('PKH', 1, '2000-01', $1, 'migrasi')`,
    [JSON.stringify(pkh.rule)],
  );
  cookies = await createRoleCookies(pool, "aturan");
});
afterAll(async () => resetData(await testDatabase()));

const matrix: Record<Role | "anonymous", { read: number; write: number }> = {
  admin: { read: 200, write: 200 },
  kabupaten: { read: 200, write: 200 },
  kecamatan: { read: 200, write: 403 },
  desa: { read: 200, write: 403 },
  guest: { read: 200, write: 403 },
  anonymous: { read: 302, write: 302 },
};

describe("/analisis/aturan authorization", () => {
  let month = 1;
  for (const [role, expected] of Object.entries(matrix) as [Role | "anonymous", { read: number; write: number }][]) {
    it(`as ${role}: read ${expected.read}, add a version ${expected.write}`, async () => {
      expect(await statusOf(() => loader({ request: request(role), params: {}, context: {} }))).toBe(expected.read);
      const berlakuMulai = `2030-${String(month++).padStart(2, "0")}`;
      const status = await statusOf(() => post(role, { intent: "version", program: "PKH", berlakuMulai, rule: '{"maxDesil": 3}' }));
      expect(status).toBe(expected.write);
      const { rows } = await (await testDatabase()).pool.query(`SELECT 1 FROM program_rules WHERE berlaku_mulai = $1`, [berlakuMulai]);
      expect(rows.length).toBe(expected.write === 200 ? 1 : 0);
    });
  }

  it("shows who may edit and each version's summary", async () => {
    const res = (await loader({ request: request("guest"), params: {}, context: {} })) as Response;
    const data = await res.json();
    expect(data.canEdit).toBe(false);
    const pkh = data.programs.find((p: { kode: string }) => p.kode === "PKH");
    expect(pkh.versions[0]).toMatchObject({ version: 1, berlakuMulai: "2000-01", status: "current", createdBy: "migrasi" });
    expect(pkh.versions[0].summary[1]).toBe("Desil rumah tangga paling tinggi 4 (desil tidak diketahui: tidak layak).");
    const admin = await ((await loader({ request: request("admin"), params: {}, context: {} })) as Response).json();
    expect(admin.canEdit).toBe(true);
  });

  it("answers a bad rule with 400 and the problems in Bahasa Indonesia", async () => {
    const res = (await post("kabupaten", { intent: "version", program: "PKH", berlakuMulai: "2031-01", rule: '{"maxDesil": 11}' })) as Response;
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, problems: ["aturan › desil maksimum: paling besar 10"] });
    const local = (await post("kabupaten", {
      intent: "program",
      program: "bansos_kab",
      nama: "Bansos Kabupaten",
      unit: "keluarga",
      sumberDana: "apbd_kabupaten",
      berlakuMulai: "2026-01",
      rule: '{"maxDesil": 3}',
      tidakBolehBersama: "PKH",
    })) as Response;
    expect(await local.json()).toMatchObject({ ok: true, saved: { program: "BANSOS_KAB", versi: 1, bulan: "2026-01" } });
  });
});
