/**
 * Hand-computed fixture: one kabupaten, two kecamatan, four desa (one empty), seven households.
 * Reference date R = 2026-07-01. Every expected figure below was worked out by hand from the rows
 * as written here (domain.md section 8), not from the code under test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { indicatorCatalogue, requiredIndicatorIds } from "./catalogue";
import { xlsxToCsv } from "../../db/spreadsheet/xlsx-to-csv.server";
import { exportIndicatorsCsv } from "./export.server";
import { computeHouseholdFlags, computeIndicators } from "./indicators.server";
import type { AreaIndicators } from "./values";

const R = "2026-07-01";
let db: Database;

type Row = Record<string, unknown>;
async function insert(table: string, rows: Row[]) {
  for (const row of rows) {
    const cols = Object.keys(row);
    await db.pool.query(
      `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
      cols.map((c) => row[c]),
    );
  }
}

const KAB = "3508";
const KEC1 = "350801";
const KEC2 = "350802";
const DESA_A = "3508012001";
const DESA_B = "3508012002";
const DESA_KOSONG = "3508012003";
const DESA_C = "3508022001";

let serial = 0;
/** A member row; NIK built from the fields unless given (serial keeps it unique). */
function member(idRt: string, kk: string, fields: Row): Row {
  serial += 1;
  const kodeDesa = idRt.startsWith("C") ? DESA_C : idRt.startsWith("B") ? DESA_B : DESA_A;
  return {
    id_rt: idRt,
    nik: fields.nik ?? `350801010180${String(serial).padStart(4, "0")}`,
    no_kk: `35080100000000${kk}`,
    nama: `Anggota ${serial}`,
    kode_desa: kodeDesa,
    ...fields,
  };
}

const allAssetsFalse = Object.fromEntries(
  [
    "aset_tabung_gas_5_5kg", "aset_lemari_es", "aset_ac", "aset_pemanas_air", "aset_telepon_rumah", "aset_televisi",
    "aset_emas_10g", "aset_komputer", "aset_smartphone", "aset_sepeda", "aset_sepeda_motor", "aset_mobil",
    "aset_perahu", "aset_perahu_motor", "aset_lahan", "aset_rumah_lain",
  ].map((c) => [c, false]),
);

