/**
 * A hand-built region for the ranking and decree tests: two desa, seven DTKS households and two
 * applications, with the flags each instrument indicator reads written out so scores can be
 * computed by hand (see the comments beside each household).
 */
import type pg from "pg";
import type { Instrument } from "../../analytics/verval/ranking";

/** tanpa_listrik 0.4, tanpa_jamban_sendiri 0.3, disabilitas (any member) 0.2, lansia (any member) 0.1 */
export const fixtureInstrument: Instrument = {
  version: 1,
  name: "TKPK uji",
  weights: { tanpa_listrik_pct: 0.4, tanpa_jamban_sendiri_pct: 0.3, disabilitas_pct: 0.2, lansia_pct: 0.1 },
};

export async function loadRankingFixture(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO regions (code, level, name, geom) VALUES
    ('3508', 'kabupaten', 'Lumajang', NULL), ('350801', 'kecamatan', 'Kec Satu', NULL), ('350802', 'kecamatan', 'Kec Dua', NULL),
    ('3508012001', 'desa', 'Desa A', ST_Multi(ST_MakeEnvelope(113.0, -8.2, 113.1, -8.1, 4326))),
    ('3508012002', 'desa', 'Desa B', ST_Multi(ST_MakeEnvelope(113.1, -8.2, 113.2, -8.1, 4326))),
    ('3508022001', 'desa', 'Desa C', ST_Multi(ST_MakeEnvelope(113.2, -8.2, 113.3, -8.1, 4326)))`);
  // score = 0.4·tanpa_listrik + 0.3·tanpa_jamban + 0.2·disabilitas + 0.1·lansia
  await pool.query(`INSERT INTO households (id_rt, kode_desa, alamat, desil, sumber_penerangan, fasilitas_bab, luas_lantai, location) VALUES
    ('RT01', '3508012001', 'Krajan 1', 1, 'listrik_pln_meteran', 'sendiri', 36, ST_SetSRID(ST_MakePoint(113.05, -8.15), 4326)), -- 0
    ('RT02', '3508012001', 'Krajan 2', 2, 'bukan_listrik', 'sendiri', 20, NULL),      -- 0.4 + lansia 0.1 = 0.5, 2 jiwa
    ('RT03', '3508012001', 'Krajan 3', 2, 'listrik_pln_meteran', 'tidak_ada', 30, NULL),  -- 0.3 + disabilitas 0.2 = 0.5, 3 jiwa
    ('RT04', '3508012002', 'Sumber 1', 2, 'listrik_pln_meteran', 'umum', 30, NULL),   -- 0.3 + 0.2 = 0.5, 3 jiwa (tie with RT03)
    ('RT05', '3508012002', 'Sumber 2', 2, NULL, 'sendiri', 30, NULL),                 -- unknown listrik: 0, lansia 0.1 = 0.1
    ('RT06', '3508022001', 'Kidul 1', NULL, 'bukan_listrik', 'tidak_ada', 30, NULL),   -- no desil: 0.7, last among DTKS
    ('RT07', '3508022001', 'Kidul 2', 3, 'bukan_listrik', 'tidak_ada', 30, NULL)      -- all members deceased: not ranked
  `);
  await pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, tanggal_lahir, disabilitas) VALUES
    ('RT01', '3508010101800001', '3508010101000001', 'Ahmad Satu', '3508012001', 'kepala', '1980-01-01', 'tidak'),
    ('RT02', '3508010101500002', '3508010101000002', 'Sarmi Dua', '3508012001', 'kepala', '1950-01-01', 'tidak'),
    ('RT02', '3508010101000003', '3508010101000002', 'Anak Dua', '3508012001', 'anak', '2000-01-01', 'tidak'),
    ('RT03', '3508010101800004', '3508010101000003', 'Budi Tiga', '3508012001', 'kepala', '1980-01-01', 'berat'),
    ('RT03', '3508010101800005', '3508010101000003', 'Sri Tiga', '3508012001', 'pasangan', '1981-01-01', 'tidak'),
    ('RT03', '3508010101100006', '3508010101000003', 'Adi Tiga', '3508012001', 'anak', '2011-01-01', 'tidak'),
    ('RT04', '3508010101800007', '3508010101000004', 'Cahyo Empat', '3508012002', 'kepala', '1980-01-01', 'ringan'),
    ('RT04', '3508010101800008', '3508010101000004', 'Dewi Empat', '3508012002', 'pasangan', '1982-01-01', 'tidak'),
    ('RT04', '3508010101100009', '3508010101000004', 'Eka Empat', '3508012002', 'anak', '2012-01-01', 'tidak'),
    ('RT05', '3508010101400010', '3508010101000005', 'Mbah Lima', '3508012002', 'kepala', '1940-01-01', NULL),
    ('RT06', '3508020101800011', '3508020101000006', 'Fajar Enam', '3508022001', 'kepala', '1980-01-01', 'tidak'),
    ('RT07', '3508020101800012', '3508020101000007', 'Gatot Tujuh', '3508022001', 'kepala', '1960-01-01', 'tidak')`);
  await pool.query(`INSERT INTO population (nik, status, tanggal_status) VALUES ('3508020101800012', 'meninggal', '2025-06-01')`);
  // Applications: a new household proposed to the kabupaten (ranked after DTKS), one approved in
  // musdes but not yet proposed and a draft (neither ranked nor decreed).
  await pool.query(`INSERT INTO applications (channel, kode_desa, match, nik_kepala, no_kk, nama_kepala, alamat, household, members, registering_officer, status)
    VALUES
    ('aktif', '3508012001', 'baru', '3508010101900013', '3508010101000013', 'Hana Baru', 'Krajan 9',
      '{"sumber_penerangan":"bukan_listrik","fasilitas_bab":"bersama","luas_lantai":12}',
      '[{"nik":"3508010101900013","no_kk":"3508010101000013","nama":"Hana Baru","hubungan_krt":"kepala","tanggal_lahir":"1990-01-01","disabilitas":"tidak"}]',
      'petugas uji', 'proposed'),
    ('aktif', '3508012002', 'baru', '3508010101900015', '3508010101000015', 'Joko Musdes', 'Sumber 9',
      '{"sumber_penerangan":"bukan_listrik"}',
      '[{"nik":"3508010101900015","no_kk":"3508010101000015","nama":"Joko Musdes","hubungan_krt":"kepala","tanggal_lahir":"1990-01-01"}]',
      'petugas uji', 'approved'),
    ('aktif', '3508012001', 'baru', '3508010101900014', '3508010101000014', 'Indra Draf', 'Krajan 10',
      '{"sumber_penerangan":"bukan_listrik"}',
      '[{"nik":"3508010101900014","no_kk":"3508010101000014","nama":"Indra Draf","hubungan_krt":"kepala","tanggal_lahir":"1990-01-01"}]',
      'petugas uji', 'draft')`);
}
