import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { computeCoverage, computeOverlap } from "./coverage.server";
import { expectedFindings, fixtureDesa, kk, loadFixture, nik } from "./fixture.server";
import { runFindings } from "./findings.server";
import { computeHotspots } from "./hotspots.server";
import { screenProposals } from "./proposals.server";
import { countFindingsByArea, listFindings } from "./queries.server";

const unitColumn: Record<string, "nik" | "no_kk" | "id_rt"> = {
  PKH: "no_kk",
  BPNT: "no_kk",
  BLT_DD: "no_kk",
  PBI_JKN: "nik",
  PIP: "nik",
  RTLH: "id_rt",
};

interface FindingRow {
  program: string | null;
  periode: string | null;
  jenis: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string | null;
  keterangan: string;
  detail: Record<string, unknown>;
  tahap: string | null;
  aturan_versi: number | null;
}

function key(f: FindingRow): string {
  if (!f.program) return `-:${f.jenis}:${f.nik}@${f.id_rt}`;
  return `${f.program}:${f.jenis}:${f[unitColumn[f.program]]}`;
}

let db: Database;
async function findings(): Promise<FindingRow[]> {
  return (await db.pool.query<FindingRow>(`SELECT * FROM findings ORDER BY id`)).rows;
}

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
});
afterAll(async () => {
  await resetData(db);
});

describe("runFindings on the hand-computed fixture", () => {
  it("finds every expected finding and nothing else", async () => {
    const result = await runFindings({ periode: "2026-S1" }, db);
    const rows = await findings();
    expect(rows.map(key).sort()).toEqual([...expectedFindings].sort());
    expect(result.counts.exclusion).toBe(expectedFindings.filter((k) => k.includes(":exclusion:")).length);
    expect(result.eligible).toMatchObject({ PKH: 3, BPNT: 4, BLT_DD: 3, PBI_JKN: 9, PIP: 1, RTLH: 1 });
  });

  it("fills keys, desa and a reason in Bahasa Indonesia", async () => {
    const rows = await findings();
    const deceased = rows.find((r) => r.jenis === "deceased");
    expect(deceased).toMatchObject({ nik: nik.paijo, kode_desa: fixtureDesa.C, periode: "2026-S1" });
    expect(deceased?.keterangan).toBe("Meninggal 2026-02-11 menurut Dukcapil");
    const inclusion = rows.find((r) => r.jenis === "inclusion" && r.program === "PKH");
    expect(inclusion?.keterangan).toBe("Menerima PKH tetapi desil 8 melebihi batas desil 4");
    expect(inclusion).toMatchObject({ id_rt: "H3", kode_desa: fixtureDesa.B });
    const exclusion = rows.find((r) => r.jenis === "exclusion" && r.program === "PKH" && r.no_kk === kk.kk5);
    expect(exclusion).toMatchObject({ nik: nik.paijo, id_rt: "H5", kode_desa: fixtureDesa.C });
    expect(exclusion?.detail).toEqual({ desil: 1 });
    expect(exclusion).toMatchObject({ tahap: "realisasi", aturan_versi: 1 });
    expect(rows.find((r) => r.jenis === "deceased")).toMatchObject({ tahap: "realisasi", aturan_versi: null });
    const mismatch = rows.find((r) => r.jenis === "name_mismatch");
    expect(mismatch?.keterangan).toContain('"Siti Aminah"');
    expect(mismatch?.detail).toMatchObject({ nama_dukcapil: "Siti Aisyah" });
    const dup = rows.find((r) => r.jenis === "duplicate_nik");
    expect(dup).toMatchObject({ program: null, periode: null });
    expect(rows.find((r) => r.jenis === "invalid_nik" && r.program === null)?.keterangan).toBe(
      "NIK di DTKS tidak valid: nomor urut NIK 0000",
    );
    expect(rows.find((r) => r.jenis === "conflicting_programs")?.keterangan).toContain("PKH");
  });

  it("replaces only its own scope when run again for one program", async () => {
    const before = await findings();
    await db.pool.query(`DELETE FROM recipients WHERE program = 'PKH' AND occurrence = 2`);
    const result = await runFindings({ program: "PKH", periode: "2026-S1" }, db);
    const after = await findings();
    expect(result.counts.double_receipt).toBe(0);
    expect(after.map(key).sort()).toEqual(before.map(key).filter((k) => k !== `PKH:double_receipt:${kk.kk1}`).sort());
    // Other programs' and data-quality rows are untouched (same ids).
    const otherIds = (rows: FindingRow[]) =>
      rows.filter((r) => r.program !== "PKH").map((r) => (r as unknown as { id: number }).id);
    expect(otherIds(after)).toEqual(otherIds(before));
    await db.pool.query(
      `INSERT INTO recipients (program, periode, tahap, unit_key, occurrence, nik, no_kk, kode_desa)
       VALUES ('PKH', '2026-S1', 'realisasi', $1::text, 2, $2, $1::text, $3)`,
      [kk.kk1, nik.budi, fixtureDesa.A],
    );
  });

  it("finds nothing program-bound for a period without recipients but still the exclusions", async () => {
    const result = await runFindings({ program: "RTLH", periode: "2027" }, db);
    expect(result.counts).toMatchObject({ exclusion: 1, inclusion: 0, deceased: 0 });
  });
});