async function loadFixture() {
  await resetData(db);
  serial = 0;
  await insert("regions", [
    { code: KAB, level: "kabupaten", name: "Lumajang" },
    { code: KEC1, level: "kecamatan", name: "Tempursari", parent_code: KAB },
    { code: KEC2, level: "kecamatan", name: "Pronojiwo", parent_code: KAB },
    { code: DESA_A, level: "desa", name: "Desa A", parent_code: KEC1 },
    { code: DESA_B, level: "desa", name: "Desa B, \"Barat\"", parent_code: KEC1 },
    { code: DESA_KOSONG, level: "desa", name: "Desa Kosong", parent_code: KEC1 },
    { code: DESA_C, level: "desa", name: "Desa C", parent_code: KEC2 },
  ]);
  await insert("households", [
    // A1: every field known, all 14 BPS criteria met; 28.8 m² for 4 members = exactly 7.2 m²/person.
    {
      id_rt: "A1", kode_desa: DESA_A, desil: 1, luas_lantai: 28.8, lantai: "tanah", dinding: "bambu", kondisi_dinding: "jelek",
      atap: "jerami_ijuk_rumbia", kondisi_atap: "jelek", fasilitas_bab: "tidak_ada", jenis_kloset: "tidak_pakai",
      sumber_penerangan: "bukan_listrik", sumber_air_minum: "air_permukaan", bahan_bakar_memasak: "kayu_bakar",
      daging_per_minggu: 0, pakaian_baru_per_tahun: 1, makan_per_hari: 2, mampu_berobat: false, pendapatan_krt: 500000,
      punya_aset_500rb: false, ...allAssetsFalse, jumlah_sapi: 0, jumlah_kerbau: 0, jumlah_kuda: 0,
    },
    // A2: good house; 35.9 m² for 5 counted members = 7.18 m²/person (< 7.2, < 8); survey fields unknown.
    {
      id_rt: "A2", kode_desa: DESA_A, desil: 5, luas_lantai: 35.9, lantai: "keramik", dinding: "tembok", kondisi_dinding: "bagus",
      atap: "genteng", kondisi_atap: "bagus", fasilitas_bab: "sendiri", jenis_kloset: "leher_angsa",
      sumber_penerangan: "listrik_pln_meteran", sumber_air_minum: "leding", bahan_bakar_memasak: "gas_3kg",
      aset_sepeda_motor: true, aset_televisi: true, aset_mobil: false,
    },
    // A3: nothing known.
    { id_rt: "A3", kode_desa: DESA_A },
    // A4: 16 m² for 2 = exactly 8 m²/person; wall condition unknown; status_kesejahteraan 2 stands for desil.
    {
      id_rt: "A4", kode_desa: DESA_A, status_kesejahteraan: 2, luas_lantai: 16, lantai: "semen_bata_merah", dinding: "kayu",
      atap: "seng", kondisi_atap: "jelek", fasilitas_bab: "bersama", jenis_kloset: "leher_angsa",
      sumber_penerangan: "listrik_pln_tanpa_meteran", sumber_air_minum: "sumur_terlindung", bahan_bakar_memasak: "minyak_tanah",
      makan_per_hari: 3, aset_lahan: true, luas_lahan: 4000, aset_sepeda_motor: false, aset_mobil: false,
      aset_perahu_motor: false, aset_emas_10g: false, aset_lemari_es: false, aset_komputer: false,
      aset_smartphone: false, aset_telepon_rumah: false, aset_sepeda: false,
    },
    // A5: elderly woman alone, 7.9 m² (< 8, ≥ 7.2), earth floor, little else known.
    { id_rt: "A5", kode_desa: DESA_A, desil: 2, luas_lantai: 7.9, lantai: "tanah" },
    // B1: well-off, fully known, two families.
    {
      id_rt: "B1", kode_desa: DESA_B, desil: 2, luas_lantai: 100, lantai: "keramik", dinding: "tembok", kondisi_dinding: "bagus",
      atap: "genteng", kondisi_atap: "bagus", fasilitas_bab: "sendiri", jenis_kloset: "leher_angsa",
      sumber_penerangan: "listrik_pln_meteran", sumber_air_minum: "leding", bahan_bakar_memasak: "gas_3kg",
      daging_per_minggu: 2, pakaian_baru_per_tahun: 2, makan_per_hari: 3, mampu_berobat: true, pendapatan_krt: 3000000,
      punya_aset_500rb: true, ...allAssetsFalse, aset_televisi: true, aset_lemari_es: true, aset_sepeda_motor: true,
      jumlah_sapi: 0, jumlah_kerbau: 0, jumlah_kuda: 0,
    },
    // C1: bamboo floor, public toilet, briquettes.
    {
      id_rt: "C1", kode_desa: DESA_C, desil: 4, luas_lantai: 20, lantai: "bambu", dinding: "tembok", kondisi_dinding: "bagus",
      atap: "genteng", kondisi_atap: "bagus", fasilitas_bab: "umum", jenis_kloset: "leher_angsa",
      sumber_penerangan: "listrik_non_pln", sumber_air_minum: "sumur_bor_pompa", bahan_bakar_memasak: "briket",
      aset_sepeda_motor: true,
    },
  ]);
  const deceased = member("A1", "01", { nama: "Kakek (meninggal)", tanggal_lahir: "1940-01-01", hubungan_krt: "orang_tua_mertua" });
  const moved = member("A1", "01", { nama: "Paman (pindah)", tanggal_lahir: "1975-01-01", hubungan_krt: "lainnya" });
  const deceasedNoDate = member("A1", "01", { nama: "Nenek (meninggal, tanggal tak diketahui)", tanggal_lahir: "1942-01-01" });
  const diedAfterR = member("A2", "02", { nama: "Nenek (meninggal sesudah R)", tanggal_lahir: "1940-01-01", jenjang_pendidikan: "tidak_ada", hubungan_krt: "orang_tua_mertua" });
  const aliveHead = member("C1", "07", { tanggal_lahir: "1988-01-01", hubungan_krt: "kepala", jenjang_pendidikan: "smp", lapangan_usaha: "perdagangan" });
  await insert("members", [
    // A1 counts 4 members; the three above are left out (had they counted, 28.8 m² would be < 7.2 m²/person).
    member("A1", "01", { hubungan_krt: "kepala", jenis_kelamin: "L", tanggal_lahir: "1980-03-01", jenjang_pendidikan: "sd", disabilitas: "ringan" }),
    member("A1", "01", { hubungan_krt: "pasangan", jenis_kelamin: "P", tanggal_lahir: "1985-05-05", jenjang_pendidikan: "sd" }),
    member("A1", "01", { hubungan_krt: "anak", tanggal_lahir: "2019-07-01", partisipasi_sekolah: "tidak_pernah" }), // 7 on R
    member("A1", "01", { hubungan_krt: "anak", tanggal_lahir: "2019-07-02", partisipasi_sekolah: "tidak_pernah" }), // 6 on R
    deceased,
    moved,
    deceasedNoDate,
    // A2: 5 members (the grandmother died after R, so she counts).
    member("A2", "02", { hubungan_krt: "kepala", jenis_kelamin: "L", tanggal_lahir: "1966-07-01", jenjang_pendidikan: "sma", lapangan_usaha: "jasa", disabilitas: "tidak" }), // 60 on R
    // A woman: NIK day 42 = 2 + 40; 59 on R.
    member("A2", "02", { nik: "3508014207660002", hubungan_krt: "pasangan", jenis_kelamin: "P", tanggal_lahir: "1966-07-02", jenjang_pendidikan: "smp", penyakit_kronis: true }),
    member("A2", "02", { hubungan_krt: "anak", tanggal_lahir: "2008-07-01", jenjang_pendidikan: "sma", partisipasi_sekolah: "tidak_lagi" }), // 18 on R
    member("A2", "02", { hubungan_krt: "anak", tanggal_lahir: "2007-07-01", jenjang_pendidikan: "sma", partisipasi_sekolah: "tidak_lagi", disabilitas: "berat" }), // 19
    diedAfterR,
    // A3: two members, nothing known.
    member("A3", "03", { hubungan_krt: "kepala" }),
    member("A3", "03", {}),
    // A4
    member("A4", "04", { hubungan_krt: "kepala", tanggal_lahir: "1950-01-01", jenjang_pendidikan: "smp", lapangan_usaha: "pertanian" }),
    member("A4", "04", { hubungan_krt: "pasangan", tanggal_lahir: "1955-01-01", jenjang_pendidikan: "sd" }),
    // A5: 66 on R.
    member("A5", "05", { nik: "3508014107600003", hubungan_krt: "kepala", jenis_kelamin: "P", tanggal_lahir: "1960-07-01", jenjang_pendidikan: "tidak_ada", disabilitas: "tidak", penyakit_kronis: true }),
    // B1: the spouse's NIK says 1 Jan 1960 (66) but tanggal_lahir says 54: age comes from tanggal_lahir.
    member("B1", "06", { hubungan_krt: "kepala", jenis_kelamin: "L", tanggal_lahir: "1970-01-01", jenjang_pendidikan: "sma", disabilitas: "tidak", penyakit_kronis: false }),
    member("B1", "06", { nik: "3508014101600004", hubungan_krt: "pasangan", jenis_kelamin: "P", tanggal_lahir: "1972-03-03", jenjang_pendidikan: "sma", disabilitas: "tidak", penyakit_kronis: false }),
    member("B1", "16", { hubungan_krt: "anak", jenis_kelamin: "P", tanggal_lahir: "2000-01-01", jenjang_pendidikan: "sma", hamil: true, disabilitas: "tidak", penyakit_kronis: false }),
    member("B1", "16", { hubungan_krt: "cucu", tanggal_lahir: "2022-01-01", disabilitas: "tidak", penyakit_kronis: false }), // 4: under five
    member("B1", "06", { hubungan_krt: "anak", tanggal_lahir: "2021-07-01", disabilitas: "tidak", penyakit_kronis: false }), // exactly 5
    // C1: the baby born after R is left out.
    aliveHead,
    member("C1", "07", { hubungan_krt: "anak", tanggal_lahir: "2014-07-01", partisipasi_sekolah: "masih_sekolah" }),
    member("C1", "07", { hubungan_krt: "anak", tanggal_lahir: "2026-09-01" }),
  ]);
  await insert("population", [
    { nik: deceased.nik, status: "meninggal", tanggal_status: "2026-03-01" },
    { nik: moved.nik, status: "pindah", tanggal_status: "2026-01-15" },
    { nik: deceasedNoDate.nik, status: "meninggal" },
    { nik: diedAfterR.nik, status: "meninggal", tanggal_status: "2026-08-01" },
    { nik: aliveHead.nik, status: "hidup" },
  ]);
}

