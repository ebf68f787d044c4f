/**
 * The member (anggota rumah tangga) fields an operator may add or change, as one zod schema shared
 * by the form (conform validates on the phone before sending) and the server (the authority).
 * Column names follow formats.md `anggota`. A field left empty is unknown (null), never a default.
 *
 * The schema is built per member: a NIK or No. KK that is already on record and not being changed
 * is accepted as it is (the DTKS holds some malformed ones; an operator fixing the education of such
 * a member must not be blocked), while a new or changed NIK must pass analytics/nik's structure
 * rules and agree with the sex and birth date given.
 */
import { z } from "zod";
import { nikProblemLabels, parseNik } from "../../analytics/nik";
import * as codes from "../codes";

/** Tri-state booleans in a form: ya / tidak / empty (unknown). */
export const yesNo = ["ya", "tidak"] as const;
export const exitKinds = ["meninggal", "pindah", "lainnya"] as const;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function validIsoDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
/** Today in WIB, so a birth or death "today" in Lumajang is not "in the future" at 06:00 WIB. */
export function todayWib(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const m = {
  required: "wajib diisi",
  digits16: "harus 16 angka",
  date: "tanggal tidak valid (format TTTT-BB-HH)",
  future: "tidak boleh setelah hari ini",
  tooOld: "tidak boleh sebelum 1900",
  choose: "pilih salah satu nilai yang tersedia",
};

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: m.choose }).optional();

const dateField = z
  .string()
  .trim()
  .refine(validIsoDate, m.date)
  .refine((v) => v >= "1900-01-01", m.tooOld)
  .refine((v) => v <= todayWib(), m.future);

export interface MemberSchemaContext {
  /** The member's NIK / No. KK on record (edit); absent when adding. */
  currentNik?: string;
  currentNoKk?: string;
}

function memberObject() {
  return z.object({
    nik: z.string({ error: m.required }).trim().regex(/^\d{16}$/, m.digits16),
    no_kk: z.string({ error: m.required }).trim().regex(/^\d{16}$/, m.digits16),
    nama: z.string({ error: m.required }).trim().min(2, "minimal 2 huruf").max(100, "maksimal 100 huruf"),
    hubungan_krt: optionalEnum(codes.relationsToHead),
    jenis_kelamin: optionalEnum(codes.sexes),
    tanggal_lahir: dateField.optional(),
    status_perkawinan: optionalEnum(codes.maritalStatuses),
    hamil: optionalEnum(yesNo),
    partisipasi_sekolah: optionalEnum(codes.schoolParticipations),
    jenjang_pendidikan: optionalEnum(codes.educationLevels),
    status_bekerja: optionalEnum(codes.workStatuses),
    lapangan_usaha: optionalEnum(codes.sectors),
    disabilitas: optionalEnum(codes.disabilityLevels),
    penyakit_kronis: optionalEnum(yesNo),
  });
}

/** The member form's schema: field rules plus the cross-field rules, each issue on its field. */
export function memberSchema(ctx: MemberSchemaContext = {}) {
  return memberObject().superRefine((v, issue) => {
    if (typeof v.nik === "string" && v.nik !== ctx.currentNik && /^\d{16}$/.test(v.nik)) {
      const parsed = parseNik(v.nik);
      if (!parsed.ok) {
        issue.addIssue({ code: "custom", path: ["nik"], message: nikProblemLabels[parsed.problem] });
      } else {
        if (v.jenis_kelamin && parsed.nik.sex !== v.jenis_kelamin) {
          issue.addIssue({
            code: "custom",
            path: ["jenis_kelamin"],
            message: parsed.nik.sex === "P" ? "NIK menunjukkan perempuan (tanggal lahir +40)" : "NIK menunjukkan laki-laki",
          });
        }
        if (v.tanggal_lahir && validIsoDate(v.tanggal_lahir)) {
          const [y, mo, d] = v.tanggal_lahir.split("-").map(Number) as [number, number, number];
          if (mo !== parsed.nik.birthMonth || d !== parsed.nik.birthDay || y % 100 !== parsed.nik.birthYearTwoDigits) {
            issue.addIssue({ code: "custom", path: ["tanggal_lahir"], message: "tidak cocok dengan tanggal lahir pada NIK" });
          }
        }
      }
    }
    if (v.hamil === "ya" && v.jenis_kelamin === "L") {
      issue.addIssue({ code: "custom", path: ["hamil"], message: "hanya untuk anggota perempuan" });
    }
    if (v.lapangan_usaha && v.status_bekerja === "tidak_bekerja") {
      issue.addIssue({ code: "custom", path: ["lapangan_usaha"], message: "kosongkan bila anggota tidak bekerja" });
    }
    if (v.partisipasi_sekolah === "tidak_pernah" && v.jenjang_pendidikan && v.jenjang_pendidikan !== "tidak_ada") {
      issue.addIssue({ code: "custom", path: ["jenjang_pendidikan"], message: "anggota yang tidak pernah sekolah tidak punya jenjang pendidikan" });
    }
    // Run beside the field errors, so the operator sees every problem at once.
  }, { when: (payload) => typeof payload.value === "object" && payload.value !== null });
}

export type MemberInput = z.output<ReturnType<typeof memberObject>>;
export const memberColumns = Object.keys(memberObject().shape) as (keyof MemberInput)[];
export type MemberRow = Record<keyof MemberInput, string | boolean | null>;

/** Form values → column values: empty → null, ya/tidak → boolean. */
export function toMemberRow(v: MemberInput): MemberRow {
  const row = {} as MemberRow;
  for (const c of memberColumns) {
    const value = v[c];
    row[c] = value === undefined ? null : c === "hamil" || c === "penyakit_kronis" ? value === "ya" : value;
  }
  return row;
}

/** Column values → form values (the inverse, for filling the form). */
export function toMemberForm(row: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of memberColumns) {
    const value = (row as Record<string, unknown>)[c];
    out[c] = value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "ya" : "tidak") : String(value);
  }
  return out;
}

/** Marking a member as left the household (deceased, moved, other): a reason is always required. */
export const memberExitSchema = z.object({
  jenis_keluar: z.enum(exitKinds, { error: m.choose }),
  tanggal_keluar: dateField,
  alasan: z.string({ error: m.required }).trim().min(5, "tuliskan alasan, minimal 5 huruf (misalnya: akta kematian no. …)").max(500),
});
export type MemberExit = z.output<typeof memberExitSchema>;
