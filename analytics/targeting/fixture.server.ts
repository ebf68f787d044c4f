/**
 * A small hand-computed fixture for the findings and coverage tests (period 2026-S1). Every
 * finding the engine should report on it is listed in `expectedFindings`, worked out by hand
 * from domain.md sections 5, 6 and 8; the comments say why each one is there.
 */
import type pg from "pg";
import { makeNik } from "../nik";
import { defaultPrograms } from "../eligibility/rule";

const A = "3508012001"; // desa A, kecamatan 350801
const B = "3508012002"; // desa B, kecamatan 350801
const C = "3508022001"; // desa C, kecamatan 350802

export const nik = {
  budi: makeNik("350801", "1980-05-01", "L", 1),
  siti: makeNik("350801", "1985-07-12", "P", 2),
  andi: makeNik("350801", "2020-03-10", "L", 3),
  sarmi: makeNik("350801", "1950-02-02", "P", 4),
  hendra: makeNik("350801", "1975-09-09", "L", 5),
  karto: makeNik("350801", "1970-04-04", "L", 6),
  rina: makeNik("350801", "2010-02-01", "P", 7),
  paijo: makeNik("350802", "1960-01-15", "L", 8),
  tumini: makeNik("350802", "1962-06-06", "P", 9),
  joko: makeNik("350802", "1990-10-10", "L", 10),
  /** Serial 0000: an invalid NIK in DTKS. */
  dewi: makeNik("350802", "1996-03-03", "P", 1).slice(0, 12) + "0000",
  /** A recipient NIK of 10 digits: invalid and not in DTKS. */
  short: "3508011234",
};
export const kk = {
  kk1: "3508010000000001",
  kk2: "3508010000000002",
  kk3: "3508010000000003",
  kk4: "3508010000000004",
  kk5: "3508020000000005",
  kk6: "3508020000000006",
  unknown: "3508019999999999",
};

