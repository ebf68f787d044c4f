/**
 * One synthetic DTKS household: dwelling, assets and members, with values correlated to the
 * household's desil (poorer → earth floors, bamboo walls, unprotected water, firewood, fewer
 * assets, less schooling, more farm labour). Pure: all randomness comes from the given Random.
 */
import type { assetColumns, livestockColumns } from "../db/codes";
import { dayToIso, type IdAllocator } from "./ids";
import { dusunNames, personName } from "./names";
import type { Random } from "./random";
import type { SeedDesa } from "./regions";

export type Cell = string | number | boolean | null;

export interface SeedMember {
  nik: string;
  /** The valid NIK Dukcapil knows; differs from `nik` only for planted invalid NIKs. */
  dukcapilNik: string;
  noKk: string;
  /** 0 = the household head's family, 1 = a second KK in the same household. */
  family: number;
  isKkHead: boolean;
  nama: string;
  hubungan: "kepala" | "pasangan" | "anak" | "menantu" | "cucu" | "orang_tua_mertua" | "pembantu" | "lainnya";
  sex: "L" | "P";
  birthDay: number;
  /** Whole years on the reference date. */
  age: number;
  statusPerkawinan: "belum_kawin" | "kawin" | "cerai_hidup" | "cerai_mati";
  hamil: boolean;
  partisipasi: "tidak_pernah" | "masih_sekolah" | "tidak_lagi";
  jenjang: "tidak_ada" | "paud" | "sd" | "smp" | "sma" | "d1_d3" | "d4_s1" | "s2_s3";
  bekerja: boolean;
  lapanganUsaha: string | null;
  disabilitas: "tidak" | "ringan" | "berat";
  penyakitKronis: boolean;
  /** Dukcapil status; deceased/moved people stay in DTKS (the registry lags). */
  status: "hidup" | "meninggal" | "pindah";
  tanggalStatus: number | null;
  /** Excluded from every recipient list (planted invalid NIK or duplicate copy). */
  noReceipt: boolean;
  /** Planted duplicate_nik copy: the id_rt of the household that also lists this person. */
  duplicateOf?: string;
}

export type HouseholdRow = Record<string, Cell>;

export interface SeedHousehold {
  idRt: string;
  desa: SeedDesa;
  desil: number;
  row: HouseholdRow;
  members: SeedMember[];
  /** No. KK of each family, index = SeedMember.family. */
  families: string[];
}

const DAY = 1;
const YEAR = 365.2425 * DAY;

