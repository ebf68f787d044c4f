import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankHouseholds } from "../../analytics/verval/ranking";
import { resetData, testDatabase } from "../../tests/db";
import type { Account } from "../accounts/accounts.server";
import { fixtureInstrument, loadRankingFixture } from "./ranking-fixture";
import {
  InstrumentError,
  explainHousehold,
  getInstrument,
  listInstruments,
  parseSortKeys,
  rankingAll,
  rankingPage,
  saveInstrument,
} from "./ranking.server";

const admin: Account = { id: 0, username: "admin", displayName: "Admin", role: "admin", scopeCode: "" };
const kabupaten: Account = { id: 0, username: "bappeda", displayName: "Bappeda", role: "kabupaten", scopeCode: "3508" };
const desa: Account = { id: 0, username: "desa", displayName: "Desa", role: "desa", scopeCode: "3508012001" };

beforeAll(async () => {
  const db = await testDatabase();
  await resetData(db);
  await loadRankingFixture(db.pool);
});
afterAll(async () => resetData(await testDatabase()));

describe("ranking instruments", () => {
  it("refuses weights that do not sum to 1, unknown indicators and roles other than admin and kabupaten", async () => {
    const { pool } = await testDatabase();
    await expect(saveInstrument(pool, admin, { name: "x", weights: { rtlh_pct: 0.5, tanpa_listrik_pct: 0.4 } })).rejects.toThrow(/jumlah bobot harus 1/);
    await expect(saveInstrument(pool, admin, { name: "x", weights: { tidak_ada: 1 } })).rejects.toBeInstanceOf(InstrumentError);
    await expect(saveInstrument(pool, admin, { name: "", weights: { rtlh_pct: 1 } })).rejects.toThrow(/nama/);
    await expect(saveInstrument(pool, admin, { name: "x", weights: {} })).rejects.toThrow(/minimal satu/);
    const denied = await saveInstrument(pool, desa, { name: "x", weights: { rtlh_pct: 1 } }).catch((e: unknown) => e);
    expect(denied instanceof Response && denied.status).toBe(403);
    expect(await listInstruments(pool)).toEqual([]);
  });

  it("saves each instrument as a new version, audited, and never changes an old one", async () => {
    const { pool } = await testDatabase();
    const v1 = await saveInstrument(pool, kabupaten, { name: "TKPK 2026", weights: fixtureInstrument.weights, note: "rapat TKPK 3 Nov" });
    const v2 = await saveInstrument(pool, admin, { name: "TKPK 2026 revisi", weights: { rtlh_pct: 0.6, lansia_pct: 0.4 } });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await getInstrument(pool))?.version).toBe(2);
    expect((await getInstrument(pool, 1))?.instrument.weights).toEqual(fixtureInstrument.weights);
    expect((await listInstruments(pool)).map((v) => v.version)).toEqual([2, 1]);
    const { rows } = await pool.query("SELECT actor, entity_key, after FROM audit_log WHERE entity = 'ranking_instrument' ORDER BY id");
    expect(rows.map((r) => [r.actor, r.entity_key])).toEqual([["bappeda", "1"], ["admin", "2"]]);
    expect(rows[0].after.weights).toEqual(fixtureInstrument.weights);
  });
});

