/**
 * The registration form (pendaftaran, Perwali Mojokerto Ps 6–7) as one zod schema shared by the
 * browser (conform validates as the officer types) and the server (the authority). Field names
 * follow formats.md `rumah_tangga` and `anggota`; empty means unknown (null), never zero or "no".
 * Client-safe: no server imports.
 */
import { z } from "zod";
import { nikProblemLabels, parseNik, provinceCodes } from "../../analytics/nik";
import * as codes from "../codes";

/** Yes/no/unknown: the form sends "ya"/"tidak"/"", API callers send true/false/null. */
export const triBool = z.preprocess(
  (v) => (v === "ya" || v === true ? true : v === "tidak" || v === false ? false : v === "" || v === undefined || v === null ? null : v),
  z.boolean({ error: "pilih ya atau tidak" }).nullable(),
);
const optEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(values, { error: `pilih salah satu: ${values.join(", ")}` }).nullable());
const optInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number({ error: "harus angka" }).int("harus bilangan bulat").min(min, `paling kecil ${min}`).max(max, `paling besar ${max}`).nullable(),
  );
const optNum = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number({ error: "harus angka" }).min(min, `paling kecil ${min}`).max(max, `paling besar ${max}`).nullable(),
  );
const optText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v ?? null), z.string().trim().max(max, `paling banyak ${max} huruf`).nullable());
const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal harus TTTT-BB-HH")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "tanggal tidak ada");
const optDate = z.preprocess((v) => (v === "" || v === undefined ? null : v), dateString.nullable());

/** Household characteristics compared with DTKS (Ps 9 ayat 4): what can shift the welfare rank. */
export const characteristicFields = [
  "status_bangunan",
  "status_lahan",
  "luas_lantai",
  "lantai",
  "dinding",
  "kondisi_dinding",
  "atap",
  "kondisi_atap",
  "jumlah_kamar",
  "sumber_air_minum",
  "sumber_penerangan",
  "daya_listrik",
  "bahan_bakar_memasak",
  "fasilitas_bab",
  "jenis_kloset",
  "pembuangan_tinja",
  ...codes.assetColumns,
  "luas_lahan",
  ...codes.livestockColumns,
  "makan_per_hari",
  "daging_per_minggu",
  "pakaian_baru_per_tahun",
  "mampu_berobat",
  "punya_aset_500rb",
  "pendapatan_krt",
] as const;
export type CharacteristicField = (typeof characteristicFields)[number];

/** Member fields compared with the DTKS member of the same NIK. */
export const memberCharacteristicFields = [
  "hubungan_krt",
  "status_perkawinan",
  "hamil",
  "partisipasi_sekolah",
  "jenjang_pendidikan",
  "status_bekerja",
  "lapangan_usaha",
  "disabilitas",
  "penyakit_kronis",
] as const;

const assetShape = Object.fromEntries(codes.assetColumns.map((c) => [c, triBool])) as Record<(typeof codes.assetColumns)[number], typeof triBool>;
const livestockShape = Object.fromEntries(codes.livestockColumns.map((c) => [c, optInt(0, 10_000)])) as Record<
  (typeof codes.livestockColumns)[number],
  ReturnType<typeof optInt>
>;

export const HouseholdFieldsSchema = z.object({
  alamat: optText(200),
  rt: optText(10),
  rw: optText(10),
  lintang: optNum(-11, 6),
  bujur: optNum(95, 141),
  status_bangunan: optEnum(codes.buildingTenures),
  status_lahan: optEnum(codes.landTenures),
  luas_lantai: optNum(1, 5000),
  lantai: optEnum(codes.floorMaterials),
  dinding: optEnum(codes.wallMaterials),
  kondisi_dinding: optEnum(codes.conditions),
  atap: optEnum(codes.roofMaterials),
  kondisi_atap: optEnum(codes.conditions),
  jumlah_kamar: optInt(0, 50),
  sumber_air_minum: optEnum(codes.waterSources),
  sumber_penerangan: optEnum(codes.lightingSources),
  daya_listrik: optInt(0, 100_000),
  bahan_bakar_memasak: optEnum(codes.cookingFuels),
  fasilitas_bab: optEnum(codes.toiletFacilities),
  jenis_kloset: optEnum(codes.toiletTypes),
  pembuangan_tinja: optEnum(codes.sewageDisposals),
  ...assetShape,
  luas_lahan: optNum(0, 10_000_000),
  ...livestockShape,
  makan_per_hari: optInt(0, 10),
  daging_per_minggu: optInt(0, 21),
  pakaian_baru_per_tahun: optInt(0, 50),
  mampu_berobat: triBool,
  punya_aset_500rb: triBool,
  pendapatan_krt: optInt(0, 1_000_000_000),
});

const nikField = z
  .string({ error: "wajib diisi" })
  .trim()
  .superRefine((v, ctx) => {
    const r = parseNik(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: nikProblemLabels[r.problem] });
  });
const noKkField = z
  .string({ error: "wajib diisi" })
  .trim()
  .regex(/^[0-9]{16}$/, "No. KK harus 16 angka")
  .refine((v) => provinceCodes.has(v.slice(0, 2)), "kode provinsi pada No. KK tidak dikenal")
  .refine((v) => !/^[0-9]{12}0000$/.test(v), "nomor urut No. KK 0000");

