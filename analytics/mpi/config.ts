/**
 * Alkire–Foster multidimensional poverty: the indicator set, default weights and cut-off k of
 * domain.md section 8, and the zod schema that every stored or user-edited configuration passes.
 * The indicator set is fixed (each has its SQL in ./sql.ts); users change weights (0 drops an
 * indicator) and k.
 */
import { z } from "zod";

export const mpiDimensions = ["pendidikan", "kesehatan", "standar_hidup"] as const;
export type MpiDimension = (typeof mpiDimensions)[number];

export const mpiIndicatorIds = [
  "lama_sekolah",
  "partisipasi_sekolah",
  "penyakit_kronis",
  "disabilitas_berat",
  "bahan_bakar",
  "sanitasi",
  "air_minum",
  "listrik",
  "rumah",
  "aset",
] as const;
export type MpiIndicatorId = (typeof mpiIndicatorIds)[number];

export interface MpiIndicatorInfo {
  id: MpiIndicatorId;
  dimension: MpiDimension;
  label: { id: string; en: string };
  /** When a household (and so each of its members) is deprived, in Bahasa Indonesia. */
  deprivedWhen: string;
}

export const mpiIndicatorInfo: Record<MpiIndicatorId, MpiIndicatorInfo> = {
  lama_sekolah: {
    id: "lama_sekolah",
    dimension: "pendidikan",
    label: { id: "Lama sekolah", en: "Years of schooling" },
    deprivedWhen:
      "tidak ada anggota berusia ≥ 15 tahun yang pernah bersekolah SMP atau lebih tinggi (rumah tangga tanpa anggota ≥ 15 tahun tidak terdeprivasi)",
  },
  partisipasi_sekolah: {
    id: "partisipasi_sekolah",
    dimension: "pendidikan",
    label: { id: "Partisipasi sekolah", en: "School attendance" },
    deprivedWhen: "ada anak berusia 7–15 tahun yang tidak sedang bersekolah",
  },
  penyakit_kronis: {
    id: "penyakit_kronis",
    dimension: "kesehatan",
    label: { id: "Penyakit kronis", en: "Chronic illness" },
    deprivedWhen: "ada anggota dengan penyakit kronis",
  },
  disabilitas_berat: {
    id: "disabilitas_berat",
    dimension: "kesehatan",
    label: { id: "Disabilitas berat", en: "Severe disability" },
    deprivedWhen: "ada anggota dengan disabilitas berat",
  },
  bahan_bakar: {
    id: "bahan_bakar",
    dimension: "standar_hidup",
    label: { id: "Bahan bakar memasak", en: "Cooking fuel" },
    deprivedWhen: "memasak dengan kayu bakar, arang, briket atau minyak tanah",
  },
  sanitasi: {
    id: "sanitasi",
    dimension: "standar_hidup",
    label: { id: "Sanitasi", en: "Sanitation" },
    deprivedWhen: "tidak punya jamban sendiri atau jenis kloset bukan leher angsa",
  },
  air_minum: {
    id: "air_minum",
    dimension: "standar_hidup",
    label: { id: "Air minum", en: "Drinking water" },
    deprivedWhen: "sumber air minum tidak layak (sumur/mata air tak terlindung, air permukaan, air hujan, lainnya)",
  },
  listrik: {
    id: "listrik",
    dimension: "standar_hidup",
    label: { id: "Listrik", en: "Electricity" },
    deprivedWhen: "penerangan bukan listrik",
  },
  rumah: {
    id: "rumah",
    dimension: "standar_hidup",
    label: { id: "Kondisi rumah", en: "Housing" },
    deprivedWhen: "lantai tanah/bambu, atau atap bambu/jerami-ijuk-rumbia, atau dinding bambu/anyaman bambu/batang kayu",
  },
  aset: {
    id: "aset",
    dimension: "standar_hidup",
    label: { id: "Aset", en: "Assets" },
    deprivedWhen:
      "paling banyak satu dari televisi, lemari es, smartphone, telepon rumah, sepeda, sepeda motor, komputer, dan tidak punya mobil",
  },
};

const weightTolerance = 1e-9;

export const MpiConfigSchema = z
  .object({
    /** k: a person is poor when the weighted deprivation score c_i ≥ k. */
    k: z.number().gt(0).lte(1),
    weights: z.object(
      Object.fromEntries(mpiIndicatorIds.map((id) => [id, z.number().min(0).max(1)])) as Record<
        MpiIndicatorId,
        z.ZodNumber
      >,
    ).strict(),
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((c) => Math.abs(Object.values(c.weights).reduce((s, w) => s + w, 0) - 1) <= weightTolerance, {
    message: "jumlah bobot indikator harus 1",
    path: ["weights"],
  });
export type MpiConfig = z.infer<typeof MpiConfigSchema>;

/** domain.md section 8: three dimensions of 1/3; 1/6 per education and health indicator, 1/18 per living-standard one. */
export const defaultMpiConfig: MpiConfig = Object.freeze({
  k: 1 / 3,
  weights: Object.freeze({
    lama_sekolah: 1 / 6,
    partisipasi_sekolah: 1 / 6,
    penyakit_kronis: 1 / 6,
    disabilitas_berat: 1 / 6,
    bahan_bakar: 1 / 18,
    sanitasi: 1 / 18,
    air_minum: 1 / 18,
    listrik: 1 / 18,
    rumah: 1 / 18,
    aset: 1 / 18,
  }),
}) as MpiConfig;

/** Weights in mpiIndicatorIds order (the SQL binds them as one float8[]). */
export function weightVector(config: MpiConfig): number[] {
  return mpiIndicatorIds.map((id) => config.weights[id]);
}

/**
 * Scores are sums of fractions like 6 × 1/18; in floating point they can fall a hair below
 * k = 1/3. Comparisons allow this much slack so that "exactly k" counts as poor.
 */
export const scoreEpsilon = 1e-9;
