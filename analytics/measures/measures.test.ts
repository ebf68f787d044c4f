import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.server";
import { fixtureDesa, insertMapFixture } from "../../geo/tiles/fixture.server";
import { resetData, testDatabase } from "../../tests/db";
import { buildMeasureQuery, getMeasure, listMeasures, MeasureFiltersSchema, registerMeasure } from "./index";
import { measureValues, programPeriods } from "./values.server";

/** The fixture's rule, recomputed in JS: household j of a desa has desil (j % 10) + 1, unknown when j % 7 = 0. */
function fixtureDesils(code: string): (number | null)[] {
  return Array.from({ length: fixtureDesa[code] }, (_, i) => ((i + 1) % 7 === 0 ? null : ((i + 1) % 10) + 1));
}

describe("measure registry", () => {
  it("holds the built-in measures with Indonesian and English labels", () => {
    const ids = listMeasures().map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["households", "people", "desil_1_2_pct", "recipients", "recipients_per_100_households"]));
    for (const m of listMeasures()) {
      expect(m.label.id.length).toBeGreaterThan(0);
      expect(m.label.en.length).toBeGreaterThan(0);
    }
  });

  it("rejects a duplicate id and accepts a new measure without touching map code", () => {
    expect(() => registerMeasure({ ...getMeasure("households")! })).toThrow(/already registered/);
    registerMeasure({
      ...getMeasure("households")!,
      id: "test_plugin_measure",
      levels: ["desa"],
      sql: (c) => `SELECT h.${c.col} AS code, 7 AS value, count(*) AS units FROM households h GROUP BY 1`,
    });
    expect(listMeasures("desa").map((m) => m.id)).toContain("test_plugin_measure");
    expect(listMeasures("kecamatan").map((m) => m.id)).not.toContain("test_plugin_measure");
  });

  it("binds filter values as parameters, never as SQL text", () => {
    const q = buildMeasureQuery(
      getMeasure("recipients")!,
      "desa",
      MeasureFiltersSchema.parse({ program: "PKH", periode: "2025-S1", desilMin: 1, desilMax: 4 }),
    );
    expect(q.text).not.toContain("PKH");
    expect(q.text).not.toContain("2025-S1");
    expect(q.values).toEqual(expect.arrayContaining(["PKH", "2025-S1", 1, 4, "desa"]));
  });

  it("validates filters", () => {
    expect(() => MeasureFiltersSchema.parse({ desilMin: 5, desilMax: 2 })).toThrow();
    expect(() => MeasureFiltersSchema.parse({ periode: "2025'; drop" })).toThrow();
  });
});

describe("measureValues on fixture data", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await insertMapFixture(db.pool);
  });
  afterAll(async () => {
    await resetData(db);
  });

  it("households per desa equal the fixture counts; the empty desa has no value", async () => {
    const rows = await measureValues({ measure: "households", level: "desa" }, db.pool);
    expect(rows.map((r) => r.code)).toEqual(Object.keys(fixtureDesa));
    for (const r of rows) {
      const n = fixtureDesa[r.code];
      expect(r.value).toBe(n === 0 ? null : n);
      expect(r.units).toBe(n);
    }
  });

  it("kecamatan totals add up and `within` limits to children", async () => {
    const kec = await measureValues({ measure: "households", level: "kecamatan" }, db.pool);
    expect(kec.map((r) => [r.code, r.value])).toEqual([
      ["350801", 88],
      ["350802", 52],
    ]);
    const desa = await measureValues({ measure: "households", level: "desa", within: "350802" }, db.pool);
    expect(desa.map((r) => r.code)).toEqual(["3508022001", "3508022002", "3508022003"]);
  });

  it("people = members (1 + j % 4 per household)", async () => {
    const rows = await measureValues({ measure: "people", level: "desa", codes: ["3508012002"] }, db.pool);
    const expected = Array.from({ length: 25 }, (_, i) => 1 + ((i + 1) % 4)).reduce((a, b) => a + b, 0);
    expect(rows[0]).toMatchObject({ value: expected, units: 25 });
  });

  it("desil 1–2 share over households with a known desil, and the desil filter", async () => {
    const code = "3508012001";
    const known = fixtureDesils(code).filter((d): d is number => d !== null);
    const [row] = await measureValues({ measure: "desil_1_2_pct", level: "desa", codes: [code] }, db.pool);
    expect(row.units).toBe(known.length);
    expect(row.value).toBeCloseTo((100 * known.filter((d) => d <= 2).length) / known.length, 6);
    const [hh] = await measureValues({ measure: "households", level: "desa", codes: [code], filters: { desilMin: 3, desilMax: 5 } }, db.pool);
    expect(hh.value).toBe(known.filter((d) => d >= 3 && d <= 5).length);
  });

  it("recipients per program and period; latest period when none is given", async () => {
    const code = "3508012001";
    const d = fixtureDesils(code);
    const pkh2025 = d.filter((x) => x !== null && x <= 3).length;
    const pkh2024 = d.filter((x) => x !== null && x <= 2).length;
    const get = async (periode: string | null) =>
      (await measureValues({ measure: "recipients", level: "desa", codes: [code], filters: { program: "PKH", periode } }, db.pool))[0].value;
    expect(await get("2025-S1")).toBe(pkh2025);
    expect(await get("2024-S2")).toBe(pkh2024);
    expect(await get(null)).toBe(pkh2025);
    const [rate] = await measureValues(
      { measure: "recipients_per_100_households", level: "desa", codes: [code], filters: { program: "PKH", periode: "2025-S1" } },
      db.pool,
    );
    expect(rate.value).toBeCloseTo((100 * pkh2025) / 60, 6);
    // Without a program, program measures have no values (the map then asks for one).
    const none = await measureValues({ measure: "recipients", level: "desa" }, db.pool);
    expect(none.every((r) => r.value === null)).toBe(true);
  });

  it("indicators of the catalogue plug in as measures and compute per area", async () => {
    expect(getMeasure("rtlh_pct")?.format).toBe("percent");
    const rows = await measureValues({ measure: "rtlh_pct", level: "desa" }, db.pool);
    expect(rows.map((r) => r.code)).toEqual(Object.keys(fixtureDesa));
    // The fixture has no dwelling fields: every desa has households but no assessable unit.
    for (const r of rows) expect(r.value).toBeNull();
    const desil = await measureValues({ measure: "rtlh_pct", level: "kecamatan", filters: { desilMin: 1, desilMax: 3 } }, db.pool);
    expect(desil).toHaveLength(2);
  });

  it("lists programs with their periods, newest first", async () => {
    const pp = await programPeriods(db.pool);
    expect(pp.find((p) => p.program === "PKH")?.periods).toEqual(["2025-S1", "2024-S2"]);
  });
});