export function ageOn(birthDay: number, refDay: number): number {
  const b = new Date(birthDay * 86_400_000);
  const r = new Date(refDay * 86_400_000);
  let age = r.getUTCFullYear() - b.getUTCFullYear();
  if (r.getUTCMonth() < b.getUTCMonth() || (r.getUTCMonth() === b.getUTCMonth() && r.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

const coastalKecamatan = new Set(["350801", "350804", "350805", "350806", "350807"]);

interface Ctx {
  rng: Random;
  refDay: number;
  /** 1 = poorest, 0 = richest, from the desil with some noise. */
  pov: number;
  desa: SeedDesa;
  ids: IdAllocator;
}

function birthDayForAge(ctx: Ctx, age: number): number {
  return Math.floor(ctx.refDay - age * YEAR - ctx.rng.float(1, YEAR - 1));
}

function schooling(ctx: Ctx, age: number): Pick<SeedMember, "partisipasi" | "jenjang"> {
  const { rng, pov } = ctx;
  if (age < 3) return { partisipasi: "tidak_pernah", jenjang: "tidak_ada" };
  if (age <= 4) return rng.chance(0.3 - 0.15 * pov) ? { partisipasi: "masih_sekolah", jenjang: "paud" } : { partisipasi: "tidak_pernah", jenjang: "tidak_ada" };
  if (age <= 6) {
    if (!rng.chance(0.85 - 0.2 * pov)) return { partisipasi: "tidak_pernah", jenjang: "tidak_ada" };
    return { partisipasi: "masih_sekolah", jenjang: age === 6 && rng.chance(0.5) ? "sd" : "paud" };
  }
  if (age <= 12) return rng.chance(0.99 - 0.04 * pov) ? { partisipasi: "masih_sekolah", jenjang: "sd" } : { partisipasi: "tidak_lagi", jenjang: "sd" };
  if (age <= 15) return rng.chance(0.96 - 0.12 * pov) ? { partisipasi: "masih_sekolah", jenjang: "smp" } : { partisipasi: "tidak_lagi", jenjang: "sd" };
  if (age <= 18) return rng.chance(0.86 - 0.3 * pov) ? { partisipasi: "masih_sekolah", jenjang: "sma" } : { partisipasi: "tidak_lagi", jenjang: rng.chance(0.6) ? "smp" : "sd" };
  if (age <= 22 && rng.chance(0.04 + 0.35 * (1 - pov) ** 2)) return { partisipasi: "masih_sekolah", jenjang: rng.chance(0.8) ? "d4_s1" : "d1_d3" };
  // Adults: older cohorts and poorer households reached lower levels.
  const cohort = Math.min(1, Math.max(0, (age - 20) / 55));
  const low = 0.25 + 0.45 * pov + 0.3 * cohort;
  const level = ctx.rng.weighted({
    tidak_ada: 0.12 * low * low,
    sd: 0.5 * low,
    smp: 0.25,
    sma: 0.35 * (1 - low) + 0.05,
    d1_d3: 0.05 * (1 - low),
    d4_s1: 0.14 * (1 - low) ** 1.5,
    s2_s3: 0.01 * (1 - low) ** 2,
  });
  return { partisipasi: level === "tidak_ada" ? "tidak_pernah" : "tidak_lagi", jenjang: level };
}

function sectorFor(ctx: Ctx): string {
  const { rng, pov } = ctx;
  return rng.weighted({
    pertanian: 0.2 + 0.4 * pov,
    perikanan: coastalKecamatan.has(ctx.desa.kecamatanCode) ? 0.1 : 0.01,
    perdagangan: 0.15,
    industri: 0.08,
    konstruksi: 0.05 + 0.1 * pov,
    jasa: 0.06 + 0.2 * (1 - pov),
    lainnya: 0.05,
  });
}

function person(
  ctx: Ctx,
  sex: "L" | "P",
  age: number,
  hubungan: SeedMember["hubungan"],
  family: number,
  statusPerkawinan: SeedMember["statusPerkawinan"],
): SeedMember {
  const { rng } = ctx;
  const birthDay = birthDayForAge(ctx, age);
  const nik = ctx.ids.nik(ctx.desa.kecamatanCode, birthDay, sex);
  const school = schooling(ctx, age);
  const working =
    age >= 15 &&
    school.partisipasi !== "masih_sekolah" &&
    rng.chance(hubungan === "kepala" ? (age < 65 ? 0.92 : 0.5) : age >= 65 ? 0.25 : sex === "L" ? 0.75 : 0.45);
  const disability = rng.next();
  const pDis = 0.012 + Math.max(0, age - 50) * 0.0012;
  const pregnant = sex === "P" && statusPerkawinan === "kawin" && age >= 17 && age <= 44 && rng.chance(age < 30 ? 0.08 : 0.04);
  return {
    nik,
    dukcapilNik: nik,
    noKk: "",
    family,
    isKkHead: false,
    nama: personName(rng, sex),
    hubungan,
    sex,
    birthDay,
    age: ageOn(birthDay, ctx.refDay),
    statusPerkawinan,
    hamil: pregnant,
    ...school,
    bekerja: working,
    lapanganUsaha: working ? sectorFor(ctx) : null,
    disabilitas: disability < pDis * 0.3 ? "berat" : disability < pDis ? "ringan" : "tidak",
    penyakitKronis: rng.chance(0.015 + Math.max(0, age - 35) * 0.005),
    status: "hidup",
    tanggalStatus: null,
    noReceipt: false,
  };
}

function members(ctx: Ctx): SeedMember[] {
  const { rng, pov } = ctx;
  const out: SeedMember[] = [];
  const headAge = Math.round(Math.min(88, Math.max(21, rng.normal(46 + 6 * pov, 13))));
  const headSex: "L" | "P" = rng.chance(headAge > 65 ? 0.3 : 0.13) ? "P" : "L";
  const married = headSex === "L" && rng.chance(headAge < 70 ? 0.92 : 0.6);
  const headMarital: SeedMember["statusPerkawinan"] =
    headSex === "L"
      ? married
        ? "kawin"
        : rng.weighted({ cerai_mati: 0.5, cerai_hidup: 0.3, belum_kawin: 0.2 })
      : rng.weighted({ cerai_mati: 0.65, cerai_hidup: 0.25, belum_kawin: 0.1 });
  out.push(person(ctx, headSex, headAge, "kepala", 0, headMarital));
  let motherAge = headSex === "P" ? headAge : -1;
  if (married) {
    motherAge = Math.max(18, headAge - rng.int(0, 8));
    out.push(person(ctx, "P", motherAge, "pasangan", 0, "kawin"));
  }
  // Children of the head (born when the mother was 19–42), fewer when richer.
  if (motherAge > 0 || headMarital !== "belum_kawin") {
    const refAge = motherAge > 0 ? motherAge : headAge - 3;
    const wanted = Math.max(0, Math.round(rng.normal(1.6 + 1.2 * pov, 1.1)));
    for (let i = 0; i < wanted && out.length < 7; i++) {
      const childAge = refAge - rng.int(19, 42);
      if (childAge < 0 || childAge > 32) continue;
      const sex = rng.chance(0.5) ? "L" : "P";
      out.push(person(ctx, sex, childAge, "anak", 0, childAge >= 22 && rng.chance(0.2) ? "kawin" : "belum_kawin"));
    }
  }
  // An elderly parent living in.
  if (headAge < 58 && out.length < 7 && rng.chance(0.08)) {
    const age = Math.min(95, headAge + rng.int(22, 34));
    out.push(person(ctx, rng.chance(0.7) ? "P" : "L", age, "orang_tua_mertua", 0, "cerai_mati"));
  }
  // A second family: a married child with spouse and young children, on their own KK.
  if (headAge >= 44 && out.length <= 5 && rng.chance(0.14)) {
    const age = Math.min(headAge - 19, rng.int(21, 36));
    const sex = rng.chance(0.5) ? "L" : "P";
    out.push(person(ctx, sex, age, "anak", 1, "kawin"));
    if (out.length < 8) out.push(person(ctx, sex === "L" ? "P" : "L", age + rng.int(-3, 4), "menantu", 1, "kawin"));
    const kids = rng.int(0, 2);
    for (let i = 0; i < kids && out.length < 8; i++) {
      const kidAge = rng.int(0, Math.max(0, Math.min(12, age - 20)));
      out.push(person(ctx, rng.chance(0.5) ? "L" : "P", kidAge, "cucu", 1, "belum_kawin"));
    }
  } else if (out.length < 8 && rng.chance(0.03)) {
    out.push(person(ctx, rng.chance(0.5) ? "L" : "P", rng.int(5, 70), "lainnya", 0, "belum_kawin"));
  }
  if (pov < 0.25 && out.length < 8 && rng.chance(0.06)) {
    out.push(person(ctx, "P", rng.int(20, 55), "pembantu", 0, rng.chance(0.5) ? "kawin" : "belum_kawin"));
  }
  return out;
}

type Weights = Record<string, number>;
const b = (ctx: Ctx, p: number) => ctx.rng.chance(Math.min(1, Math.max(0, p)));

function dwelling(ctx: Ctx, size: number): HouseholdRow {
  const { rng, pov } = ctx;
  const w = 1 - pov;
  const urban = ctx.desa.isKelurahan;
  const perPerson = Math.max(3, rng.normal(6 + 16 * w, 3 + 3 * w));
  const luasLantai = Math.max(12, Math.round(perPerson * size));
  const lantai = rng.weighted<string>({
    tanah: 0.28 * pov * pov,
    bambu: 0.03 * pov,
    kayu_kualitas_rendah: 0.04 * pov,
    semen_bata_merah: 0.1 + 0.3 * pov,
    ubin_tegel: 0.1,
    keramik: 0.12 + 0.65 * w,
    marmer_granit: 0.06 * w * w,
    parket_vinil: 0.01 * w,
    kayu_kualitas_tinggi: 0.01,
    lainnya: 0.005,
  } as Weights);
  const dinding = rng.weighted<string>({
    tembok: 0.3 + 0.65 * w,
    plesteran_anyaman_bambu: 0.1 * pov,
    kayu: 0.02 + 0.07 * pov,
    anyaman_bambu: 0.25 * pov,
    batang_kayu: 0.03 * pov,
    bambu: 0.08 * pov,
    lainnya: 0.005,
  } as Weights);
  const atap = rng.weighted<string>({
    genteng: 0.72,
    seng: 0.06 + 0.06 * pov,
    asbes: 0.08,
    beton: 0.06 * w * w,
    kayu_sirap: 0.02,
    bambu: 0.025 * pov,
    jerami_ijuk_rumbia: 0.04 * pov * pov,
    lainnya: 0.005,
  } as Weights);
  const air = rng.weighted<string>({
    leding: 0.08 + 0.1 * w + (urban ? 0.25 : 0),
    sumur_bor_pompa: 0.18 + 0.2 * w,
    sumur_terlindung: 0.25,
    sumur_tak_terlindung: 0.15 * pov,
    mata_air_terlindung: 0.09,
    mata_air_tak_terlindung: 0.08 * pov,
    air_permukaan: 0.03 * pov,
    air_hujan: 0.01 * pov,
    air_isi_ulang: 0.06 + 0.15 * w,
    air_kemasan: 0.05 * w * w,
    lainnya: 0.005,
  } as Weights);
  const penerangan = rng.weighted<string>({
    listrik_pln_meteran: 0.7 + 0.29 * w,
    listrik_pln_tanpa_meteran: 0.16 * pov,
    listrik_non_pln: 0.02 * pov,
    bukan_listrik: 0.04 * pov * pov,
  } as Weights);
  const daya =
    penerangan === "listrik_pln_meteran"
      ? Number(rng.weighted<string>({ "450": 0.6 * pov, "900": 0.45, "1300": 0.05 + 0.35 * w, "2200": 0.18 * w * w, "3500": 0.06 * w ** 3 } as Weights))
      : null;
  const masak = rng.weighted<string>({
    gas_3kg: 0.55,
    kayu_bakar: 0.38 * pov,
    gas_5_5kg_lebih: 0.18 * w * w,
    listrik: 0.03 * w,
    minyak_tanah: 0.015,
    arang: 0.02 * pov,
    briket: 0.005,
    gas_kota_biogas: 0.01,
    tidak_memasak: 0.008,
  } as Weights);
  const bab = rng.weighted<string>({ sendiri: 0.5 + 0.48 * w, bersama: 0.02 + 0.15 * pov, umum: 0.08 * pov, tidak_ada: 0.16 * pov * pov } as Weights);
  const kloset =
    bab === "tidak_ada"
      ? rng.weighted<string>({ tidak_pakai: 0.8, cemplung: 0.2 } as Weights)
      : rng.weighted<string>({ leher_angsa: 0.6 + 0.38 * w, plengsengan: 0.1 * pov, cemplung: 0.2 * pov } as Weights);
  const tinja =
    bab === "tidak_ada"
      ? rng.weighted<string>({ pantai_kebun: 0.5, kolam_sawah_sungai: 0.5 } as Weights)
      : rng.weighted<string>({
          tangki_septik: 0.4 + 0.55 * w,
          ipal: 0.01,
          kolam_sawah_sungai: 0.2 * pov,
          lubang_tanah: 0.25 * pov,
          pantai_kebun: 0.05 * pov,
          lainnya: 0.02,
        } as Weights);
  const coastal = coastalKecamatan.has(ctx.desa.kecamatanCode);
  const rural = !urban;
  const assets: Record<(typeof assetColumns)[number], boolean> = {
    aset_tabung_gas_5_5kg: masak === "gas_5_5kg_lebih" || b(ctx, 0.02 + 0.1 * w * w),
    aset_lemari_es: b(ctx, 0.15 + 0.75 * w),
    aset_ac: b(ctx, 0.005 + 0.25 * w ** 3),
    aset_pemanas_air: b(ctx, 0.003 + 0.12 * w ** 3),
    aset_telepon_rumah: b(ctx, 0.005 + 0.06 * w * w),
    aset_televisi: b(ctx, 0.6 + 0.38 * w),
    aset_emas_10g: b(ctx, 0.03 + 0.3 * w * w),
    aset_komputer: b(ctx, 0.01 + 0.4 * w * w),
    aset_smartphone: b(ctx, 0.5 + 0.48 * w),
    aset_sepeda: b(ctx, 0.3),
    aset_sepeda_motor: b(ctx, 0.5 + 0.48 * w),
    aset_mobil: b(ctx, 0.004 + 0.4 * w ** 3),
    aset_perahu: coastal && b(ctx, 0.03),
    aset_perahu_motor: coastal && b(ctx, 0.015 + 0.02 * w),
    aset_lahan: b(ctx, (rural ? 0.3 : 0.1) + 0.4 * w),
    aset_rumah_lain: b(ctx, 0.01 + 0.15 * w * w),
  };
  const livestock: Record<(typeof livestockColumns)[number], number> = {
    jumlah_sapi: rural && b(ctx, 0.18 + 0.1 * w) ? rng.int(1, 3 + Math.round(4 * w)) : 0,
    jumlah_kerbau: rural && b(ctx, 0.015) ? rng.int(1, 2) : 0,
    jumlah_kuda: b(ctx, 0.004) ? 1 : 0,
    jumlah_babi: b(ctx, 0.001) ? rng.int(1, 4) : 0,
    jumlah_kambing_domba: rural && b(ctx, 0.2) ? rng.int(1, 6) : 0,
  };
  const survey = rng.chance(0.6);
  const income = rng.chance(0.7) ? Math.round(Math.exp(rng.normal(Math.log(450_000 + 4_500_000 * w ** 1.5), 0.45)) / 10_000) * 10_000 : null;
  return {
    status_kesejahteraan: null,
    status_bangunan: rng.weighted<string>({ milik_sendiri: 0.8, bebas_sewa: 0.05 + 0.08 * pov, kontrak_sewa: urban ? 0.15 : 0.04, dinas: 0.005, lainnya: 0.02 } as Weights),
    status_lahan: rng.weighted<string>({ milik_sendiri: 0.72 + 0.1 * w, milik_orang_lain: 0.18, tanah_negara: 0.03 * pov, lainnya: 0.03 } as Weights),
    luas_lantai: luasLantai,
    lantai,
    dinding,
    kondisi_dinding: b(ctx, 0.04 + 0.45 * pov * pov) ? "jelek" : "bagus",
    atap,
    kondisi_atap: b(ctx, 0.04 + 0.4 * pov * pov) ? "jelek" : "bagus",
    jumlah_kamar: Math.max(1, Math.min(8, Math.round(luasLantai / 18))),
    sumber_air_minum: air,
    sumber_penerangan: penerangan,
    daya_listrik: daya,
    bahan_bakar_memasak: masak,
    fasilitas_bab: bab,
    jenis_kloset: kloset,
    pembuangan_tinja: tinja,
    ...assets,
    luas_lahan: assets.aset_lahan ? Math.round(Math.exp(rng.normal(Math.log(800 + 6000 * w), 0.7)) / 10) * 10 : null,
    ...livestock,
    makan_per_hari: survey ? (b(ctx, 0.25 * pov) ? 2 : 3) : null,
    daging_per_minggu: survey ? Math.max(0, Math.round(rng.normal(0.5 + 2.5 * w, 0.8))) : null,
    pakaian_baru_per_tahun: survey ? Math.max(0, Math.round(rng.normal(0.6 + 2.5 * w, 0.8))) : null,
    mampu_berobat: survey ? b(ctx, 0.35 + 0.63 * w) : null,
    punya_aset_500rb: survey ? b(ctx, 0.4 + 0.58 * w) : null,
    pendapatan_krt: income,
  };
}

export interface HouseholdInput {
  rng: Random;
  ids: IdAllocator;
  desa: SeedDesa;
  idRt: string;
  desil: number;
  refDay: number;
  location: [number, number];
}

export function generateHousehold(input: HouseholdInput): SeedHousehold {
  const { rng, desa, desil } = input;
  const pov = Math.min(1, Math.max(0, 1 - (desil - 1) / 9 + rng.normal(0, 0.08)));
  const ctx: Ctx = { rng, refDay: input.refDay, pov, desa, ids: input.ids };
  const people = members(ctx);
  // Families: KK issued when the family head formed it (≥ 2000, after age 17).
  const families: string[] = [];
  for (const fam of [0, 1]) {
    const famMembers = people.filter((m) => m.family === fam);
    if (famMembers.length === 0) continue;
    const head = famMembers[0];
    head.isKkHead = true;
    const earliest = Math.max(Date.UTC(2000, 0, 1) / 86_400_000, head.birthDay + Math.ceil(17 * YEAR));
    const latest = Date.UTC(2025, 11, 31) / 86_400_000;
    const issue = Math.floor(earliest >= latest ? latest : rng.float(earliest, latest));
    const noKk = input.ids.noKk(desa.kecamatanCode, issue);
    families[fam] = noKk;
    for (const m of famMembers) m.noKk = noKk;
  }
  const rw = rng.int(1, 8);
  const row: HouseholdRow = {
    id_rt: input.idRt,
    kode_desa: desa.code,
    alamat: `Dusun ${rng.pick(dusunNames)}`,
    rt: String(rng.int(1, 6) + (rw - 1) * 4).padStart(3, "0"),
    rw: String(rw).padStart(3, "0"),
    lintang: input.location[1],
    bujur: input.location[0],
    desil,
    ...dwelling(ctx, people.length),
  };
  return { idRt: input.idRt, desa, desil, row, members: people, families };
}

export const isoDate = dayToIso;