beforeAll(async () => {
  db = await testDatabase();
  await loadFixture();
});

const byCode = (rows: AreaIndicators[]) => new Map(rows.map((r) => [r.kode, r]));
const v = (a: AreaIndicators | undefined, id: string) => a?.values[id]?.value;
const nd = (a: AreaIndicators | undefined, id: string) => [a?.values[id]?.numerator, a?.values[id]?.denominator];

describe("household flags", () => {
  it("match the hand-computed table, unknown as null", async () => {
    const rows = await computeHouseholdFlags({ level: "kabupaten", codes: [KAB], referenceDate: R, db });
    const got = Object.fromEntries(
      rows.map((r) => [
        r.id_rt,
        {
          jiwa: r.jumlah_jiwa, kk: r.jumlah_keluarga, listrik: r.tanpa_listrik, air: r.tanpa_air_layak,
          jamban: r.tanpa_jamban_sendiri, padat: r.bahan_bakar_padat, d12: r.desil_1_2, rtlh: r.rtlh,
          bps: r.miskin_bps14, met: r.bps14_terpenuhi, dinilai: r.bps14_dapat_dinilai, kurang9: r.bps14_kriteria_kurang_9,
          krtSd: r.krt_pendidikan_sd, sendiri: r.lansia_tinggal_sendiri,
        },
      ]),
    );
    const T = true, F = false, N = null;
    expect(got).toEqual({
      A1: { jiwa: 4, kk: 1, listrik: T, air: T, jamban: T, padat: T, d12: T, rtlh: T, bps: T, met: 14, dinilai: 14, kurang9: F, krtSd: T, sendiri: F },
      A2: { jiwa: 5, kk: 1, listrik: F, air: F, jamban: F, padat: F, d12: F, rtlh: F, bps: F, met: 1, dinilai: 10, kurang9: F, krtSd: F, sendiri: F },
      A3: { jiwa: 2, kk: 1, listrik: N, air: N, jamban: N, padat: N, d12: N, rtlh: N, bps: N, met: 0, dinilai: 0, kurang9: T, krtSd: N, sendiri: F },
      A4: { jiwa: 2, kk: 1, listrik: F, air: F, jamban: T, padat: F, d12: T, rtlh: N, bps: F, met: 3, dinilai: 10, kurang9: F, krtSd: F, sendiri: F },
      A5: { jiwa: 1, kk: 1, listrik: N, air: N, jamban: N, padat: N, d12: T, rtlh: N, bps: F, met: 3, dinilai: 3, kurang9: T, krtSd: T, sendiri: T },
      B1: { jiwa: 5, kk: 2, listrik: F, air: F, jamban: F, padat: F, d12: T, rtlh: F, bps: F, met: 0, dinilai: 14, kurang9: F, krtSd: F, sendiri: F },
      C1: { jiwa: 2, kk: 1, listrik: F, air: F, jamban: T, padat: T, d12: F, rtlh: T, bps: F, met: 2, dinilai: 10, kurang9: F, krtSd: F, sendiri: F },
    });
  });

  it("apply the 7.2 and 8 m² per person thresholds exactly", async () => {
    const rows = await computeHouseholdFlags({ level: "desa", codes: [DESA_A], referenceDate: R, db });
    const crowd = Object.fromEntries(rows.map((r) => [r.id_rt, [r.rtlh_k5, r.bps_k1]]));
    expect(crowd).toEqual({
      A1: [false, true], // 7.2 m²/person: not < 7.2, < 8
      A2: [true, true], // 7.18
      A3: [null, null],
      A4: [false, false], // exactly 8
      A5: [false, true], // 7.9
    });
  });

  it("evaluate each BPS criterion three-valued (A4)", async () => {
    const [a4] = await computeHouseholdFlags({ level: "desa", codes: [DESA_A], referenceDate: R, db }).then((r) => r.filter((x) => x.id_rt === "A4"));
    const k = Array.from({ length: 14 }, (_, i) => a4[`bps_k${i + 1}`]);
    // 1 F (8 m²), 2 F, 3 wood wall with unknown condition → null, 4 T (shared toilet), 5 F, 6 F, 7 T (kerosene),
    // 8, 9 unknown, 10 F (3 meals), 11 unknown, 12 T (farmer head, 4000 m² land, income unknown), 13 F (SMP), 14 F (land).
    expect(k).toEqual([false, false, null, true, false, false, true, null, null, false, null, true, false, false]);
  });

  it("member counts of a household: age bands on R, deceased/moved left out", async () => {
    const rows = await computeHouseholdFlags({ level: "desa", within: KAB, referenceDate: R, db });
    const m = Object.fromEntries(
      rows.map((r) => [r.id_rt, [r.m_anak_tidak_sekolah_num, r.m_anak_tidak_sekolah_den, r.m_lansia_num, r.m_lansia_den]]),
    );
    expect(m).toEqual({
      A1: [1, 1, 0, 4], // 7-year-old counts, 6-year-old outside 7–18; the three left-out members would add elderly
      A2: [1, 1, 2, 5], // 18 counts, 19 does not; 60 is elderly, 59 (woman, NIK day 42) is not; the grandmother died after R
      A3: [0, 0, 0, 0],
      A4: [0, 0, 2, 2],
      A5: [0, 0, 1, 1],
      B1: [0, 0, 0, 5], // the spouse whose NIK says 1960 is 54 by tanggal_lahir
      C1: [0, 1, 0, 2], // the baby born after R is left out
    });
  });

  it("earlier reference date: a member moved later still counts", async () => {
    const [a1] = (await computeHouseholdFlags({ level: "desa", codes: [DESA_A], referenceDate: "2026-01-10", db })).filter((r) => r.id_rt === "A1");
    // Before 2026-01-15 and 2026-03-01 the moved and deceased members count; the one without a date never does.
    expect(a1.jumlah_jiwa).toBe(6);
    expect(a1.rtlh_k5).toBe(true); // 28.8 / 6 = 4.8
  });
});

