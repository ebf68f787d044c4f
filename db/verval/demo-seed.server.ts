/**
 * A small deterministic set of registrations for the demo, in every status, going through the
 * same module API as the pages (createApplication, overrideAssessment, transitionApplication), so
 * each has its identification, events, audit entries and verification tasks. Half are in the
 * demo desa operator's desa (the first desa of the first kecamatan), the rest in that kecamatan's
 * other desa. Runs once: does nothing when applications already exist.
 */
import type pg from "pg";
import { makeNik } from "../../analytics/nik";
import type { ApplicationStatus } from "../../analytics/verval/workflow";
import type { Account } from "../accounts/accounts.server";
import * as codes from "../codes";
import { createApplication, overrideAssessment, transitionApplication } from "./applications.server";
import { characteristicFields, memberCharacteristicFields } from "./registration-schema";

/** The demo's registering system account (audit entries read "demo-verval"). */
const demoAdmin: Account = { id: 0, username: "demo-verval", displayName: "Data demo verval", role: "admin", scopeCode: "" };

const firstNames = ["Sutrisno", "Wahyuni", "Supardi", "Sulastri", "Mujiono", "Sri Rahayu", "Bambang", "Suminah", "Hariyanto", "Tumini", "Slamet", "Painem"];
const lastNames = ["", "Wibowo", "Lestari", "Prasetyo", "Handayani", "Saputra", "Wulandari"];

/** The statuses to walk each application to, in turn. */
const targets: ApplicationStatus[] = ["draft", "submitted", "verified", "approved", "proposed", "decreed", "rejected", "submitted"];

/** Path from draft to each target, with the facts each move needs. */
function path(target: ApplicationStatus, i: number): [ApplicationStatus, Record<string, string>][] {
  // Meetings a few weeks back from today (a meeting date may not lie in the future).
  const meeting = new Date(Date.now() - (7 + ((i * 5) % 40)) * 86_400_000).toISOString().slice(0, 10);
  const steps: [ApplicationStatus, Record<string, string>][] = [
    ["submitted", {}],
    ["verified", { visitResult: i % 2 ? "perlu_perubahan" : "valid" }],
    ["approved", { meetingDate: meeting, minutesRef: `BA/${(i % 9) + 1}/MUSDES/2026` }],
    ["proposed", {}],
    ["decreed", { decreeNumber: `400/${100 + i}/427.12/2026` }],
  ];
  if (target === "draft") return [];
  if (target === "rejected") return [steps[0]!, ["rejected", { visitResult: "tidak_valid", reason: "Saat dikunjungi, rumah tangga sudah pindah ke luar desa" }]];
  const upto = steps.findIndex(([s]) => s === target);
  return steps.slice(0, upto + 1);
}

/** Registration input for a DTKS household with changed characteristics (Ps 9 ayat 4–5), or null when it cannot be one. */
async function listedInput(pool: pg.Pool, kodeDesa: string, offset: number, i: number): Promise<Record<string, unknown> | null> {
  const cols = characteristicFields.map((c) => `"${c}"`).join(", ");
  const { rows: hh } = await pool.query<Record<string, unknown> & { id_rt: string; alamat: string | null; rt: string | null; rw: string | null }>(
    `SELECT id_rt, alamat, rt, rw, ${cols} FROM households WHERE kode_desa = $1 ORDER BY id_rt OFFSET $2 LIMIT 1`,
    [kodeDesa, offset],
  );
  const h = hh[0];
  if (!h) return null;
  const { rows: members } = await pool.query(
    `SELECT nik, no_kk, nama, jenis_kelamin, to_char(tanggal_lahir, 'YYYY-MM-DD') AS tanggal_lahir, ${memberCharacteristicFields.map((c) => `"${c}"`).join(", ")}
       FROM members WHERE id_rt = $1 ORDER BY (hubungan_krt = 'kepala') DESC, nik`,
    [h.id_rt],
  );
  if (!members.length) return null;
  const { id_rt: _id, ...household } = h;
  // One or two characteristics changed since the DTKS record: the floor and, for some, the car.
  household.lantai = h.lantai === "tanah" ? "semen_bata_merah" : "tanah";
  if (i % 2) household.jumlah_kamar = Number(h.jumlah_kamar ?? 1) + 1;
  return {
    channel: i % 4 === 0 ? "pasif" : "aktif",
    kode_desa: kodeDesa,
    registering_officer: "Petugas SLRT Desa",
    sktm_ref: i % 3 === 0 ? `SKTM/${470 + i}/2026` : null,
    rt_report: i % 4 === 0 ? "Laporan Ketua RT: lantai rumah rusak setelah banjir, keluarga kehilangan pekerjaan." : null,
    household,
    members,
  };
}