describe("coverage", () => {
  it("computes eligible, penerima, tepat and the error rates per desa, kecamatan and kabupaten", async () => {
    const desa = await computeCoverage({ program: "PKH", periode: "2026-S1", tingkat: "desa" }, db);
    expect(desa).toEqual([
      { kode_wilayah: fixtureDesa.A, tingkat: "desa", program: "PKH", periode: "2026-S1", eligible: 1, penerima: 2, tepat: 1, exclusion_error_pct: 0, inclusion_error_pct: 50, coverage_pct: 100, dtks_units: 1, targeting_differential_pp: null },
      { kode_wilayah: fixtureDesa.B, tingkat: "desa", program: "PKH", periode: "2026-S1", eligible: 1, penerima: 1, tepat: 0, exclusion_error_pct: 100, inclusion_error_pct: 100, coverage_pct: 0, dtks_units: 2, targeting_differential_pp: -100 },
      { kode_wilayah: fixtureDesa.C, tingkat: "desa", program: "PKH", periode: "2026-S1", eligible: 1, penerima: 0, tepat: 0, exclusion_error_pct: 100, inclusion_error_pct: null, coverage_pct: 0, dtks_units: 2, targeting_differential_pp: 0 },
    ]);
    const kec = await computeCoverage({ program: "PKH", periode: "2026-S1", tingkat: "kecamatan" }, db);
    expect(kec.find((r) => r.kode_wilayah === "350801")).toMatchObject({
      eligible: 2, penerima: 3, tepat: 1, exclusion_error_pct: 50, inclusion_error_pct: 66.7, coverage_pct: 50,
    });
    const kab = await computeCoverage({ periode: "2026-S1", tingkat: "kabupaten" }, db);
    expect(kab.find((r) => r.program === "PKH")).toMatchObject({
      kode_wilayah: "3508", eligible: 3, penerima: 3, tepat: 1, exclusion_error_pct: 66.7, inclusion_error_pct: 66.7, coverage_pct: 33.3,
      // 5 living families, 2 not eligible (KK3, KK6) of which KK3 receives: 33.3 − 50.0.
      dtks_units: 5, targeting_differential_pp: -16.7,
    });
    expect(kab.find((r) => r.program === "PBI_JKN")).toMatchObject({
      eligible: 9, penerima: 6, tepat: 5, exclusion_error_pct: 44.4, inclusion_error_pct: 16.7, coverage_pct: 55.6,
    });
    expect(kab.find((r) => r.program === "RTLH")).toMatchObject({ eligible: 1, penerima: 1, tepat: 1, coverage_pct: 100 });
  });

  it("gives the same coverage from the findings run's own build", async () => {
    const levels = ["kabupaten", "kecamatan", "desa"] as const;
    const separate = await computeCoverage({ periode: "2026-S1", tingkat: [...levels] }, db);
    const run = await runFindings({ periode: "2026-S1", coverage: [...levels] }, db);
    expect(run.coverage).toEqual(separate);
    // 350801 has units of all six programs; 350802 none of PIP or RTLH.
    expect(separate.filter((r) => r.tingkat === "kecamatan")).toHaveLength(6 + 4);
  });

  it("counts units receiving each pair of programs", async () => {
    const overlap = await computeOverlap({ periode: "2026-S1" }, db);
    const cell = (a: string, b: string) => overlap.find((c) => c.program_a === a && c.program_b === b)?.jumlah ?? 0;
    expect(cell("BLT_DD", "PKH")).toBe(1); // KK1
    expect(cell("BPNT", "PKH")).toBe(1); // KK1
    expect(cell("BLT_DD", "BPNT")).toBe(1); // KK1
    expect(cell("BPNT", "RTLH")).toBe(1); // H4 (KK4)
    expect(cell("PBI_JKN", "PIP")).toBe(0);
  });
});

