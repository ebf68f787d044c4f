/**
 * A program's eligibility rule as validated JSON (domain.md sections 5 and 8). Stored in
 * programs.rule; every finding records the rule version that produced it.
 */
import { z } from "zod";
import { fundingSources, programUnits } from "../../db/codes";

const age = z.number().int().min(0).max(150);

/** A condition one member can meet. Ages are inclusive and taken on the period's first day. */
export const MemberComponentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hamil") }),
  z.object({ kind: z.literal("usia"), min: age, max: age }),
  /** Aged min–max and partisipasi_sekolah = masih_sekolah. */
  z.object({ kind: z.literal("usia_sekolah"), min: age, max: age }),
  z.object({ kind: z.literal("disabilitas"), level: z.enum(["ringan", "berat"]) }),
  z.object({ kind: z.literal("penyakit_kronis") }),
]);
export type MemberComponent = z.infer<typeof MemberComponentSchema>;

export const householdIndicatorIds = ["rtlh", "miskin_bps14"] as const;

export const EligibilityRuleSchema = z
  .object({
    version: z.number().int().min(1).default(1),
    /** Highest desil that may receive; null = no desil limit. Units without a desil never qualify when set. */
    maxDesil: z.number().int().min(1).max(10).nullable(),
    /** Household indicator flags that must all hold (e.g. rtlh). */
    householdIndicators: z.array(z.enum(householdIndicatorIds)).default([]),
    /** Family/household programs: at least one member meets at least one component (PKH). */
    anyMemberComponent: z.array(MemberComponentSchema).default([]),
    /** Individual programs: the person meets every condition (PIP: school age and in school). */
    personConditions: z.array(MemberComponentSchema).default([]),
    /** Free-text note shown to users beside the rule. */
    note: z.string().max(500).optional(),
  })
  .strict();
export type EligibilityRule = z.infer<typeof EligibilityRuleSchema>;

export const ProgramSchema = z.object({
  kode: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[A-Z0-9_]+$/, "kode program: huruf besar, angka dan _"),
  nama: z.string().min(1),
  unit: z.enum(programUnits),
  sumberDana: z.enum(fundingSources),
  tidakBolehBersama: z.array(z.string()).default([]),
  rule: EligibilityRuleSchema,
});
export type Program = z.infer<typeof ProgramSchema>;

/** The six default programs of domain.md section 5. */
export const defaultPrograms: Program[] = [
  {
    kode: "PKH",
    nama: "Program Keluarga Harapan",
    unit: "keluarga",
    sumberDana: "apbn",
    tidakBolehBersama: [],
    rule: {
      version: 1,
      maxDesil: 4,
      householdIndicators: [],
      anyMemberComponent: [
        { kind: "hamil" },
        { kind: "usia", min: 0, max: 6 },
        { kind: "usia_sekolah", min: 7, max: 18 },
        { kind: "usia", min: 60, max: 150 },
        { kind: "disabilitas", level: "berat" },
      ],
      personConditions: [],
    },
  },
  {
    kode: "BPNT",
    nama: "Bantuan Pangan Non Tunai (Sembako)",
    unit: "keluarga",
    sumberDana: "apbn",
    tidakBolehBersama: [],
    rule: { version: 1, maxDesil: 4, householdIndicators: [], anyMemberComponent: [], personConditions: [] },
  },
  {
    kode: "PBI_JKN",
    nama: "Penerima Bantuan Iuran JKN",
    unit: "individu",
    sumberDana: "apbn",
    tidakBolehBersama: [],
    rule: { version: 1, maxDesil: 5, householdIndicators: [], anyMemberComponent: [], personConditions: [] },
  },
  {
    kode: "PIP",
    nama: "Program Indonesia Pintar (KIP)",
    unit: "individu",
    sumberDana: "apbn",
    tidakBolehBersama: [],
    rule: {
      version: 1,
      maxDesil: 4,
      householdIndicators: [],
      anyMemberComponent: [],
      personConditions: [{ kind: "usia_sekolah", min: 6, max: 21 }],
    },
  },
  {
    kode: "RTLH",
    nama: "Rehabilitasi Rumah Tidak Layak Huni",
    unit: "rumah_tangga",
    sumberDana: "apbd_kabupaten",
    tidakBolehBersama: [],
    rule: { version: 1, maxDesil: 5, householdIndicators: ["rtlh"], anyMemberComponent: [], personConditions: [] },
  },
  {
    kode: "BLT_DD",
    nama: "BLT Dana Desa",
    unit: "keluarga",
    sumberDana: "dana_desa",
    tidakBolehBersama: ["PKH"],
    rule: { version: 1, maxDesil: 4, householdIndicators: [], anyMemberComponent: [], personConditions: [] },
  },
];