describe("MPI in SQL", () => {
  it("scores households per domain.md defaults", async () => {
    const rows = await computeHouseholdFlags({ level: "kabupaten", codes: [KAB], referenceDate: R, db });
    const got = Object.fromEntries(rows.map((r) => [r.id_rt, [Math.round(Number(r.mpi_skor) * 18), r.mpi_miskin]]));
    // in 18ths: A1 2/3 = 12, A2 1/3 = 6 (exactly k: poor), A3 0, A4 1/6 = 3, A5 7/18, B1 0, C1 3/18.
    expect(got).toEqual({ A1: [12, true], A2: [6, true], A3: [0, false], A4: [3, false], A5: [7, true], B1: [0, false], C1: [3, false] });
  });

  it("gives H, A, M0 and contributions per area", async () => {
    const kab = (await computeIndicators({ level: "kabupaten", referenceDate: R, db }))[0];
    // n = 21 members, q = 4 + 5 + 1 = 10, Σc(poor) = 4·2/3 + 5·1/3 + 7/18 = 85/18.
    expect(kab.mpi.n).toBe(21);
    expect(kab.mpi.q).toBe(10);
    expect(v(kab, "mpi_h")).toBe(47.6);
    expect(v(kab, "mpi_a")).toBe(47.2); // 85/180
    expect(v(kab, "mpi_m0")).toBe(0.225); // 85/378 = 0.2249
    expect(kab.mpi.M0).toBeCloseTo(85 / 378, 12);
    expect(kab.mpi.censoredHeadcount.lama_sekolah).toBeCloseTo(5 / 21, 12);
    expect(kab.mpi.censoredHeadcount.penyakit_kronis).toBeCloseTo(6 / 21, 12);
    expect(kab.mpi.contribution.penyakit_kronis).toBeCloseTo((100 * 18) / 85, 9);
    expect(kab.mpi.contribution.rumah).toBeCloseTo((100 * 5) / 85, 9);
    const total = Object.values(kab.mpi.contribution).reduce<number>((acc, x) => acc + (x ?? 0), 0);
    expect(total).toBeCloseTo(100, 9);
    const desa = byCode(await computeIndicators({ level: "desa", referenceDate: R, db }));
    expect(v(desa.get(DESA_A), "mpi_h")).toBe(71.4);
    expect(v(desa.get(DESA_A), "mpi_m0")).toBe(0.337); // 85/252
    expect(v(desa.get(DESA_B), "mpi_h")).toBe(0);
    expect(v(desa.get(DESA_B), "mpi_a")).toBeNull();
    expect(v(desa.get(DESA_KOSONG), "mpi_h")).toBeNull();
  });

  it("takes configurable weights and k", async () => {
    const weights = { lama_sekolah: 0.5, partisipasi_sekolah: 0, penyakit_kronis: 0.5, disabilitas_berat: 0, bahan_bakar: 0, sanitasi: 0, air_minum: 0, listrik: 0, rumah: 0, aset: 0 };
    const kab = (await computeIndicators({ level: "kabupaten", referenceDate: R, db, mpiConfig: { k: 1, weights } }))[0];
    // Only A5 (1 member) lacks schooling and has chronic illness.
    expect(kab.mpi.q).toBe(1);
    expect(v(kab, "mpi_m0")).toBe(Math.round((1 / 21) * 1000) / 1000);
    await expect(computeIndicators({ level: "kabupaten", referenceDate: R, db, mpiConfig: { k: 1, weights: { ...weights, aset: 0.1 } } })).rejects.toThrow();
  });
});