async function unusedNik(pool: pg.Pool, kecamatan: string, birth: string, sex: "L" | "P", serial: number): Promise<string> {
  for (let s = serial; s < serial + 50; s++) {
    const nik = makeNik(kecamatan, birth, sex, s);
    const { rowCount } = await pool.query("SELECT 1 FROM members WHERE nik = $1 UNION ALL SELECT 1 FROM applications WHERE nik_kepala = $1", [nik]);
    if (!rowCount) return nik;
  }
  throw new Error("no unused demo NIK");
}

/** A new applicant (not in DTKS); every third one meets 3 conditions (not eligible). */
async function newInput(pool: pg.Pool, kodeDesa: string, i: number): Promise<Record<string, unknown>> {
  const kec = kodeDesa.slice(0, 6);
  const headSex = i % 2 ? "P" : "L";
  const headBirth = `19${70 + (i % 25)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`;
  const head = await unusedNik(pool, kec, headBirth, headSex, 9000 + i * 3);
  const kk = `${kec}${String(101 + i).padStart(6, "0")}${String(9000 + i).slice(-4)}`;
  const childBirth = `20${String(10 + (i % 10)).padStart(2, "0")}-06-15`;
  const child = await unusedNik(pool, kec, childBirth, "L", 9001 + i * 3);
  const name = `${firstNames[i % firstNames.length]} ${lastNames[i % lastNames.length]}`.trim();
  const notEligible = i % 3 === 2;
  return {
    channel: i % 4 === 1 ? "pasif" : "aktif",
    kode_desa: kodeDesa,
    registering_officer: "Petugas SLRT Desa",
    sktm_ref: i % 2 ? `SKTM/${500 + i}/2026` : null,
    rt_report: i % 4 === 1 ? "Laporan Ketua RT 03: keluarga menumpang di rumah kerabat, kepala keluarga buruh harian." : null,
    household: {
      alamat: `Dusun ${["Krajan", "Sumberan", "Karanganyar", "Gumuk"][i % 4]} RT ${String((i % 6) + 1).padStart(2, "0")}`,
      rt: String((i % 6) + 1).padStart(3, "0"),
      rw: String((i % 3) + 1).padStart(3, "0"),
      status_bangunan: notEligible || i % 2 ? "milik_sendiri" : "bebas_sewa",
      lantai: notEligible ? "keramik" : codes.floorMaterials[(i % 3) + 5],
      dinding: notEligible ? "tembok" : "anyaman_bambu",
      atap: notEligible ? "genteng" : "asbes",
      luas_lantai: 24 + (i % 5) * 6,
      jumlah_kamar: 1 + (i % 3),
      sumber_air_minum: "sumur_terlindung",
      sumber_penerangan: i % 5 ? "listrik_pln_meteran" : "listrik_pln_tanpa_meteran",
      daya_listrik: i % 5 ? 450 : null,
      bahan_bakar_memasak: i % 3 ? "gas_3kg" : "kayu_bakar",
      fasilitas_bab: i % 2 ? "sendiri" : "bersama",
      aset_mobil: false,
      aset_ac: false,
      aset_tabung_gas_5_5kg: notEligible,
      aset_televisi: true,
      aset_sepeda_motor: i % 2 === 0,
      aset_smartphone: true,
    },
    members: [
      { nik: head, no_kk: kk, nama: name, hubungan_krt: "kepala", jenis_kelamin: headSex, tanggal_lahir: headBirth, status_bekerja: "bekerja", lapangan_usaha: "pertanian" },
      { nik: child, no_kk: kk, nama: `${["Rizky", "Dimas", "Bagus", "Fajar"][i % 4]} ${lastNames[(i + 1) % lastNames.length] || "Pratama"}`, hubungan_krt: "anak", jenis_kelamin: "L", tanggal_lahir: childBirth, partisipasi_sekolah: "masih_sekolah", jenjang_pendidikan: "sd" },
    ],
  };
}

