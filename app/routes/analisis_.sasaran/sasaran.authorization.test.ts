/**
 * Authorization of the targeting pages (/analisis/sasaran, /analisis/temuan, /analisis/calon,
 * /analisis/usulan, /analisis/ekspor) for every role, inside and outside its wilayah, through
 * real sessions on the hand-built targeting fixture (desa A 3508012001 and B 3508012002 in
 * kecamatan 350801, desa C 3508022001 in kecamatan 350802; period 2026-S1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../analytics/access/roles";
import { kk, loadFixture } from "../../../analytics/targeting/fixture.server";
import { refreshTargetingSnapshot } from "../../../analytics/targeting/snapshot.server";
import { createAccount, createSession } from "../../../db/accounts/accounts.server";
import { resetData, testDatabase } from "../../../tests/db";
import { statusOf } from "../../../tests/route-status";
import { serializeSessionCookie } from "~/auth/session.server";
import { loader as calonLoader } from "../analisis_.calon/route";
import { loader as exportLoader } from "../analisis_.ekspor";
import { loader as temuanLoader } from "../analisis_.temuan/route";
import { loader as usulanLoader, action as usulanAction } from "../analisis_.usulan/route";
import { loader as sasaranLoader } from "./route";

type Who = Role | "anonymous";
const scopes: Record<Role, string> = { admin: "", kabupaten: "3508", kecamatan: "350801", desa: "3508012001", guest: "" };
const cookies: Partial<Record<Who, string>> = { anonymous: "" };
const A = "3508012001";
const C = "3508022001";

function request(path: string, who: Who, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookies[who]) headers.set("Cookie", cookies[who]!);
  return new Request(`http://localhost${path}`, { ...init, headers });
}
const args = (path: string, who: Who, init?: RequestInit) => ({ request: request(path, who, init), params: {}, context: {} });
const body = async <T>(res: Promise<Response>) => (await (await res).json()) as T;
const everyone: Who[] = ["admin", "kabupaten", "kecamatan", "desa", "guest", "anonymous"];

beforeAll(async () => {
  const db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
  await refreshTargetingSnapshot("2026-S1", db);
  for (const role of Object.keys(scopes) as Role[]) {
    const account = await createAccount(db.pool, { username: `sasaran.${role}`, displayName: role, password: "sasaran-uji-2026", role, scopeCode: scopes[role] });
    cookies[role] = (await serializeSessionCookie(await createSession(db.pool, account.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(await testDatabase()));

interface Sasaran {
  personal: boolean;
  desa: { kode: string; eligible: number | null; suppressed: boolean; drill: boolean }[];
  countsByKind: Record<string, number | null>;
  overlap: unknown[];
  kabupaten: { eligible: number } | null;
}

describe("/analisis/sasaran", () => {
  it("gives aggregates to everyone; guests get small desa suppressed and no drill-down", async () => {
    const q = "/analisis/sasaran?program=PKH&periode=2026-S1";
    for (const who of everyone) expect(await statusOf(() => sasaranLoader(args(q, who)))).toBe(200);
    const guest = await body<Sasaran>(sasaranLoader(args(q, "guest")));
    expect(guest.personal).toBe(false);
    expect(guest.kabupaten?.eligible).toBe(3); // KK1, KK4, KK5
    expect(guest.desa.every((d) => d.suppressed && d.eligible === null && !d.drill)).toBe(true);
    expect(guest.overlap.length).toBeGreaterThan(0);
    const anonymous = await body<Sasaran>(sasaranLoader(args(q, "anonymous")));
    expect(anonymous.desa.every((d) => d.suppressed && !d.drill)).toBe(true);

    const kab = await body<Sasaran>(sasaranLoader(args(q, "kabupaten")));
    expect(kab.desa.map((d) => [d.kode, d.eligible, d.drill])).toEqual(
      expect.arrayContaining([[A, 1, true], ["3508012002", 1, true], [C, 1, true]]),
    );
    // PKH 2026-S1: exclusion KK4 (B), KK5 (C); inclusion KK3 (B); double_receipt KK1 (A); not_in_dtks (A).
    expect(kab.countsByKind).toMatchObject({ exclusion: 2, inclusion: 1, double_receipt: 1, not_in_dtks: 1 });
    const desa = await body<Sasaran>(sasaranLoader(args(q, "desa")));
    expect(desa.desa.filter((d) => d.drill).map((d) => d.kode)).toEqual([A]);
    expect(desa.countsByKind).toEqual({ double_receipt: 1, not_in_dtks: 1 });
  });
});

describe("/analisis/temuan", () => {
  const matrix: Record<Who, { inA: number; inC: number }> = {
    admin: { inA: 200, inC: 200 },
    kabupaten: { inA: 200, inC: 200 },
    kecamatan: { inA: 200, inC: 403 },
    desa: { inA: 200, inC: 403 },
    guest: { inA: 200, inC: 200 },
    anonymous: { inA: 200, inC: 200 },
  };
  for (const [who, expected] of Object.entries(matrix) as [Who, { inA: number; inC: number }][]) {
    it(`as ${who}: desa A ${expected.inA}, desa C ${expected.inC}`, async () => {
      const get = (desa: string) => () => temuanLoader(args(`/analisis/temuan?program=PKH&periode=2026-S1&desa=${desa}`, who));
      expect(await statusOf(get(A))).toBe(expected.inA);
      expect(await statusOf(get(C))).toBe(expected.inC);
    });
  }

  it("lists rows only to roles with rights, inside their scope; guests get counts", async () => {
    type T = { rows: { kode_desa: string; no_kk: string | null }[] | null; total: number | null; countsByKind: Record<string, number | null> };
    const guest = await body<T>(temuanLoader(args("/analisis/temuan?program=PKH&periode=2026-S1", "guest")));
    expect(guest.rows).toBeNull();
    expect(guest.total).toBeNull();
    expect(guest.countsByKind.exclusion).toBeNull(); // 2 < 5: suppressed
    const desa = await body<T>(temuanLoader(args("/analisis/temuan?program=PKH&periode=2026-S1", "desa")));
    expect(new Set(desa.rows!.map((r) => r.kode_desa))).toEqual(new Set([A]));
    expect(desa.total).toBe(2);
    const kec = await body<T>(temuanLoader(args("/analisis/temuan?program=PKH&periode=2026-S1&jenis=exclusion", "kecamatan")));
    expect(kec.rows!.map((r) => r.no_kk)).toEqual([kk.kk4]);
    const kab = await body<T>(temuanLoader(args("/analisis/temuan?program=PKH&periode=2026-S1&jenis=exclusion", "kabupaten")));
    expect(kab.rows!.map((r) => r.no_kk).sort()).toEqual([kk.kk4, kk.kk5].sort());
  });
});

describe("/analisis/ekspor", () => {
  const temuan = (extra = "") => `/analisis/ekspor?laporan=temuan&program=PKH&periode=2026-S1${extra}`;
  it("exports findings only to roles with rights, scoped; coverage to everyone", async () => {
    for (const who of ["guest", "anonymous"] as Who[]) expect(await statusOf(() => exportLoader(args(temuan(), who)))).toBe(403);
    expect(await statusOf(() => exportLoader(args(temuan(`&desa=${C}`), "desa")))).toBe(403);
    const csv = await (await exportLoader(args(temuan(), "kecamatan"))).text();
    const lines = csv.replace(/^\ufeff/, "").trim().split("\n");
    expect(lines[0]).toBe("program,periode,jenis,nik,no_kk,id_rt,kode_desa,keterangan");
    expect(lines.slice(1).every((l) => l.includes(",35080120"))).toBe(true);
    expect(lines).toHaveLength(1 + 4); // A: double_receipt, not_in_dtks; B: exclusion KK4, inclusion KK3
    const xlsx = await exportLoader(args(temuan("&format=xlsx"), "admin"));
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    const guest = await (await exportLoader(args("/analisis/ekspor?laporan=cakupan&program=PKH&periode=2026-S1", "guest"))).text();
    // Every desa has fewer than 5 eligible units: counts and rates are empty for a guest.
    expect(guest.split("\n").filter((l) => l.startsWith(A))).toEqual([`${A},desa,PKH,2026-S1,,,,,,`]);
    expect(await statusOf(() => exportLoader(args("/analisis/ekspor?laporan=bukan", "admin")))).toBe(400);
  });
});

describe("/analisis/calon", () => {
  type Calon = { rows: { unit_key: string; peringkat: number; skor_lokal: number }[] | null; total: number; byDesil: { desil: number; jumlah: number | null }[] };
  it("ranks eligible units not yet listed by desil, scoped to the viewer; guests get counts per desil", async () => {
    const q = "/analisis/calon?program=PKH&periode=2026-S1";
    // PKH eligible: KK1 (receiving), KK4 (desil 4, desa B), KK5 (desil 1, desa C).
    const kab = await body<Calon>(calonLoader(args(q, "kabupaten")));
    expect(kab.rows!.map((r) => [r.peringkat, r.unit_key])).toEqual([[1, kk.kk5], [2, kk.kk4]]);
    // H4: bamboo wall and earth floor (two housing deprivations); H5: none known.
    expect(kab.rows!.map((r) => r.skor_lokal)).toEqual([0, 2]);
    const kec = await body<Calon>(calonLoader(args(q, "kecamatan")));
    expect(kec.rows!.map((r) => r.unit_key)).toEqual([kk.kk4]);
    const desa = await body<Calon>(calonLoader(args(q, "desa")));
    expect(desa.total).toBe(0);
    const guest = await body<Calon>(calonLoader(args(q, "guest")));
    expect(guest.rows).toBeNull();
    expect(guest.byDesil).toEqual([{ desil: 1, jumlah: null }, { desil: 4, jumlah: null }]);
    expect(await statusOf(() => calonLoader(args(`${q}&wilayah=${C}`, "kecamatan")))).toBe(403);
    expect(await statusOf(() => calonLoader(args(`${q}&wilayah=${C}`, "kabupaten")))).toBe(200);
    expect(await statusOf(() => exportLoader(args("/analisis/ekspor?laporan=calon&program=PKH&periode=2026-S1", "guest")))).toBe(403);
    const csv = await (await exportLoader(args("/analisis/ekspor?laporan=calon&program=PKH&periode=2026-S1", "admin"))).text();
    expect(csv.replace(/^\ufeff/, "").split("\n")[1]).toMatch(new RegExp(`^1,PKH,2026-S1,[0-9]+,${kk.kk5},H5,Paidjo,${C},1,0`));
    expect((kab as Calon & { source: string }).source).toBe("temuan");
  });

  it("falls back to the program's rule when no findings run exists for the program and period", async () => {
    const { pool } = await testDatabase();
    await pool.query(`DELETE FROM findings WHERE program = 'BPNT'`);
    // BPNT (desil ≤ 4): KK1, KK4, KK5 receive; KK6 (desa C, desil 2) does not.
    const kab = await body<Calon & { source: string }>(calonLoader(args("/analisis/calon?program=BPNT&periode=2026-S1", "kabupaten")));
    expect(kab.source).toBe("aturan");
    expect(kab.rows!.map((r) => r.unit_key)).toEqual([kk.kk6]);
  });
});

describe("/analisis/usulan", () => {
  it("screens uploads only for roles with personal-data rights", async () => {
    const expected: Record<Who, number> = { admin: 200, kabupaten: 200, kecamatan: 200, desa: 200, guest: 403, anonymous: 302 };
    for (const who of everyone) expect(await statusOf(() => usulanLoader(args("/analisis/usulan", who)))).toBe(expected[who]);
    const upload = (who: Who) => {
      const form = new FormData();
      form.set("file", new File([`program,periode,no_kk\nPKH,2026-S1,${kk.kk5}\n`], "usulan.csv", { type: "text/csv" }));
      return () => usulanAction(args("/analisis/usulan", who, { method: "POST", body: form }));
    };
    expect(await statusOf(upload("guest"))).toBe(403);
    expect(await statusOf(upload("anonymous"))).toBe(302);
    const res = (await usulanAction(args("/analisis/usulan", "kecamatan", { method: "POST", body: (() => {
      const form = new FormData();
      form.set("file", new File([`program,periode,no_kk\nPKH,2026-S1,${kk.kk5}\nPKH,2026-S1,${kk.kk4}\n`], "usulan.csv", { type: "text/csv" }));
      return form;
    })() }))) as Response;
    const data = (await res.json()) as { ok: boolean; result: { rows: { status: string; alasan: string[] }[] } };
    expect(data.ok).toBe(true);
    // KK5 lives in desa C, outside kecamatan 350801; KK4 (desa B) is eligible and only proposed.
    expect(data.result.rows.map((r) => r.status)).toEqual(["perlu_dicek", "layak"]);
    expect(data.result.rows[0].alasan).toEqual([`Di luar wilayah akun Anda (desa ${C})`]);
  });
});
