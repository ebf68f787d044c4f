/**
 * The seed generator: writes the formats.md import files for a synthetic Kabupaten Lumajang
 * (wilayah.geojson, program.csv, rumah_tangga.csv, anggota.csv, penduduk.csv, penerima.csv)
 * plus planted.csv, the ground truth of the errors planted on purpose. Household by household
 * and streaming, so 300,000 households (≈1M people) need no more memory than 2,000.
 * Deterministic: the same (households, seed, boundaries) give byte-identical files.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { booleanPointInPolygon } from "@turf/turf";
import { defaultPrograms } from "../analytics/eligibility/rule";
import { assetColumns, findingKinds, livestockColumns } from "../db/codes";
import { CsvWriter, type CsvCell } from "./csv";
import { evaluate, isActive, pipEligiblePerson, pkhComponent, rtlhCriteria, type HouseholdEligibility } from "./eligibility";
import { generateHousehold, type SeedHousehold, type SeedMember } from "./household";
import { dayToIso, IdAllocator, isoToDay } from "./ids";
import { personName, spellingVariant, unrelatedName } from "./names";
import { makeSlot, plantedColumns, plantTargets, slotDue, type PlantedRecord, type PlantSlot } from "./plant";
import { Random } from "./random";
import { desaFromBoundaryFile, loadLumajangNames, syntheticDesa, wilayahGeoJson, type SeedDesa } from "./regions";

/** Bump when the generator's output changes for the same parameters. */
export const SEED_VERSION = 4;
export const SEED_PERIODE = "2026-S1";
/** First day of the period: ages and Dukcapil statuses are taken on it (domain.md section 8). */
const REF_DAY = isoToDay("2026-01-01");
const PERIOD_END_DAY = isoToDay("2026-06-30");

export interface GenerateOptions {
  households: number;
  seed: number | string;
  outDir: string;
  /** A desa GeoJSON with real boundaries (properties code/kode, name/nama). */
  boundaries?: string;
  onProgress?: (p: { households: number; total: number }) => void;
}

export interface GenerateResult {
  outDir: string;
  /** Import files in load order, then planted.csv. */
  files: { kind: string; path: string; sha256: string; rows: number }[];
  plantedCount: number;
  plantedByKind: Record<string, number>;
  counts: { desa: number; households: number; members: number; families: number; penduduk: number; penerima: number };
  /** sha256 over the files' hashes: equal for equal content. */
  hash: string;
}

export const rumahTanggaColumns = [
  "id_rt", "kode_desa", "alamat", "rt", "rw", "lintang", "bujur", "desil", "status_kesejahteraan",
  "status_bangunan", "status_lahan", "luas_lantai", "lantai", "dinding", "kondisi_dinding", "atap",
  "kondisi_atap", "jumlah_kamar", "sumber_air_minum", "sumber_penerangan", "daya_listrik",
  "bahan_bakar_memasak", "fasilitas_bab", "jenis_kloset", "pembuangan_tinja", ...assetColumns, "luas_lahan",
  ...livestockColumns, "makan_per_hari", "daging_per_minggu", "pakaian_baru_per_tahun", "mampu_berobat",
  "punya_aset_500rb", "pendapatan_krt",
] as const;
export const anggotaColumns = [
  "id_rt", "nik", "no_kk", "nama", "hubungan_krt", "jenis_kelamin", "tanggal_lahir", "status_perkawinan", "hamil",
  "partisipasi_sekolah", "jenjang_pendidikan", "status_bekerja", "lapangan_usaha", "disabilitas", "penyakit_kronis",
] as const;
export const pendudukColumns = ["nik", "no_kk", "nama", "jenis_kelamin", "tanggal_lahir", "kode_desa", "status", "tanggal_status"] as const;
export const penerimaColumns = ["program", "periode", "tahap", "nik", "no_kk", "id_rt", "nama", "kode_desa", "nilai"] as const;
export const programColumns = ["kode", "nama", "unit", "sumber_dana", "tidak_boleh_bersama"] as const;

const programUnit = new Map(defaultPrograms.map((p) => [p.kode, p.unit]));