export const MemberSchema = z
  .object({
    nik: nikField,
    no_kk: noKkField,
    nama: z.string({ error: "wajib diisi" }).trim().min(2, "nama terlalu pendek").max(120, "nama terlalu panjang"),
    hubungan_krt: optEnum(codes.relationsToHead),
    jenis_kelamin: optEnum(codes.sexes),
    tanggal_lahir: optDate,
    status_perkawinan: optEnum(codes.maritalStatuses),
    hamil: triBool,
    partisipasi_sekolah: optEnum(codes.schoolParticipations),
    jenjang_pendidikan: optEnum(codes.educationLevels),
    status_bekerja: optEnum(codes.workStatuses),
    lapangan_usaha: optEnum(codes.sectors),
    disabilitas: optEnum(codes.disabilityLevels),
    penyakit_kronis: triBool,
  })
  .superRefine((m, ctx) => {
    const parsed = parseNik(m.nik);
    if (!parsed.ok) return;
    if (m.jenis_kelamin && m.jenis_kelamin !== parsed.nik.sex) {
      ctx.addIssue({ code: "custom", path: ["jenis_kelamin"], message: `tidak sesuai NIK (NIK menunjukkan ${parsed.nik.sex})` });
    }
    if (m.tanggal_lahir) {
      const [, mm, dd] = m.tanggal_lahir.split("-").map(Number);
      if (dd !== parsed.nik.birthDay || mm !== parsed.nik.birthMonth || m.tanggal_lahir.slice(2, 4) !== m.nik.slice(10, 12)) {
        ctx.addIssue({ code: "custom", path: ["tanggal_lahir"], message: "tidak sesuai tanggal lahir pada NIK" });
      }
    }
    if (m.hamil === true && m.jenis_kelamin === "L") ctx.addIssue({ code: "custom", path: ["hamil"], message: "laki-laki tidak dapat hamil" });
  });
export type MemberInput = z.infer<typeof MemberSchema>;

export const registrationChannels = ["aktif", "pasif"] as const;

export const RegistrationSchema = z
  .object({
    channel: z.enum(registrationChannels, { error: "pilih aktif atau pasif" }),
    kode_desa: z.preprocess(
      (v) => (typeof v === "string" ? v.replace(/\./g, "").trim() : v),
      z.string({ error: "pilih desa" }).regex(/^[0-9]{10}$/, "kode desa harus 10 angka"),
    ),
    registering_officer: z.string({ error: "wajib diisi" }).trim().min(2, "nama petugas terlalu pendek").max(120),
    sktm_ref: optText(120),
    rt_report: optText(2000),
    household: HouseholdFieldsSchema,
    members: z.array(MemberSchema, { error: "isi minimal satu anggota" }).min(1, "isi minimal satu anggota").max(30, "paling banyak 30 anggota"),
  })
  .superRefine((r, ctx) => {
    if (r.channel === "pasif" && (!r.rt_report || r.rt_report.length < 5)) {
      ctx.addIssue({ code: "custom", path: ["rt_report"], message: "pendaftaran pasif wajib menyertakan isi laporan ketua RT" });
    }
    const heads = r.members.filter((m) => m.hubungan_krt === "kepala").length;
    if (heads !== 1) {
      ctx.addIssue({ code: "custom", path: ["members"], message: heads === 0 ? "tandai satu anggota sebagai kepala rumah tangga" : "hanya boleh satu kepala rumah tangga" });
    }
    const seen = new Map<string, number>();
    r.members.forEach((m, i) => {
      const first = seen.get(m.nik);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["members", i, "nik"], message: `NIK sama dengan anggota ke-${first + 1}` });
      else seen.set(m.nik, i);
    });
  });

export type RegistrationInput = z.infer<typeof RegistrationSchema>;
export type HouseholdFields = z.infer<typeof HouseholdFieldsSchema>;

/** Override of the initial assessment: the reason is mandatory (audited, shown on the page). */
export const OverrideSchema = z.object({
  eligible: triBool.refine((v) => v !== null, "pilih layak atau tidak layak"),
  reason: z.string({ error: "alasan wajib diisi" }).trim().min(10, "tuliskan alasan minimal 10 huruf").max(1000),
});

export const visitResults = ["valid", "tidak_valid", "perlu_perubahan"] as const;

/** Facts a status move may carry (analytics/verval/workflow `requires`), validated before checkTransition. */
export const TransitionFactsSchema = z.object({
  visitResult: z.preprocess((v) => (v === "" ? undefined : v), z.enum(visitResults, { error: "hasil kunjungan tidak dikenal" }).optional()),
  meetingDate: z.preprocess(
    (v) => (v === "" ? undefined : v),
    // A deliberation that has not happened yet cannot approve (one day of slack for time zones).
    dateString.refine((d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), "tanggal musdes/muskel belum terjadi").optional(),
  ),
  minutesRef: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(3, "nomor berita acara terlalu pendek").max(120).optional()),
  decreeNumber: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(3, "nomor SK terlalu pendek").max(120).optional()),
  reason: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(5, "alasan terlalu pendek").max(1000).optional()),
  /** Set by the visit helper: which visit/task produced the result (kept in the event). */
  visitId: z.coerce.number().int().positive().optional(),
  taskId: z.coerce.number().int().positive().optional(),
});
export type TransitionFacts = z.input<typeof TransitionFactsSchema>;
