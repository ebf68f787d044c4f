import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { loadFixture, kk, nik } from "../targeting/fixture.server";
import { makeNik, parseNik } from "../nik";
import { candidateList, eligibleUnits } from "./eligible.server";
import { ProgramSchema } from "./rule";
import { nikProblemSql, provinceCodeList } from "./sql";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
});
afterAll(async () => {
  await resetData(db);
});

const elderly = ProgramSchema.parse({
  kode: "LANSIA",
  nama: "Asistensi Lansia",
  unit: "individu",
  sumberDana: "apbd_kabupaten",
  rule: { maxDesil: null, personConditions: [{ kind: "usia", min: 60, max: 150 }] },
});

describe("eligibleUnits", () => {
  it("applies desil and member components per family (PKH)", async () => {
    const units = await eligibleUnits("PKH", { periode: "2026-S1" }, db);
    expect(units.map((u) => u.unit_key).sort()).toEqual([kk.kk1, kk.kk4, kk.kk5].sort());
    // Poorest first; the head's NIK fills the nik column.
    expect(units[0]).toMatchObject({ unit_key: kk.kk5, nik: nik.paijo, id_rt: "H5", desil: 1 });
  });

  it("takes ages on the period's first day and leaves out the deceased and moved", async () => {
    const s1 = await eligibleUnits(elderly, { periode: "2026-S1" }, db);
    expect(s1.map((u) => u.nik).sort()).toEqual([nik.paijo, nik.tumini].sort()); // Sarmi died 2025-12
    const s2 = await eligibleUnits(elderly, { periode: "2026-S2" }, db);
    expect(s2).toEqual([]); // Paijo died in February, Tumini moved in March
    const y2021 = await eligibleUnits(elderly, { periode: "2021" }, db);
    expect(y2021.map((u) => u.nik).sort()).toEqual([nik.paijo, nik.sarmi].sort()); // Paijo just 60, Tumini 58
  });

  it("uses the household indicator rtlh (RTLH)", async () => {
    const units = await eligibleUnits("RTLH", { periode: "2026-S1" }, db);
    expect(units.map((u) => u.unit_key)).toEqual(["H4"]);
  });

  it("drops units receiving a mutually exclusive program (BLT_DD vs PKH)", async () => {
    const units = await eligibleUnits("BLT_DD", { periode: "2026-S1" }, db);
    expect(units.map((u) => u.unit_key).sort()).toEqual([kk.kk4, kk.kk5, kk.kk6].sort());
  });

  it("lists candidates: eligible and not receiving, poorest first, filtered by area", async () => {
    const all = await candidateList("PKH", { periode: "2026-S1" }, db);
    expect(all.map((u) => u.unit_key)).toEqual([kk.kk5, kk.kk4]);
    const kecamatan1 = await candidateList("PKH", { periode: "2026-S1", kodeDesa: "350801" }, db);
    expect(kecamatan1.map((u) => u.unit_key)).toEqual([kk.kk4]);
  });
});

describe("nikProblemSql", () => {
  it("agrees with parseNik on valid, mangled and random NIKs", async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const samples: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const valid = makeNik("3508" + String(10 + Math.floor(rand() * 20)), `19${50 + Math.floor(rand() * 49)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, rand() < 0.5 ? "L" : "P", 1 + Math.floor(rand() * 9998));
      const digits = valid.split("");
      const mode = i % 4;
      if (mode === 1) digits[Math.floor(rand() * 16)] = String(Math.floor(rand() * 10));
      if (mode === 2) for (let j = 0; j < 16; j++) digits[j] = String(Math.floor(rand() * 10));
      if (mode === 3 && rand() < 0.3) digits.splice(12, 4, "0", "0", "0", "0");
      samples.push(digits.join(""));
    }
    samples.push("3508016902240001", "3508012902230001", "3508013202230001", "350801", "35080100000000ab");
    const { rows } = await db.pool.query<{ nik: string; problem: string | null }>(
      `SELECT t.nik, ${nikProblemSql("t.nik", "$2")} AS problem FROM unnest($1::text[]) AS t(nik)`,
      [samples, provinceCodeList()],
    );
    const mismatches = rows.filter((r) => {
      const parsed = parseNik(r.nik);
      return (parsed.ok ? null : parsed.problem) !== r.problem;
    });
    expect(mismatches).toEqual([]);
    expect(rows.filter((r) => r.problem === null).length).toBeGreaterThan(500);
    expect(new Set(rows.map((r) => r.problem))).toEqual(
      new Set([null, "not_16_digits", "unknown_province", "invalid_date", "zero_serial"]),
    );
  });
});

describe("household indicators in rules", () => {
  const poorHouse = {
    luas_lantai: 10, lantai: "tanah", dinding: "bambu", fasilitas_bab: "tidak_ada", sumber_penerangan: "bukan_listrik",
    sumber_air_minum: "air_hujan", bahan_bakar_memasak: "kayu_bakar",
  };
  beforeAll(async () => {
    // H8: BPS criteria 1–7, 12 (income) and 13 (head schooled to SD) = 9. H9: the same without
    // the income, head in services = 8. H7: bamboo wall and 28.8 m² for 4 persons (exactly 7.2
    // each, not below): one RTLH criterion only.
    const rows: Array<[string, Record<string, unknown>, number, string]> = [
      ["H7", { luas_lantai: 28.8, dinding: "bambu", lantai: "keramik" }, 4, "jasa"],
      ["H8", { ...poorHouse, pendapatan_krt: 400000 }, 2, "pertanian"],
      ["H9", poorHouse, 2, "jasa"],
    ];
    let serial = 100;
    for (const [id, cols, persons, usaha] of rows) {
      const names = Object.keys(cols);
      await db.pool.query(
        `INSERT INTO households (id_rt, kode_desa, desil, ${names.join(", ")})
         VALUES ($1, '3508012001', 9, ${names.map((_, i) => `$${i + 2}`).join(", ")})`,
        [id, ...Object.values(cols)],
      );
      for (let i = 0; i < persons; i++) {
        await db.pool.query(
          `INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, tanggal_lahir, jenjang_pendidikan, lapangan_usaha)
           VALUES ($1, $2, $3, 'X', '3508012001', $4, '1980-01-01', 'sd', $5)`,
          [id, makeNik("350801", "1980-01-01", "L", serial++), `35080100000001${String(serial).slice(-2)}`, i ? "anak" : "kepala", usaha],
        );
      }
    }
  });

  const byIndicator = (indicator: "rtlh" | "miskin_bps14") =>
    ProgramSchema.parse({
      kode: "UJI",
      nama: "Uji",
      unit: "rumah_tangga",
      sumberDana: "lainnya",
      rule: { maxDesil: null, householdIndicators: [indicator] },
    });

  it("counts BPS 14 criteria where known and needs 9", async () => {
    const units = await eligibleUnits(byIndicator("miskin_bps14"), { periode: "2026" }, db);
    expect(units.map((u) => u.unit_key)).toEqual(["H8"]);
  });

  it("needs two RTLH criteria and reads crowding exactly", async () => {
    const units = await eligibleUnits(byIndicator("rtlh"), { periode: "2026" }, db);
    expect(units.map((u) => u.unit_key).sort()).toEqual(["H4", "H8", "H9"]);
  });
});