/** One penerima row, with the member/family it names so plants can find it. */
interface RecipientRow {
  program: string;
  nik: string | null;
  noKk: string | null;
  idRt: string | null;
  nama: string;
  kodeDesa: string;
  nilai: number;
  member: number | null;
  family: number | null;
}

// ---------------------------------------------------------------------------------------------
// Desa: household counts, desil mix and settlement points.

/** Kecamatan in the hills (Semeru/Tengger slopes, south coast) are poorer; the town is richer. */
const kecamatanPovertyShift: Record<string, number> = {
  "350801": 0.35, "350802": 0.4, "350803": 0.25, "350811": 0.3, "350812": 0.3, "350813": 0.45,
  "350818": 0.25, "350819": 0.2, "350820": 0.35, "350810": -0.6, "350815": -0.2, "350809": -0.1,
};
const baseDesilWeights = [0.2, 0.17, 0.14, 0.12, 0.1, 0.08, 0.06, 0.05, 0.04, 0.04];

interface DesaPlan {
  desa: SeedDesa;
  households: number;
  desilWeights: number[];
  settlements: { center: [number, number]; sigma: number }[];
}

function randomPointIn(rng: Random, d: SeedDesa): [number, number] {
  const [x0, y0, x1, y1] = d.bbox;
  for (let i = 0; i < 100_000; i++) {
    const p: [number, number] = [round6(rng.float(x0, x1)), round6(rng.float(y0, y1))];
    if (booleanPointInPolygon(p, d.geometry)) return p;
  }
  throw new Error(`desa ${d.code}: no point found inside its polygon`);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function planDesa(rng: Random, desa: SeedDesa[], total: number): DesaPlan[] {
  const weights = desa.map((d) => Math.exp(rng.normal(0, 0.45)) * (d.isKelurahan ? 2.2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  // Largest-remainder allocation: counts add up to `total` exactly.
  const raw = weights.map((w) => (w / sum) * total);
  const counts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const remainder = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < remainder; k++) counts[order[k % order.length][1]]++;
  return desa.map((d, i) => {
    const shift = (kecamatanPovertyShift[d.kecamatanCode] ?? 0) + rng.normal(0, 0.2) - (d.isKelurahan ? 0.3 : 0);
    const desilWeights = baseDesilWeights.map((w, k) => w * Math.exp((shift * (5.5 - (k + 1))) / 4.5));
    const spread = 0.22 * Math.sqrt((d.bbox[2] - d.bbox[0]) * (d.bbox[3] - d.bbox[1]));
    const settlements = Array.from({ length: rng.int(1, 4) }, () => ({ center: randomPointIn(rng, d), sigma: spread * rng.float(0.4, 1) }));
    return { desa: d, households: counts[i], desilWeights, settlements };
  });
}

/** A household location: clustered around a settlement, always inside the desa polygon. */
function householdLocation(rng: Random, plan: DesaPlan): [number, number] {
  for (let i = 0; i < 30; i++) {
    const s = rng.pick(plan.settlements);
    const p: [number, number] = [round6(rng.normal(s.center[0], s.sigma)), round6(rng.normal(s.center[1], s.sigma))];
    if (booleanPointInPolygon(p, plan.desa.geometry)) return p;
  }
  return randomPointIn(rng, plan.desa);
}

// ---------------------------------------------------------------------------------------------
// Background program receipt: mostly the eligible, with realistic targeting errors.

const programValue = (program: string, m?: SeedMember): number => {
  switch (program) {
    case "PKH":
      return 1_500_000;
    case "BPNT":
      return 1_200_000;
    case "PBI_JKN":
      return 252_000;
    case "PIP":
      return m?.jenjang === "smp" ? 750_000 : m?.jenjang === "sma" || m?.jenjang === "d1_d3" || m?.jenjang === "d4_s1" ? 1_800_000 : 450_000;
    case "RTLH":
      return 20_000_000;
    default:
      return 1_800_000;
  }
};

function byDesil(desil: number, table: [number, number][]): number {
  for (const [maxDesil, p] of table) if (desil <= maxDesil) return p;
  return 0;
}

/** Can be named on a recipient list: alive on the reference date and a clean NIK. */
const receivable = (m: SeedMember) => !m.noReceipt && isActive(m, REF_DAY);

function backgroundRecipients(rng: Random, h: SeedHousehold, e: HouseholdEligibility, recipientName: (m: SeedMember) => string): RecipientRow[] {
  const rows: RecipientRow[] = [];
  const d = h.desil;
  const famHead = (f: number) => h.members.findIndex((m) => m.family === f && m.isKkHead);
  const addFamily = (program: string, f: number) => {
    const head = h.members[famHead(f)];
    rows.push({ program, nik: head.nik, noKk: h.families[f], idRt: h.idRt, nama: recipientName(head), kodeDesa: h.desa.code, nilai: programValue(program), member: famHead(f), family: f });
  };
  const addPerson = (program: string, i: number) => {
    const m = h.members[i];
    rows.push({ program, nik: m.nik, noKk: m.noKk, idRt: h.idRt, nama: recipientName(m), kodeDesa: h.desa.code, nilai: programValue(program, m), member: i, family: m.family });
  };
  h.families.forEach((_, f) => {
    const hasComponent = h.members.some((m) => m.family === f && isActive(m, REF_DAY) && pkhComponent(m));
    const pkh = e.pkh[f]
      ? rng.chance(0.72)
      : rng.chance(d <= 4 ? 0.04 : d <= 6 ? (hasComponent ? 0.1 : 0.02) : d <= 8 ? 0.02 : 0.003);
    if (pkh) addFamily("PKH", f);
    const bpnt = e.bpnt[f] ? rng.chance(pkh ? 0.9 : 0.72) : rng.chance(byDesil(d, [[6, 0.14], [8, 0.03], [10, 0.003]]));
    if (bpnt) addFamily("BPNT", f);
    // BLT Dana Desa never goes to a PKH family here (the mutual exclusion is planted only).
    if (!pkh && rng.chance(byDesil(d, [[1, 0.55], [2, 0.4], [4, 0.22], [6, 0.05], [10, 0.008]]))) addFamily("BLT_DD", f);
  });
  const pbiHousehold = rng.chance(byDesil(d, [[5, 0.85], [6, 0.25], [8, 0.06], [10, 0.01]]));
  h.members.forEach((m, i) => {
    if (!receivable(m)) return;
    if (pbiHousehold && rng.chance(0.96)) addPerson("PBI_JKN", i);
    if (pipEligiblePerson(m) && rng.chance(e.pip[i] ? 0.62 : byDesil(d, [[6, 0.12], [10, 0.02]]))) addPerson("PIP", i);
  });
  const rtlhCount = rtlhCriteria(h);
  if (rng.chance(e.rtlh ? 0.2 : d <= 5 && rtlhCount === 1 ? 0.02 : 0.002)) {
    const head = h.members[0];
    rows.push({ program: "RTLH", nik: head.nik, noKk: head.noKk, idRt: h.idRt, nama: recipientName(head), kodeDesa: h.desa.code, nilai: programValue("RTLH"), member: 0, family: 0 });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Planting.

interface PlantContext {
  rng: Random;
  ids: IdAllocator;
  h: SeedHousehold;
  e: HouseholdEligibility;
  rows: RecipientRow[];
  /** Earlier households' people that may be copied into this one (duplicate_nik). */
  reservoir: { member: SeedMember; idRt: string }[];
  invalidNiks: Set<string>;
  invalidCount: number;
  /** People not in DTKS that the plant adds to penduduk (not_in_dtks). */
  extraPenduduk: SeedMember[];
  recipientName: (m: SeedMember) => string;
}

type Plant = (c: PlantContext, program: string | null) => PlantedRecord[] | null;

const rec = (
  c: PlantContext,
  jenis: PlantedRecord["jenis"],
  program: string | null,
  keys: { nik?: string | null; noKk?: string | null; idRt?: string | null },
  note: string,
): PlantedRecord => ({
  jenis,
  program,
  periode: program ? SEED_PERIODE : null,
  nik: keys.nik ?? null,
  no_kk: keys.noKk ?? null,
  id_rt: keys.idRt === undefined ? c.h.idRt : keys.idRt,
  kode_desa: c.h.desa.code,
  note,
});

const unitOf = (program: string) => programUnit.get(program) ?? "individu";

/** Desil-1 household meeting the rule, left off the list on purpose. */
const plantExclusion: Plant = (c, program) => {
  const { h, e, rows } = c;
  if (!program || h.desil !== 1) return null;
  const removeWhere = (pred: (r: RecipientRow) => boolean) => {
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i].program === program && pred(rows[i])) rows.splice(i, 1);
  };
  const unit = unitOf(program);
  if (unit === "keluarga") {
    const f = h.families.findIndex((_, f) => {
      if (program === "PKH") return e.pkh[f];
      if (program === "BLT_DD") return e.bltDd[f] && !rows.some((r) => r.program === "PKH" && r.family === f);
      return e.bpnt[f];
    });
    if (f < 0) return null;
    removeWhere((r) => r.family === f);
    const head = h.members.find((m) => m.family === f && m.isKkHead);
    return [rec(c, "exclusion", program, { nik: head?.nik, noKk: h.families[f] }, `desil 1 memenuhi syarat ${program}, tidak menerima`)];
  }
  if (unit === "rumah_tangga") {
    if (!(e.rtlh && rtlhCriteria(h) >= 3)) return null;
    removeWhere(() => true);
    return [rec(c, "exclusion", program, { nik: h.members[0].nik, noKk: h.families[0] }, "desil 1, rumah tidak layak huni (≥3 kriteria), tidak menerima RTLH")];
  }
  const eligible = program === "PIP" ? e.pip : e.pbi;
  const i = h.members.findIndex((m, i) => eligible[i] && receivable(m) && (program !== "PIP" || (m.age >= 7 && m.age <= 18)));
  if (i < 0) return null;
  const m = h.members[i];
  removeWhere((r) => r.nik === m.nik);
  return [rec(c, "exclusion", program, { nik: m.nik, noKk: m.noKk }, `desil 1 memenuhi syarat ${program}, tidak menerima`)];
};

/** Desil 9–10 household with a car, AC or computer, given the program on purpose. */
const plantInclusion: Plant = (c, program) => {
  const { h, rows } = c;
  if (!program || h.desil < 9 || !(h.row.aset_mobil || h.row.aset_ac || h.row.aset_komputer)) return null;
  if (rows.some((r) => r.program === program)) return null;
  // Keep conflicting_programs exhaustive: no PKH + BLT_DD pair may arise here.
  if ((program === "PKH" && rows.some((r) => r.program === "BLT_DD" && r.family === 0)) || (program === "BLT_DD" && rows.some((r) => r.program === "PKH" && r.family === 0))) return null;
  const unit = unitOf(program);
  const asset = h.row.aset_mobil ? "memiliki mobil" : h.row.aset_ac ? "memiliki AC" : "memiliki komputer";
  if (unit === "individu") {
    const i = h.members.findIndex((m) => receivable(m) && (program !== "PIP" || pipEligiblePerson(m)));
    if (i < 0) return null;
    const m = h.members[i];
    rows.push({ program, nik: m.nik, noKk: m.noKk, idRt: h.idRt, nama: c.recipientName(m), kodeDesa: h.desa.code, nilai: programValue(program, m), member: i, family: m.family });
    return [rec(c, "inclusion", program, { nik: m.nik, noKk: m.noKk }, `desil ${h.desil}, ${asset}, menerima ${program}`)];
  }
  const head = h.members[0];
  rows.push({ program, nik: head.nik, noKk: h.families[0], idRt: h.idRt, nama: c.recipientName(head), kodeDesa: h.desa.code, nilai: programValue(program), member: 0, family: 0 });
  return [rec(c, "inclusion", program, { nik: head.nik, noKk: h.families[0] }, `desil ${h.desil}, ${asset}, menerima ${program}`)];
};

/** A person known to Dukcapil but in no DTKS household, on PBI-JKN or BPNT. */
const plantNotInDtks: Plant = (c) => {
  const { rng, h } = c;
  const sex = rng.chance(0.5) ? "L" : "P";
  const birthDay = REF_DAY - Math.floor(rng.float(25, 60) * 365.25);
  const nik = c.ids.nik(h.desa.kecamatanCode, birthDay, sex);
  const noKk = c.ids.noKk(h.desa.kecamatanCode, REF_DAY - rng.int(400, 5000));
  const person: SeedMember = {
    ...h.members[0],
    nik,
    dukcapilNik: nik,
    noKk,
    nama: personName(rng, sex),
    sex,
    birthDay,
    status: "hidup",
    tanggalStatus: null,
  };
  c.extraPenduduk.push(person);
  const program = rng.chance(0.5) ? "BPNT" : "PBI_JKN";
  c.rows.push({ program, nik, noKk, idRt: null, nama: c.recipientName(person), kodeDesa: h.desa.code, nilai: programValue(program), member: null, family: null });
  return [rec(c, "not_in_dtks", program, { nik, noKk, idRt: null }, `${program === "BPNT" ? "No. KK" : "NIK"} penerima tidak ada di DTKS`)];
};

/** A PBI-JKN recipient whom Dukcapil records as deceased/moved during the period. */
const statusPlant =
  (status: "meninggal" | "pindah"): Plant =>
  (c) => {
    const { rng, h, rows } = c;
    if (h.desil > 5) return null;
    const i = h.members.findIndex((m) => !m.isKkHead && receivable(m) && m.status === "hidup");
    if (i < 0) return null;
    const m = h.members[i];
    m.status = status;
    m.tanggalStatus = REF_DAY + rng.int(10, PERIOD_END_DAY - REF_DAY - 10);
    if (!rows.some((r) => r.program === "PBI_JKN" && r.nik === m.nik)) {
      rows.push({ program: "PBI_JKN", nik: m.nik, noKk: m.noKk, idRt: h.idRt, nama: c.recipientName(m), kodeDesa: h.desa.code, nilai: programValue("PBI_JKN"), member: i, family: m.family });
    }
    const jenis = status === "meninggal" ? "deceased" : "moved";
    const what = status === "meninggal" ? "meninggal" : "pindah";
    return rows
      .filter((r) => r.nik === m.nik)
      .map((r) => rec(c, jenis, r.program, { nik: m.nik, noKk: m.noKk }, `${what} ${dayToIso(m.tanggalStatus!)} menurut Dukcapil`));
  };

/** Someone from an earlier household listed again in this one (same NIK, this household's KK). */
const plantDuplicateNik: Plant = (c) => {
  const { rng, h } = c;
  if (h.members.length >= 8) return null;
  const candidates = c.reservoir.filter((r) => r.idRt !== h.idRt);
  if (candidates.length === 0) return null;
  const pick = rng.pick(candidates);
  c.reservoir.splice(c.reservoir.indexOf(pick), 1);
  const copy: SeedMember = { ...pick.member, noKk: h.families[0], family: 0, isKkHead: false, hubungan: "lainnya", noReceipt: true, duplicateOf: pick.idRt };
  h.members.push(copy);
  return [rec(c, "duplicate_nik", null, { nik: copy.nik, noKk: copy.noKk }, `NIK juga tercatat di rumah tangga ${pick.idRt}`)];
};

const badProvinces = ["00", "39", "99", "10", "20", "45"];

/** A member whose DTKS NIK is mistyped: unknown province, impossible date, or serial 0000. */
const plantInvalidNik: Plant = (c) => {
  const { rng, h, rows } = c;
  const i = h.members.findIndex((m) => !m.isKkHead && !m.noReceipt && m.status === "hidup");
  if (i < 0) return null;
  const m = h.members[i];
  const variant = c.invalidCount % 3;
  let nik = "";
  for (let tries = 0; tries < 50 && (!nik || c.invalidNiks.has(nik)); tries++) {
    if (variant === 0) nik = rng.pick(badProvinces) + m.nik.slice(2);
    else if (variant === 1) nik = m.nik.slice(0, 6) + (m.sex === "P" ? rng.pick(["72", "00"]) : rng.pick(["32", "00"])) + m.nik.slice(8);
    else nik = m.nik.slice(0, 12) + "0000";
  }
  if (c.invalidNiks.has(nik)) return null;
  c.invalidNiks.add(nik);
  c.invalidCount++;
  for (let r = rows.length - 1; r >= 0; r--) if (rows[r].nik === m.nik) rows.splice(r, 1);
  m.nik = nik;
  m.noReceipt = true;
  const why = ["kode provinsi tidak dikenal", "tanggal lahir tidak valid", "nomor urut 0000"][variant];
  return [rec(c, "invalid_nik", null, { nik, noKk: m.noKk }, `NIK DTKS ${why} (Dukcapil: ${m.dukcapilNik})`)];
};

/** A unit listed twice for the same program and period. */
const plantDoubleReceipt: Plant = (c) => {
  const { rng, rows } = c;
  if (rows.length === 0) return null;
  // Pick the program first, so double receipts are not nearly all PBI-JKN (the longest list).
  const program = rng.pick([...new Set(rows.map((r) => r.program))].sort());
  const row = rng.pick(rows.filter((r) => r.program === program));
  rows.push({ ...row });
  return [rec(c, "double_receipt", row.program, { nik: row.nik, noKk: row.noKk, idRt: row.idRt }, `tercantum dua kali dalam daftar ${row.program}`)];
};

/** A PKH family also given BLT Dana Desa (mutually exclusive). */
const plantConflict: Plant = (c) => {
  const { h, rows } = c;
  if (h.desil > 4) return null;
  const pkh = rows.find((r) => r.program === "PKH" && r.family !== null && !rows.some((o) => o.program === "BLT_DD" && o.family === r.family));
  if (!pkh) return null;
  rows.push({ ...pkh, program: "BLT_DD", nilai: programValue("BLT_DD") });
  return [rec(c, "conflicting_programs", "BLT_DD", { nik: pkh.nik, noKk: pkh.noKk }, "menerima PKH dan BLT_DD pada periode yang sama")];
};

/** A recipient row whose name is someone else's (not a spelling variant). */
const plantNameMismatch: Plant = (c) => {
  const { rng, h, rows } = c;
  const candidates = rows.filter((r) => r.member !== null);
  if (candidates.length === 0) return null;
  const row = rng.pick(candidates);
  const m = h.members[row.member!];
  row.nama = unrelatedName(rng, m.nama, m.sex).toUpperCase();
  return [rec(c, "name_mismatch", row.program, { nik: row.nik, noKk: row.noKk, idRt: row.idRt }, `nama penerima "${row.nama}", Dukcapil "${m.nama}"`)];
};

const plants: Record<string, Plant> = {
  exclusion: plantExclusion,
  inclusion: plantInclusion,
  not_in_dtks: plantNotInDtks,
  deceased: statusPlant("meninggal"),
  moved: statusPlant("pindah"),
  duplicate_nik: plantDuplicateNik,
  invalid_nik: plantInvalidNik,
  double_receipt: plantDoubleReceipt,
  conflicting_programs: plantConflict,
  name_mismatch: plantNameMismatch,
};

function makeSlots(rng: Random, households: number): PlantSlot[] {
  const t = plantTargets(households);
  const slots: PlantSlot[] = [];
  for (const kind of findingKinds) {
    if (kind === "exclusion" || kind === "inclusion") {
      for (const p of defaultPrograms) slots.push(makeSlot(rng, kind, p.kode, t.perProgram, households));
    } else {
      slots.push(makeSlot(rng, kind, null, kind === "invalid_nik" ? t.invalidNik : t.perKind, households));
    }
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Rows.

const memberRow = (h: SeedHousehold, m: SeedMember): Record<string, CsvCell> => ({
  id_rt: h.idRt,
  nik: m.nik,
  no_kk: m.noKk,
  nama: m.nama,
  hubungan_krt: m.hubungan,
  jenis_kelamin: m.sex,
  tanggal_lahir: dayToIso(m.birthDay),
  status_perkawinan: m.statusPerkawinan,
  hamil: m.sex === "P" ? m.hamil : null,
  partisipasi_sekolah: m.partisipasi,
  jenjang_pendidikan: m.jenjang,
  status_bekerja: m.age >= 10 ? (m.bekerja ? "bekerja" : "tidak_bekerja") : null,
  lapangan_usaha: m.lapanganUsaha,
  disabilitas: m.disabilitas,
  penyakit_kronis: m.penyakitKronis,
});

const pendudukRow = (m: SeedMember, kodeDesa: string): Record<string, CsvCell> => ({
  nik: m.dukcapilNik,
  no_kk: m.noKk,
  nama: m.nama,
  jenis_kelamin: m.sex,
  tanggal_lahir: dayToIso(m.birthDay),
  kode_desa: kodeDesa,
  status: m.status,
  tanggal_status: m.tanggalStatus === null ? null : dayToIso(m.tanggalStatus),
});

/** Background Dukcapil events: ~1% deceased and ~1% moved, before the period (not family heads). */
function backgroundStatuses(rng: Random, h: SeedHousehold): void {
  for (const m of h.members) {
    if (m.isKkHead) continue;
    const r = rng.next();
    const pDead = m.age >= 60 ? 0.08 : 0.007;
    if (r < pDead) m.status = "meninggal";
    else if (r < pDead + (m.age >= 18 && m.age <= 40 ? 0.03 : 0.006)) m.status = "pindah";
    else continue;
    m.tanggalStatus = REF_DAY - rng.int(20, 6 * 365);
  }
}

// ---------------------------------------------------------------------------------------------

export async function generateSeed(opts: GenerateOptions): Promise<GenerateResult> {
  if (!Number.isInteger(opts.households) || opts.households < 1) throw new Error(`households must be a positive integer: ${opts.households}`);
  const names = await loadLumajangNames();
  const desa = opts.boundaries ? await desaFromBoundaryFile(opts.boundaries, names) : syntheticDesa(names, opts.seed);
  await mkdir(opts.outDir, { recursive: true });

  const rngLayout = new Random(opts.seed, "layout");
  const rngH = new Random(opts.seed, "households");
  const rngP = new Random(opts.seed, "programs");
  const rngX = new Random(opts.seed, "planted");
  const plans = planDesa(rngLayout, desa, opts.households);
  const ids = new IdAllocator([...new Set(desa.map((d) => d.kecamatanCode))].sort());
  const slots = makeSlots(rngX, opts.households);

  const wilayahPath = join(opts.outDir, "wilayah.geojson");
  const wilayah = wilayahGeoJson(desa);
  await writeFile(wilayahPath, wilayah);
  const programPath = join(opts.outDir, "program.csv");
  const programCsv = new CsvWriter(programPath, programColumns);
  for (const p of defaultPrograms) {
    programCsv.row({ kode: p.kode, nama: p.nama, unit: p.unit, sumber_dana: p.sumberDana, tidak_boleh_bersama: p.tidakBolehBersama.join("|") });
  }
  const rt = new CsvWriter(join(opts.outDir, "rumah_tangga.csv"), rumahTanggaColumns);
  const ang = new CsvWriter(join(opts.outDir, "anggota.csv"), anggotaColumns);
  const pend = new CsvWriter(join(opts.outDir, "penduduk.csv"), pendudukColumns);
  const pen = new CsvWriter(join(opts.outDir, "penerima.csv"), penerimaColumns);
  const planted = new CsvWriter(join(opts.outDir, "planted.csv"), plantedColumns);

  const recipientName = (m: SeedMember) => (rngP.chance(0.03) ? spellingVariant(rngP, m.nama) : m.nama).toUpperCase();
  const reservoir: PlantContext["reservoir"] = [];
  const invalidNiks = new Set<string>();
  let invalidCount = 0;
  let index = 0;
  let families = 0;
  const plantedByKind: Record<string, number> = Object.fromEntries(findingKinds.map((k) => [k, 0]));

  for (const plan of plans) {
    for (let seq = 1; seq <= plan.households; seq++, index++) {
      const location = householdLocation(rngH, plan);
      const desil = rngH.weightedIndex(plan.desilWeights) + 1;
      const idRt = `RT-${plan.desa.code}-${String(seq).padStart(5, "0")}`;
      const h = generateHousehold({ rng: rngH, ids, desa: plan.desa, idRt, desil, refDay: REF_DAY, location });
      backgroundStatuses(rngH, h);
      const e = evaluate(h, REF_DAY);
      const rows = backgroundRecipients(rngP, h, e, recipientName);

      // At most one plant per household, so planted errors never overlap.
      const ctx: PlantContext = { rng: rngX, ids, h, e, rows, reservoir, invalidNiks, invalidCount, extraPenduduk: [], recipientName };
      let records: PlantedRecord[] | null = null;
      for (const slot of slots) {
        if (!slotDue(slot, index)) continue;
        records = plants[slot.kind](ctx, slot.program);
        if (records) {
          slot.done++;
          break;
        }
      }
      invalidCount = ctx.invalidCount;
      if (records) {
        for (const r of records) {
          planted.row({ ...r });
          plantedByKind[r.jenis]++;
        }
      } else if (rngX.chance(0.3)) {
        // Unplanted households feed the duplicate_nik reservoir (last 64 candidates).
        const m = h.members.find((x) => !x.isKkHead && x.status === "hidup" && !x.noReceipt);
        if (m) {
          reservoir.push({ member: { ...m }, idRt: h.idRt });
          if (reservoir.length > 64) reservoir.shift();
        }
      }

      rt.row(h.row);
      families += h.families.length;
      for (const m of h.members) {
        ang.row(memberRow(h, m));
        // A duplicate copy is the same person: Dukcapil holds one record.
        if (m.duplicateOf === undefined) pend.row(pendudukRow(m, h.desa.code));
      }
      for (const p of ctx.extraPenduduk) pend.row(pendudukRow(p, h.desa.code));
      for (const r of rows) {
        pen.row({ program: r.program, periode: SEED_PERIODE, tahap: "realisasi", nik: r.nik, no_kk: r.noKk, id_rt: r.idRt, nama: r.nama, kode_desa: r.kodeDesa, nilai: r.nilai });
      }
      await Promise.all([rt.flushIfFull(), ang.flushIfFull(), pend.flushIfFull(), pen.flushIfFull(), planted.flushIfFull()]);
      if (opts.onProgress && (index + 1) % 5000 === 0) opts.onProgress({ households: index + 1, total: opts.households });
    }
  }
  const missing = slots.filter((s) => s.done < s.positions.length);
  if (missing.length) {
    // Too few qualifying households (tiny seeds): say so rather than silently plant fewer.
    const list = missing.map((s) => `${s.kind}${s.program ? `/${s.program}` : ""} ${s.done}/${s.positions.length}`).join(", ");
    process.stderr.write(`seed: not every planned error could be planted: ${list}\n`);
  }

  const wilayahHash = createHash("sha256").update(wilayah).digest("hex");
  const files = [
    { kind: "wilayah", path: wilayahPath, sha256: wilayahHash, rows: desa.length },
    { kind: "program", path: programPath, sha256: await programCsv.close(), rows: programCsv.rows },
    { kind: "rumah_tangga", path: rt.path, sha256: await rt.close(), rows: rt.rows },
    { kind: "anggota", path: ang.path, sha256: await ang.close(), rows: ang.rows },
    { kind: "penduduk", path: pend.path, sha256: await pend.close(), rows: pend.rows },
    { kind: "penerima", path: pen.path, sha256: await pen.close(), rows: pen.rows },
    { kind: "planted", path: planted.path, sha256: await planted.close(), rows: planted.rows },
  ];
  const hash = createHash("sha256")
    .update(files.map((f) => `${f.kind} ${f.sha256}\n`).join(""))
    .digest("hex");
  return {
    outDir: opts.outDir,
    files,
    plantedCount: planted.rows,
    plantedByKind,
    counts: { desa: desa.length, households: rt.rows, members: ang.rows, families, penduduk: pend.rows, penerima: pen.rows },
    hash,
  };
}