describe("ranking in SQL", () => {
  const keys = parseSortKeys("jumlah_jiwa:desc");

  it("orders by desil, then score, then jumlah jiwa, then id (hand-computed)", async () => {
    const { pool } = await testDatabase();
    const rows = await rankingAll(pool, { instrument: fixtureInstrument, periode: "2026", scopeCode: "3508", sortKeys: keys });
    expect(rows.map((r) => [r.rank, r.idRt ?? `app:${r.applicationId}`, r.desil, r.score])).toEqual([
      [1, "RT01", 1, 0],
      [2, "RT03", 2, 0.5], // tie at 0.5: 3 jiwa before 2, then id
      [3, "RT04", 2, 0.5],
      [4, "RT02", 2, 0.5],
      [5, "RT05", 2, 0.1], // unknown listrik and disabilitas count as 0
      [6, "app:1", null, 0.7], // new applicant: no desil yet, after every desil
      [7, "RT06", null, 0.7],
      // RT07: every member deceased per Dukcapil, not ranked; the draft application is not ranked
    ]);
    expect(rows[0]).toMatchObject({ nikKepala: "3508010101800001", namaKepala: "Ahmad Satu", namaDesa: "Desa A" });
    expect(rows[5]).toMatchObject({ nikKepala: "3508010101900013", namaKepala: "Hana Baru", alamat: "Krajan 9" });
    expect(rows.find((r) => r.idRt === "RT05")?.values).toEqual({ tanpa_listrik_pct: null, tanpa_jamban_sendiri_pct: 0, disabilitas_pct: null, lansia_pct: 1 });
  });

  it("agrees with the reference implementation (analytics/verval/ranking.ts) for several instruments and keys", async () => {
    const { pool } = await testDatabase();
    const instruments = [
      fixtureInstrument,
      { version: 2, name: "b", weights: { tanpa_jamban_sendiri_pct: 0.25, lansia_pct: 0.75 } },
      { version: 3, name: "c", weights: { rtlh_pct: 0.1, disabilitas_pct: 0.2, tanpa_listrik_pct: 0.7 } },
    ];
    const keySets = [[], keys, parseSortKeys("kode_desa:desc,jumlah_jiwa:asc"), parseSortKeys("luas_lantai_per_jiwa:asc")];
    for (const instrument of instruments) {
      for (const sortKeys of keySets) {
        const sql = await rankingAll(pool, { instrument, periode: "2026", scopeCode: "", sortKeys });
        const luas: Record<string, number> = { RT01: 36, RT02: 10, RT03: 10, RT04: 10, RT05: 30, RT06: 30 };
        const pure = rankHouseholds(
          instrument,
          sql.map((r) => {
            const id = r.idRt ?? `P-${String(r.applicationId).padStart(9, "0")}`;
            return {
              id,
              desil: r.desil,
              indicators: r.values,
              keys: { jumlah_jiwa: r.jumlahJiwa, kode_desa: r.kodeDesa, luas_lantai_per_jiwa: luas[id] ?? 12 },
            };
          }),
          sortKeys,
        );
        expect(sql.map((r) => r.idRt ?? `P-${String(r.applicationId).padStart(9, "0")}`)).toEqual(pure.map((p) => p.id));
        expect(sql.map((r) => r.score)).toEqual(pure.map((p) => p.score));
      }
    }
  });

  it("pages, limits to a scope, and explains one household's score and rank", async () => {
    const { pool } = await testDatabase();
    const o = { instrument: fixtureInstrument, periode: "2026", scopeCode: "3508", sortKeys: keys };
    const page = await rankingPage(pool, { ...o, limit: 2, offset: 2 });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.idRt)).toEqual(["RT04", "RT02"]);
    const empty = await rankingPage(pool, { ...o, limit: 2, offset: 100 });
    expect(empty).toMatchObject({ rows: [], total: 7 });
    const desaB = await rankingAll(pool, { ...o, scopeCode: "3508012002" });
    expect(desaB.map((r) => [r.rank, r.idRt])).toEqual([[1, "RT04"], [2, "RT05"]]);

    const ex = await explainHousehold(pool, o, "RT03");
    expect(ex?.row.rank).toBe(2);
    expect(ex?.total).toBe(7);
    expect(ex?.parts).toEqual([
      { indicator: "tanpa_listrik_pct", weight: 0.4, value: 0, contribution: 0 },
      { indicator: "tanpa_jamban_sendiri_pct", weight: 0.3, value: 1, contribution: 0.3 },
      { indicator: "disabilitas_pct", weight: 0.2, value: 1, contribution: 0.2 },
      { indicator: "lansia_pct", weight: 0.1, value: 0, contribution: 0 },
    ]);
    expect(await explainHousehold(pool, o, "RT07")).toBeNull();
  });

  it("keeps a computed order for paging until asked to recompute", async () => {
    const { pool } = await testDatabase();
    const o = { instrument: fixtureInstrument, periode: "2026", scopeCode: "3508012002", sortKeys: keys, limit: 10, offset: 0 };
    const first = await rankingPage(pool, { ...o, refresh: true });
    expect(first.rows.map((r) => r.idRt)).toEqual(["RT04", "RT05"]);
    await pool.query("UPDATE households SET desil = 1 WHERE id_rt = 'RT05'");
    try {
      const cached = await rankingPage(pool, o);
      expect(cached.computedAt).toBe(first.computedAt);
      expect(cached.rows.map((r) => [r.rank, r.idRt, r.desil])).toEqual([[1, "RT04", 2], [2, "RT05", 1]]); // order as computed, values current
      const fresh = await rankingPage(pool, { ...o, refresh: true });
      expect(fresh.rows.map((r) => [r.rank, r.idRt])).toEqual([[1, "RT05"], [2, "RT04"]]);
    } finally {
      await pool.query("UPDATE households SET desil = 2 WHERE id_rt = 'RT05'");
    }
  });
});
