/**
 * Indicators TKPK may weigh in the local ranking instrument (Perwali Mojokerto Ps 12 ayat 1b,
 * Kepwal Bekasi point 8): the household-level flags of the indicator catalogue, and member flags
 * read as "the household has at least one such member". Each gives a household a value of
 * 1 (deprived), 0 (not) or NULL (unknown, counts as 0 and is shown as unknown).
 * Pure (no database): shared by the SQL builder, the pages and the tests.
 */
import { flagColumn, indicatorsById, type Indicator } from "../../analytics/indicators/catalogue";

export interface RankingIndicator {
  /** Catalogue id, the key in Instrument.weights. */
  id: string;
  unit: "household" | "member";
  indicator: Indicator;
}

/** Household flags that describe deprivation (not the desil itself, nor data quality). */
const householdIds = [
  "miskin_bps14_pct",
  "rtlh_pct",
  "tanpa_air_layak_pct",
  "tanpa_jamban_sendiri_pct",
  "tanpa_listrik_pct",
  "bahan_bakar_padat_pct",
  "krt_pendidikan_sd_pct",
  "lansia_tinggal_sendiri_pct",
];
/** Member flags: the household counts as deprived when one of its members is. */
const memberIds = [
  "anak_tidak_sekolah_pct",
  "disabilitas_pct",
  "penyakit_kronis_pct",
  "lansia_pct",
  "dewasa_tanpa_sd_pct",
  "jumlah_ibu_hamil_desil_1_2",
  "jumlah_balita_desil_1_2",
];

export const rankingIndicators: readonly RankingIndicator[] = [
  ...householdIds.map((id) => ({ id, unit: "household" as const, indicator: indicatorsById.get(id)! })),
  ...memberIds.map((id) => ({ id, unit: "member" as const, indicator: indicatorsById.get(id)! })),
].filter((r) => r.indicator?.sql);

export const rankingIndicatorsById: ReadonlyMap<string, RankingIndicator> = new Map(rankingIndicators.map((r) => [r.id, r]));

/** SQL column holding the indicator's 0/1/NULL value in the ranking query. */
export const valueColumn = (id: string): string => `v_${flagColumn(indicatorsById.get(id)!)}`;

/** Extra sort keys offered after desil and score (multi-level sorting, Ps 12 ayat 2). */
export const sortKeys = {
  jumlah_jiwa: { sql: "jumlah_jiwa", defaultDirection: "desc" },
  n_lansia: { sql: "n_lansia", defaultDirection: "desc" },
  luas_lantai_per_jiwa: { sql: "luas_lantai_per_jiwa", defaultDirection: "asc" },
  kode_desa: { sql: `kode_desa COLLATE "C"`, defaultDirection: "asc" },
} as const;
export type SortKeyId = keyof typeof sortKeys;
export const sortKeyIds = Object.keys(sortKeys) as SortKeyId[];