export async function loadFixture(client: pg.Pool | pg.PoolClient): Promise<void> {
  await client.query(`INSERT INTO regions (code, level, name, parent_code) VALUES
    ('35','provinsi','Jawa Timur',NULL), ('3508','kabupaten','Lumajang','35'),
    ('350801','kecamatan','Satu','3508'), ('350802','kecamatan','Dua','3508'),
    ($1,'desa','Desa A','350801'), ($2,'desa','Desa B','350801'), ($3,'desa','Desa C','350802')`, [A, B, C]);
  const good = { dinding: "tembok", lantai: "keramik", atap: "genteng", fasilitas_bab: "sendiri", luas_lantai: 60 };
  const households = [
    { id_rt: "H1", kode_desa: A, desil: 2, ...good },
    { id_rt: "H2", kode_desa: A, desil: 3, ...good },
    { id_rt: "H3", kode_desa: B, desil: 8, ...good },
    // Fragile wall and earth floor: two RTLH criteria.
    { id_rt: "H4", kode_desa: B, desil: 4, ...good, dinding: "bambu", lantai: "tanah", luas_lantai: 40 },
    { id_rt: "H5", kode_desa: C, desil: 1, ...good },
    { id_rt: "H6", kode_desa: C, desil: 2, ...good },
  ];
  for (const h of households) {
    await client.query(
      `INSERT INTO households (id_rt, kode_desa, desil, dinding, lantai, atap, fasilitas_bab, luas_lantai)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [h.id_rt, h.kode_desa, h.desil, h.dinding, h.lantai, h.atap, h.fasilitas_bab, h.luas_lantai],
    );
  }
  const members: Array<[string, string, string, string, string, string, string, string | null]> = [
    // id_rt, nik, no_kk, nama, hubungan, sex, birth, partisipasi_sekolah
    ["H1", nik.budi, kk.kk1, "Budi Santoso", "kepala", "L", "1980-05-01", null],
    ["H1", nik.siti, kk.kk1, "Siti Aisyah", "pasangan", "P", "1985-07-12", null],
    ["H1", nik.andi, kk.kk1, "Andi", "anak", "L", "2020-03-10", "tidak_pernah"], // 5 on 2026-01-01
    ["H2", nik.sarmi, kk.kk2, "Sarmi", "kepala", "P", "1950-02-02", null], // died 2025-12-01
    ["H3", nik.hendra, kk.kk3, "Hendra", "kepala", "L", "1975-09-09", null],
    ["H4", nik.karto, kk.kk4, "Karto Suwiryo", "kepala", "L", "1970-04-04", null],
    ["H4", nik.rina, kk.kk4, "Rina", "anak", "P", "2010-02-01", "masih_sekolah"], // 15, in school
    ["H5", nik.paijo, kk.kk5, "Paidjo", "kepala", "L", "1960-01-15", null], // 65
    ["H5", nik.tumini, kk.kk5, "Tumini", "pasangan", "P", "1962-06-06", null],
    ["H6", nik.joko, kk.kk6, "Joko", "kepala", "L", "1990-10-10", null],
    ["H6", nik.siti, kk.kk6, "Siti Aisyah", "lainnya", "P", "1985-07-12", null], // same NIK as in H1
    ["H6", nik.dewi, kk.kk6, "Dewi", "pasangan", "P", "1996-03-03", null],
  ];
  for (const [id_rt, n, k, nama, rel, sex, birth, school] of members) {
    await client.query(
      `INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, jenis_kelamin, tanggal_lahir, partisipasi_sekolah)
       SELECT $1, $2, $3, $4, kode_desa, $5, $6, $7, $8 FROM households WHERE id_rt = $1`,
      [id_rt, n, k, nama, rel, sex, birth, school],
    );
  }
  const population: Array<[string, string, string, string | null]> = [
    [nik.budi, "Budi Santoso", "meninggal", "2026-08-01"], // after the period: no finding
    [nik.siti, "Siti Aisyah", "hidup", null],
    [nik.sarmi, "Sarmi", "meninggal", "2025-12-01"],
    [nik.karto, "Karto Suwiryo", "hidup", null],
    [nik.paijo, "Paidjo", "meninggal", "2026-02-11"],
    [nik.tumini, "Tumini", "pindah", "2026-03-01"],
  ];
  for (const [n, nama, status, tanggal] of population) {
    await client.query(
      `INSERT INTO population (nik, nama, status, tanggal_status, kode_desa) VALUES ($1, $2, $3, $4, $5)`,
      [n, nama, status, tanggal, n.startsWith("350802") ? C : A],
    );
  }
  for (const p of defaultPrograms) {
    await client.query(
      `INSERT INTO programs (kode, nama, unit, sumber_dana, tidak_boleh_bersama, rule) VALUES ($1,$2,$3,$4,$5,$6)`,
      [p.kode, p.nama, p.unit, p.sumberDana, p.tidakBolehBersama, JSON.stringify(p.rule)],
    );
  }
  const recipients: Array<[string, string, number, Partial<Record<"nik" | "no_kk" | "id_rt" | "nama" | "kode_desa", string>>]> = [
    ["PKH", kk.kk1, 1, { no_kk: kk.kk1, nik: nik.budi, kode_desa: A }],
    ["PKH", kk.kk1, 2, { no_kk: kk.kk1, nik: nik.budi, kode_desa: A }],
    ["PKH", kk.kk3, 1, { no_kk: kk.kk3, kode_desa: B }],
    ["PKH", kk.unknown, 1, { no_kk: kk.unknown, kode_desa: A }],
    ["BPNT", kk.kk1, 1, { no_kk: kk.kk1 }],
    ["BPNT", kk.kk4, 1, { no_kk: kk.kk4 }],
    ["BPNT", kk.kk5, 1, { no_kk: kk.kk5 }],
    ["BLT_DD", kk.kk1, 1, { no_kk: kk.kk1 }],
    ["PBI_JKN", nik.paijo, 1, { nik: nik.paijo, nama: "Paijo" }],
    ["PBI_JKN", nik.budi, 1, { nik: nik.budi, nama: "BUDI SANTOSO" }],
    ["PBI_JKN", nik.siti, 1, { nik: nik.siti, nama: "Siti Aminah" }],
    ["PBI_JKN", nik.karto, 1, { nik: nik.karto, nama: "Karto Soewirjo" }],
    ["PBI_JKN", nik.tumini, 1, { nik: nik.tumini }],
    ["PBI_JKN", nik.short, 1, { nik: nik.short, nama: "Entah", kode_desa: B }],
    ["PIP", nik.andi, 1, { nik: nik.andi, nama: "Andi" }],
    ["RTLH", "H4", 1, { id_rt: "H4" }],
  ];
  for (const [program, unitKey, occurrence, r] of recipients) {
    await client.query(
      `INSERT INTO recipients (program, periode, tahap, unit_key, occurrence, nik, no_kk, id_rt, nama, kode_desa)
       VALUES ($1, '2026-S1', 'realisasi', $2, $3, $4, $5, $6, $7, $8)`,
      [program, unitKey, occurrence, r.nik ?? null, r.no_kk ?? null, r.id_rt ?? null, r.nama ?? null, r.kode_desa ?? null],
    );
  }
  // A proposal-stage listing must not count for realisasi analyses.
  await client.query(
    `INSERT INTO recipients (program, periode, tahap, unit_key, no_kk) VALUES ('PKH', '2026-S1', 'usulan', $1, $2)`,
    [kk.kk4, kk.kk4],
  );
}

/** `program:jenis:unit key` of every finding expected on the fixture for 2026-S1. */
export const expectedFindings: string[] = [
  // PKH (keluarga; components: under-6 Andi in KK1, Rina 15 in school in KK4, Paijo 65 in KK5;
  // Sarmi of KK2 died before the period; KK6 has no component).
  `PKH:exclusion:${kk.kk4}`,
  `PKH:exclusion:${kk.kk5}`,
  `PKH:inclusion:${kk.kk3}`, // desil 8
  `PKH:double_receipt:${kk.kk1}`,
  `PKH:not_in_dtks:${kk.unknown}`,
  // BPNT (desil ≤ 4: KK1, KK4, KK5, KK6).
  `BPNT:exclusion:${kk.kk6}`,
  // BLT_DD (desil ≤ 4 and not on PKH: KK4, KK5, KK6); KK1 gets both.
  `BLT_DD:exclusion:${kk.kk4}`,
  `BLT_DD:exclusion:${kk.kk5}`,
  `BLT_DD:exclusion:${kk.kk6}`,
  `BLT_DD:inclusion:${kk.kk1}`,
  `BLT_DD:conflicting_programs:${kk.kk1}`,
  // PBI_JKN (desil ≤ 5: every living member but Hendra).
  `PBI_JKN:exclusion:${nik.andi}`,
  `PBI_JKN:exclusion:${nik.rina}`,
  `PBI_JKN:exclusion:${nik.joko}`,
  `PBI_JKN:exclusion:${nik.dewi}`,
  `PBI_JKN:deceased:${nik.paijo}`, // 2026-02-11, within the period
  `PBI_JKN:moved:${nik.tumini}`,
  `PBI_JKN:name_mismatch:${nik.siti}`, // Siti Aminah vs Siti Aisyah; Soewirjo/Suwiryo is a variant
  `PBI_JKN:invalid_nik:${nik.short}`,
  `PBI_JKN:not_in_dtks:${nik.short}`,
  // PIP (6–21 in school, desil ≤ 4: Rina).
  `PIP:exclusion:${nik.rina}`,
  `PIP:inclusion:${nik.andi}`, // 5 years old
  // RTLH: H4 is the only desil ≤ 5 RTLH house and receives: nothing to report.
  // DTKS data quality (no program): one finding per listing.
  `-:duplicate_nik:${nik.siti}@H1`,
  `-:duplicate_nik:${nik.siti}@H6`,
  `-:invalid_nik:${nik.dewi}@H6`,
];

export const fixtureDesa = { A, B, C };