describe("area indicators", () => {
  it("desa figures match the hand count, unknowns excluded", async () => {
    const desa = byCode(await computeIndicators({ level: "desa", referenceDate: R, db }));
    expect([...desa.keys()]).toEqual([DESA_A, DESA_B, DESA_KOSONG, DESA_C]);
    const a = desa.get(DESA_A);
    expect([a?.jumlahRt, a?.jumlahKeluarga, a?.jumlahJiwa]).toEqual([5, 5, 14]);
    expect(nd(a, "tanpa_listrik_pct")).toEqual([1, 3]);
    expect(v(a, "tanpa_listrik_pct")).toBe(33.3);
    expect(v(a, "tanpa_air_layak_pct")).toBe(33.3);
    expect(v(a, "tanpa_jamban_sendiri_pct")).toBe(66.7);
    expect(v(a, "bahan_bakar_padat_pct")).toBe(33.3);
    expect(nd(a, "desil_1_2_pct")).toEqual([3, 4]);
    expect(v(a, "desil_1_2_pct")).toBe(75);
    expect(nd(a, "rtlh_pct")).toEqual([1, 2]);
    expect(nd(a, "miskin_bps14_pct")).toEqual([1, 4]);
    expect(v(a, "miskin_bps14_pct")).toBe(25);
    expect(v(a, "bps14_kriteria_kurang_9_pct")).toBe(40);
    expect(nd(a, "anak_tidak_sekolah_pct")).toEqual([2, 2]);
    expect(nd(a, "lansia_pct")).toEqual([5, 12]);
    expect(v(a, "lansia_pct")).toBe(41.7);
    expect(nd(a, "disabilitas_pct")).toEqual([2, 4]);
    expect(nd(a, "penyakit_kronis_pct")).toEqual([2, 2]);
    expect(nd(a, "dewasa_tanpa_sd_pct")).toEqual([2, 10]);
    expect(nd(a, "krt_pendidikan_sd_pct")).toEqual([2, 4]);
    expect(nd(a, "lansia_tinggal_sendiri_pct")).toEqual([1, 5]);
    expect(v(a, "desil_2_pct")).toBe(50);
    expect(v(a, "desil_10_pct")).toBe(0);

    const b = desa.get(DESA_B);
    expect([b?.jumlahRt, b?.jumlahKeluarga, b?.jumlahJiwa]).toEqual([1, 2, 5]);
    expect(v(b, "anak_tidak_sekolah_pct")).toBeNull(); // no child 7–18: unknown, not 0
    expect(v(b, "lansia_pct")).toBe(0);
    expect(v(b, "jumlah_ibu_hamil_desil_1_2")).toBe(1);
    expect(v(b, "jumlah_balita_desil_1_2")).toBe(1); // 4-year-old yes, 5-year-old no

    const c = desa.get(DESA_C);
    expect(v(c, "anak_tidak_sekolah_pct")).toBe(0);
    expect(v(c, "rtlh_pct")).toBe(100);
    expect(v(c, "disabilitas_pct")).toBeNull();

    const kosong = desa.get(DESA_KOSONG);
    expect(kosong?.nama).toBe("Desa Kosong");
    expect([kosong?.jumlahRt, kosong?.jumlahJiwa]).toEqual([0, 0]);
    expect(v(kosong, "rtlh_pct")).toBeNull();
  });

  it("kecamatan and kabupaten equal the sum of household flags", async () => {
    const kec = byCode(await computeIndicators({ level: "kecamatan", referenceDate: R, db }));
    const k1 = kec.get(KEC1);
    expect([k1?.jumlahRt, k1?.jumlahKeluarga, k1?.jumlahJiwa]).toEqual([6, 7, 19]);
    expect(nd(k1, "desil_1_2_pct")).toEqual([4, 5]);
    expect(v(k1, "rtlh_pct")).toBe(33.3);
    expect(v(k1, "lansia_pct")).toBe(29.4); // 5/17
    expect(v(k1, "disabilitas_pct")).toBe(22.2); // 2/9

    const [kab] = await computeIndicators({ level: "kabupaten", referenceDate: R, db });
    expect([kab.kode, kab.nama, kab.jumlahRt, kab.jumlahKeluarga, kab.jumlahJiwa]).toEqual([KAB, "Lumajang", 7, 8, 21]);
    expect(v(kab, "tanpa_jamban_sendiri_pct")).toBe(60);
    expect(v(kab, "desil_1_2_pct")).toBe(66.7);
    expect(v(kab, "miskin_bps14_pct")).toBe(16.7);
    expect(v(kab, "bps14_kriteria_kurang_9_pct")).toBe(28.6);
    expect(v(kab, "anak_tidak_sekolah_pct")).toBe(66.7);
    expect(v(kab, "lansia_pct")).toBe(26.3);

    // Generic: every share's numerator/denominator at kabupaten = Σ over the household rows.
    const hh = await computeHouseholdFlags({ level: "kabupaten", referenceDate: R, db });
    for (const ind of indicatorCatalogue) {
      if (ind.kind !== "share" || ind.unit !== "household") continue;
      const flag = ind.id.replace(/_pct$/, "");
      const num = hh.filter((r) => r[flag] === true).length;
      const den = hh.filter((r) => r[flag] !== null).length;
      expect(nd(kab, ind.id), ind.id).toEqual([num, den]);
    }
    // And the desa rows sum to the kabupaten.
    const desa = await computeIndicators({ level: "desa", referenceDate: R, db });
    for (const ind of indicatorCatalogue) {
      if (ind.kind === "index") continue;
      const sum = desa.reduce((s, d) => s + d.values[ind.id].numerator, 0);
      expect(sum, ind.id).toBe(kab.values[ind.id].numerator);
    }
  });

  it("scopes by code list and by parent", async () => {
    const one = await computeIndicators({ level: "desa", codes: ["35.08.01.2002"], referenceDate: R, db });
    expect(one.map((r) => r.kode)).toEqual([DESA_B]);
    const inKec = await computeIndicators({ level: "desa", within: KEC1, referenceDate: R, db });
    expect(inKec.map((r) => r.kode)).toEqual([DESA_A, DESA_B, DESA_KOSONG]);
    await expect(computeIndicators({ level: "desa", referenceDate: "2026-02-30", db })).rejects.toThrow();
  });
});

