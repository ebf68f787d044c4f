/**
 * The Gi* hot-spot map layer: confidence classes on hand-picked z/q values, and the layer on real
 * PostGIS polygons (a 5×5 grid of desa squares): queen contiguity from the polygons, classes from
 * the stored coverage snapshot (no findings run), the cache per snapshot, the /peta loader with
 * small-count suppression for guests, and the coverage measures reading the same snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { measureValues } from "../measures/values.server";
import { HOTSPOT_MEASURE } from "./coverage-measures";
import { confidenceClass, hotspotColours } from "./hotspot-classes";
import { clearHotspotCaches, hotspotLayer } from "./hotspot-layer.server";
import { loadPeta } from "../../app/routes/peta/data.server";
import { parsePetaParams } from "../../app/routes/peta/params";

describe("confidenceClass", () => {
  it("maps z and the FDR-adjusted q to 99/95/90% hot and cold classes", () => {
    expect(confidenceClass({ z: 3.1, q: 0.009 })).toBe("panas_99");
    expect(confidenceClass({ z: 2.2, q: 0.01 })).toBe("panas_95");
    expect(confidenceClass({ z: 1.9, q: 0.0999 })).toBe("panas_90");
    expect(confidenceClass({ z: 1.9, q: 0.1 })).toBe("tidak_signifikan");
    expect(confidenceClass({ z: -2.0, q: 0.049 })).toBe("dingin_95");
    expect(confidenceClass({ z: -4, q: 0.0001 })).toBe("dingin_99");
    expect(confidenceClass({ z: -1.7, q: 0.08 })).toBe("dingin_90");
    expect(confidenceClass({ z: null, q: null })).toBe("tidak_signifikan");
  });
});

// Exclusion error (%) per desa of the grid; row 0 is the northern row.
const grid = [
  [90, 85, 80, 30, 30],
  [85, 80, 40, 30, 25],
  [80, 40, 30, 25, 20],
  [30, 30, 25, 10, 5],
  [30, 25, 20, 5, 0],
];
const code = (r: number, c: number) => `35080120${r}${c}`;

describe("hot-spot layer on desa polygons", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    clearHotspotCaches();
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < 5; c++) {
        // Squares of 0.01° sharing edges (and corners) exactly: the same expressions for both sides.
        await db.pool.query(
          `INSERT INTO regions (code, level, name, geom) VALUES ($1, 'desa', $2,
             ST_Multi(ST_MakeEnvelope(113 + $3::int * 0.01, -8 - ($4::int + 1) * 0.01, 113 + ($3::int + 1) * 0.01, -8 - $4::int * 0.01, 4326)))`,
          [code(r, c), `Desa ${r}${c}`, c, r],
        );
      }
    }
    // A desa far away without eligible units: takes no part.
    await db.pool.query(`INSERT INTO regions (code, level, name, geom) VALUES ('3508022001', 'desa', 'Jauh', ST_Multi(ST_MakeEnvelope(114, -9, 114.01, -8.99, 4326)))`);
    await db.pool.query(`INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ('PKH', 'PKH', 'keluarga', 'apbn', '{}')`);
    await db.pool.query(`INSERT INTO recipients (program, periode, tahap, unit_key) VALUES ('PKH', '2026-S1', 'realisasi', 'K1')`);
    const coverage = grid.flatMap((row, r) =>
      row.map((pct, c) => {
        // The centre desa has only 3 eligible units: suppressed for guests.
        const eligible = r === 2 && c === 2 ? 3 : 100;
        const tepat = Math.round(eligible * (1 - pct / 100));
        return {
          kode_wilayah: code(r, c),
          tingkat: "desa",
          program: "PKH",
          periode: "2026-S1",
          eligible,
          penerima: tepat + 10,
          tepat,
          exclusion_error_pct: pct,
          inclusion_error_pct: Math.round((1000 / (tepat + 10)) * 10) / 10,
          coverage_pct: 100 - pct,
        };
      }),
    );
    coverage.push({ kode_wilayah: "3508022001", tingkat: "desa", program: "PKH", periode: "2026-S1", eligible: 0, penerima: 0, tepat: 0, exclusion_error_pct: null as unknown as number, inclusion_error_pct: 0, coverage_pct: null as unknown as number });
    await db.pool.query(`INSERT INTO targeting_snapshots (periode, tahap, coverage, finding_counts, ms) VALUES ('2026-S1', 'realisasi', $1, '{}', 1)`, [
      JSON.stringify(coverage),
    ]);
  });
  afterAll(async () => resetData(db));

  it("uses queen contiguity from the polygons and classifies from the stored snapshot", async () => {
    const layer = await hotspotLayer({ program: "PKH", periode: "2026-S1" }, db);
    expect(layer.rows).toHaveLength(25);
    const by = new Map(layer.rows.map((r) => [r.code, r]));
    // Queen: a corner square touches 3, an edge square 5, an inner square 8.
    expect(by.get(code(0, 0))?.neighbours).toBe(3);
    expect(by.get(code(0, 2))?.neighbours).toBe(5);
    expect(by.get(code(2, 2))?.neighbours).toBe(8);
    // By hand for the south-east corner: x̄ = 950/25 = 38, S = √(54700/25 − 38²) = √744; its
    // neighbourhood {10, 5, 5, 0}: Σwx = 20, Σw = 4 → (20 − 152) / (√744 · √((100 − 16)/24)) = −2.587.
    expect(by.get(code(4, 4))?.z).toBeCloseTo(-132 / (Math.sqrt(744) * Math.sqrt(3.5)), 10);
    const classes = Object.fromEntries(layer.rows.map((r) => [r.code.slice(-2), r.kelas]));
    expect(classes).toEqual({
      ...Object.fromEntries(layer.rows.map((r) => [r.code.slice(-2), "tidak_signifikan"])),
      "00": "panas_99",
      "01": "panas_99",
      "10": "panas_99",
      "11": "panas_99",
      "33": "dingin_95",
      "34": "dingin_95",
      "43": "dingin_95",
      "44": "dingin_95",
    });
    // Cached per snapshot: the same object until a findings run stores a new one.
    expect(await hotspotLayer({ program: "PKH", periode: "2026-S1" }, db)).toBe(layer);
    await db.pool.query(`UPDATE targeting_snapshots SET computed_at = computed_at + interval '1 minute'`);
    expect(await hotspotLayer({ program: "PKH", periode: "2026-S1" }, db)).not.toBe(layer);
    expect((await hotspotLayer({ program: "BPNT", periode: "2026-S1" }, db)).rows).toEqual([]);
  });

  it("shows on /peta with a categorical legend; small desa suppressed for guests only", async () => {
    const params = parsePetaParams(new URLSearchParams({ ukuran: HOTSPOT_MEASURE, program: "PKH", periode: "2026-S1" }));
    const guest = await loadPeta(params, { canSeePersonalData: false, scopePrefix: "" });
    expect(guest.params.tingkat).toBe("desa");
    expect(guest.hotspot?.entries.find((e) => e.kelas === "panas_99")?.count).toBe(4);
    expect(guest.hotspot?.entries.find((e) => e.kelas === "dingin_95")?.count).toBe(4);
    expect(guest.hotspot?.method).toMatch(/queen/);
    const centre = guest.rows.find((r) => r.code === code(2, 2))!;
    expect(centre).toMatchObject({ suppressed: true, value: null, colour: guest.noDataColour });
    expect(guest.rows.find((r) => r.code === code(0, 0))?.colour).toBe(hotspotColours.panas_99);
    expect(guest.rows.find((r) => r.code === "3508022001")).toMatchObject({ suppressed: false, colour: guest.noDataColour });
    const admin = await loadPeta(params, { canSeePersonalData: true, scopePrefix: "" });
    expect(admin.rows.find((r) => r.code === code(2, 2))).toMatchObject({ suppressed: false, colour: hotspotColours.tidak_signifikan });
    expect(admin.measures.map((m) => m.id)).toEqual(expect.arrayContaining([HOTSPOT_MEASURE, "coverage_pct", "exclusion_error_pct", "inclusion_error_pct"]));
  });

  it("serves coverage and error choropleths from the same snapshot", async () => {
    const rows = await measureValues({ measure: "exclusion_error_pct", level: "desa", filters: { program: "PKH", periode: "2026-S1" } }, db.pool);
    expect(rows.find((r) => r.code === code(0, 0))).toMatchObject({ value: 90, units: 100 });
    expect(rows.find((r) => r.code === "3508022001")).toMatchObject({ value: null, units: 0 });
    const latest = await measureValues({ measure: "coverage_pct", level: "desa", filters: { program: "PKH" } }, db.pool);
    expect(latest.find((r) => r.code === code(4, 4))?.value).toBe(100);
  });
});