describe("reading findings and screening proposals", () => {
  it("lists findings by area, kind and person, with a total for paging", async () => {
    await runFindings({ periode: "2026-S1" }, db);
    const all = await findings();
    const inC = all.filter((r) => r.kode_desa === fixtureDesa.C);
    const page = await listFindings({ kodeWilayah: fixtureDesa.C, limit: 3 }, db);
    expect(page.total).toBe(inC.length);
    expect(page.rows).toHaveLength(3);
    const kecamatan = await listFindings({ kodeWilayah: "350801", jenis: ["exclusion"], program: "PBI_JKN" }, db);
    expect(kecamatan.rows.map((r) => r.nik).sort()).toEqual([nik.andi, nik.rina].sort());
    const paijo = await listFindings({ nik: nik.paijo }, db);
    expect(paijo.rows.map((r) => `${r.program}:${r.jenis}`).sort()).toEqual(
      ["BLT_DD:exclusion", "PBI_JKN:deceased", "PKH:exclusion"].sort(),
    );
    const counts = await countFindingsByArea({ tingkat: "desa", periode: "2026-S1" }, db);
    const inPeriod = all.filter((r) => r.kode_desa && (r.periode === "2026-S1" || r.periode === null));
    expect(counts.reduce((a, c) => a + c.jumlah, 0)).toBe(inPeriod.length);
  });

  it("marks each proposed unit layak, tidak_layak or ditandai without touching realisasi findings", async () => {
    const before = (await findings()).map(key).sort();
    for (const [k, n] of [[kk.kk3, nik.hendra], [kk.kk5, nik.paijo]]) {
      await db.pool.query(
        `INSERT INTO recipients (program, periode, tahap, unit_key, no_kk, nik) VALUES ('PKH', '2026-S1', 'usulan', $1::text, $1::text, $2)`,
        [k, n],
      );
    }
    const screened = await screenProposals({ program: "PKH", periode: "2026-S1" }, db);
    const status = Object.fromEntries(screened.map((s) => [s.unit_key, s.status]));
    expect(status).toEqual({ [kk.kk3]: "tidak_layak", [kk.kk4]: "layak", [kk.kk5]: "ditandai" });
    expect(screened.find((s) => s.unit_key === kk.kk5)?.alasan).toEqual(["Meninggal 2026-02-11 menurut Dukcapil"]);
    const realisasi = (await findings()).filter((r) => r.tahap !== "usulan").map(key).sort();
    expect(realisasi).toEqual(before);
  });
});

describe("hot spots", () => {
  it("builds queen contiguity from the desa polygons and scores every desa with eligible units", async () => {
    // Three unit squares in a row: A–B–C (A and C do not touch).
    for (const [code, x] of [[fixtureDesa.A, 0], [fixtureDesa.B, 1], [fixtureDesa.C, 2]] as const) {
      await db.pool.query(`UPDATE regions SET geom = ST_Multi(ST_MakeEnvelope($2::float8, 0, $2::float8 + 1, 1, 4326)) WHERE code = $1`, [code, x]);
    }
    const spots = await computeHotspots({ program: "PKH", periode: "2026-S1" }, db);
    const byId = new Map(spots.map((s) => [s.id, s]));
    expect(spots).toHaveLength(3);
    expect(byId.get(fixtureDesa.B)?.tetangga).toBe(2);
    expect(byId.get(fixtureDesa.A)?.tetangga).toBe(1);
    // Exclusion 0, 100, 100 %: A's neighbourhood (A, B) is below the mean, C's (B, C) above.
    expect(byId.get(fixtureDesa.A)?.z).toBeLessThan(0);
    expect(byId.get(fixtureDesa.C)?.z).toBeGreaterThan(0);
    expect(byId.get(fixtureDesa.B)?.z).toBeNull(); // its neighbourhood is the whole map
  });
});