describe("catalogue", () => {
  it("has every formats.md column with labels, formula and SQL", () => {
    const ids = indicatorCatalogue.map((i) => i.id);
    expect(ids.slice(0, 13)).toEqual([
      "miskin_bps14_pct", "rtlh_pct", "tanpa_air_layak_pct", "tanpa_jamban_sendiri_pct", "tanpa_listrik_pct",
      "bahan_bakar_padat_pct", "anak_tidak_sekolah_pct", "disabilitas_pct", "lansia_pct", "desil_1_2_pct",
      "mpi_h", "mpi_a", "mpi_m0",
    ]);
    expect(requiredIndicatorIds).toHaveLength(13);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of indicatorCatalogue) {
      expect(i.label.id.length, i.id).toBeGreaterThan(3);
      expect(i.label.en.length, i.id).toBeGreaterThan(3);
      expect(i.caraHitung.length, i.id).toBeGreaterThan(20);
      expect(i.sourceFields.length, i.id).toBeGreaterThan(0);
      expect(i.kind === "index" ? i.sql === null : typeof i.sql === "string", i.id).toBe(true);
    }
  });
});

describe("export", () => {
  it("writes the indikator CSV: one row per area, formats.md columns, valid numbers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-h4-"));
    const out = path.join(dir, "indikator.csv");
    const result = await exportIndicatorsCsv({ tanggal: R, out, db });
    const lines = fs.readFileSync(out, "utf8").trimEnd().split("\n");
    const header = lines[0].split(",");
    expect(header.slice(0, 6)).toEqual(["kode_wilayah", "tingkat", "nama", "jumlah_rt", "jumlah_keluarga", "jumlah_jiwa"]);
    expect(header.slice(6)).toEqual(indicatorCatalogue.map((i) => i.id));
    expect(result.rows).toBe(7);
    expect(lines).toHaveLength(1 + 7); // 1 kabupaten + 2 kecamatan + 4 desa
    const kab = lines[1].split(",");
    expect(kab.slice(0, 6)).toEqual([KAB, "kabupaten", "Lumajang", "7", "8", "21"]);
    expect(kab[header.indexOf("tanpa_jamban_sendiri_pct")]).toBe("60.0");
    expect(kab[header.indexOf("mpi_m0")]).toBe("0.225");
    expect(kab[header.indexOf("mpi_h")]).toBe("47.6");
    expect(lines.map((l) => l.split(",")[1])).toEqual(["tingkat", "kabupaten", "kecamatan", "kecamatan", "desa", "desa", "desa", "desa"]);
    // A name with a comma and quotes is quoted per RFC 4180.
    expect(lines.find((l) => l.startsWith(DESA_B))).toContain('"Desa B, ""Barat"""');
    const kosong = lines.find((l) => l.startsWith(DESA_KOSONG))!.split(",");
    expect(kosong[header.indexOf("rtlh_pct")]).toBe(""); // unknown, never 0
    for (const line of lines.slice(1)) {
      if (line.startsWith(DESA_B)) continue;
      const cells = line.split(",");
      expect(cells).toHaveLength(header.length);
      header.forEach((h, i) => {
        const cell = cells[i];
        if (h.endsWith("_pct") || h === "mpi_h" || h === "mpi_a") expect(cell, h).toMatch(/^$|^\d{1,3}\.\d$/);
        if (h === "mpi_m0") expect(cell).toMatch(/^$|^[01]\.\d{3}$/);
        if (h.startsWith("jumlah_")) expect(cell, h).toMatch(/^\d+$/);
      });
    }
    const desaOnly = path.join(dir, "desa.csv");
    await exportIndicatorsCsv({ tingkat: "desa", tanggal: R, out: desaOnly, db });
    expect(fs.readFileSync(desaOnly, "utf8").trimEnd().split("\n")).toHaveLength(1 + 4);

    // XLSX: same table; read back through the importer's XLSX reader it matches the CSV.
    const xlsx = path.join(dir, "indikator.xlsx");
    await exportIndicatorsCsv({ tanggal: R, out: xlsx, db });
    const back = path.join(dir, "back.csv");
    await xlsxToCsv(xlsx, back);
    const backLines = fs.readFileSync(back, "utf8").trimEnd().split("\n");
    expect(backLines[0]).toBe(lines[0]);
    const backKab = backLines[1].split(",");
    expect(backKab.slice(0, 6)).toEqual([KAB, "kabupaten", "Lumajang", "7", "8", "21"]);
    expect(Number(backKab[header.indexOf("mpi_m0")])).toBe(0.225);
    expect(Number(backKab[header.indexOf("tanpa_jamban_sendiri_pct")])).toBe(60);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("snapshot for the UI", () => {
  it("answers from memory and recomputes after the data changes", async () => {
    const { getAreaIndicators, getRegionProfile, invalidateIndicatorSnapshots } = await import("./snapshot.server");
    invalidateIndicatorSnapshots();
    let [kab] = await getAreaIndicators({ referenceDate: R, codes: ["35.08"], db });
    expect([kab.kode, kab.tingkat, kab.jumlahRt]).toEqual([KAB, "kabupaten", 7]);
    // The fixture's own writes reach pg_stat up to ~1 s late (later on a loaded machine) and
    // count as a data change once; after that the snapshot must be served from memory.
    let again = await getAreaIndicators({ referenceDate: R, codes: [KAB], db });
    for (let i = 0; i < 20 && again[0] !== kab; i++) {
      await new Promise((r) => setTimeout(r, 500));
      kab = again[0]!;
      again = await getAreaIndicators({ referenceDate: R, codes: [KAB], db });
    }
    expect(again[0]).toBe(kab); // same object: served from the snapshot
    expect((await getAreaIndicators({ referenceDate: R, level: "desa", within: KEC1, db })).map((a) => a.kode)).toEqual([DESA_A, DESA_B, DESA_KOSONG]);

    const profile = await getRegionProfile({ referenceDate: R, kode: KEC1, db });
    expect(profile?.kabupaten?.kode).toBe(KAB);
    const lansia = profile?.indicators.find((r) => r.indicator.id === "lansia_pct");
    expect([lansia?.value, lansia?.kabupatenValue, lansia?.indicator.caraHitung.length]).toEqual([29.4, 26.3, expect.any(Number)]);
    // M0: desa A 0.337, desa B 0, desa Kosong unknown (last).
    expect(profile?.desaRanking.map((d) => [d.kode, d.mpiM0])).toEqual([[DESA_A, 0.337], [DESA_B, 0], [DESA_KOSONG, null]]);
    const contribution = profile?.mpi.reduce((s, r) => s + (r.contributionPct ?? 0), 0);
    expect(contribution).toBeCloseTo(100, 9);

    await db.pool.query("UPDATE households SET sumber_penerangan = 'bukan_listrik' WHERE id_rt = 'B1'");
    try {
      // Row-change counters reach pg_stat within ~1 s of the writer going idle; poll up to 15 s.
      let fresh = kab;
      for (let i = 0; i < 30 && fresh === kab; i++) {
        await new Promise((r) => setTimeout(r, 500));
        [fresh] = await getAreaIndicators({ referenceDate: R, codes: [KAB], db });
      }
      expect(fresh).not.toBe(kab);
      expect(fresh.values.tanpa_listrik_pct.numerator).toBe(2);
    } finally {
      await db.pool.query("UPDATE households SET sumber_penerangan = 'listrik_pln_meteran' WHERE id_rt = 'B1'");
      invalidateIndicatorSnapshots();
    }
  });
});

describe("measure bridge", () => {
  it("yields code, value, units per area equal to computeIndicators, with a bound desil filter", async () => {
    const { indicatorMeasureSql } = await import("./measures");
    const run = async (id: string, desilFilter: boolean) => {
      const values: unknown[] = ["unused-first-param"];
      const param = (v: unknown) => (values.push(v), `$${values.length}`);
      const sql = indicatorMeasureSql(
        id,
        { level: "desa", param, householdWhere: desilFilter ? (a) => `${a}.desil BETWEEN ${param(1)} AND ${param(2)}` : undefined },
        { referenceDate: R },
      );
      const { rows } = await db.pool.query(`SELECT * FROM (${sql}) x WHERE $1::text IS NOT NULL ORDER BY code`, values);
      return Object.fromEntries(rows.map((r) => [r.code, [r.value, r.units]]));
    };
    expect((await run("tanpa_jamban_sendiri_pct", false))[DESA_A]).toEqual([66.7, 3]);
    expect((await run("mpi_m0", false))[DESA_A]).toEqual([0.337, 14]);
    expect((await run("lansia_pct", false))[DESA_KOSONG]).toEqual([null, null]);
    // Desil 1–2 only (A1, A5, B1 by desil): desa A has A1 (no own toilet) and A5 (unknown) → 1/1.
    expect((await run("tanpa_jamban_sendiri_pct", true))[DESA_A]).toEqual([100, 1]);
  });
});