/**
 * Registers `n` demo applications (deterministic for the same database) and walks them to a
 * spread of statuses. Returns how many were created (0 when applications already exist or there
 * are no desa with households).
 */
export async function seedDemoApplications(pool: pg.Pool, n = 24): Promise<number> {
  const existing = await pool.query("SELECT 1 FROM applications LIMIT 1");
  if (existing.rowCount) return 0;
  const { rows: desa } = await pool.query<{ code: string }>(
    `SELECT d.code FROM regions d
      WHERE d.level = 'desa' AND left(d.code, 6) = (SELECT min(code) FROM regions WHERE level = 'kecamatan')
        AND EXISTS (SELECT 1 FROM households h WHERE h.kode_desa = d.code)
      ORDER BY d.code LIMIT 4`,
  );
  if (!desa.length) return 0;
  let created = 0;
  let listedOffset = 0;
  for (let i = 0; i < n; i++) {
    // Half in the demo desa operator's desa, the rest spread over the kecamatan.
    const kodeDesa = i % 2 === 0 || desa.length === 1 ? desa[0]!.code : desa[1 + ((i >> 1) % (desa.length - 1))]!.code;
    let input: Record<string, unknown> | null = null;
    if (i % 3 === 0) {
      // A listed household; skip the few whose seeded data would not pass the form (planted NIK errors).
      for (let tries = 0; tries < 5 && !input; tries++) {
        const candidate = await listedInput(pool, kodeDesa, listedOffset++ * 7, i);
        if (!candidate) break;
        const probe = await createApplication(pool, demoAdmin, candidate);
        if (probe.ok) {
          input = candidate;
          created++;
          await walk(pool, probe.id, probe.version, probe.passes, targets[i % targets.length]!, i);
        }
      }
      if (input) continue;
    }
    const fresh = await createApplication(pool, demoAdmin, await newInput(pool, kodeDesa, i));
    if (!fresh.ok) throw new Error(`demo application ${i}: ${JSON.stringify(fresh)}`);
    created++;
    let version = fresh.version;
    let passes = fresh.passes;
    // Every sixth not-eligible applicant is overridden by the officer, with the reason.
    if (!passes && i % 6 === 5) {
      const o = await overrideAssessment(pool, demoAdmin, fresh.id, { eligible: true, reason: "Rumah dan tabung gas milik orang tua yang sudah meninggal; penghasilan tidak tetap" }, version);
      if (o.ok) {
        version = o.version;
        passes = true;
      }
    }
    await walk(pool, fresh.id, version, passes, targets[i % targets.length]!, i);
  }
  return created;
}

async function walk(pool: pg.Pool, id: number, version: number, passes: boolean, target: ApplicationStatus, i: number): Promise<void> {
  if (!passes) return; // stays a draft: not passed on (Ps 9 ayat 6 and 8)
  let v = version;
  for (const [to, facts] of path(target, i)) {
    const r = await transitionApplication(pool, demoAdmin, id, to, facts, v);
    if (!r.ok) throw new Error(`demo application ${id} → ${to}: ${JSON.stringify(r)}`);
    v = r.version;
  }
}
