/**
 * Code sets of domain.md section 8, typed against db/codes.ts so a renamed code fails to compile,
 * and the helper that turns them into SQL. Shared by the indicator catalogue and the MPI SQL.
 */
import type * as codes from "../../db/codes";

type Of<T extends readonly string[]> = readonly T[number][];

export const sets = {
  airTakLayak: [
    "sumur_tak_terlindung",
    "mata_air_tak_terlindung",
    "air_permukaan",
    "air_hujan",
    "lainnya",
  ] satisfies Of<typeof codes.waterSources>,
  jambanBukanSendiri: ["bersama", "umum", "tidak_ada"] satisfies Of<typeof codes.toiletFacilities>,
  bahanBakarPadat: ["kayu_bakar", "arang", "briket"] satisfies Of<typeof codes.cookingFuels>,
  /** BPS criterion 7. */
  bahanBakarBps: ["kayu_bakar", "arang", "minyak_tanah"] satisfies Of<typeof codes.cookingFuels>,
  /** MPI cooking fuel: bahan_bakar_padat or minyak_tanah. */
  bahanBakarMpi: ["kayu_bakar", "arang", "briket", "minyak_tanah"] satisfies Of<typeof codes.cookingFuels>,
  dindingRapuh: ["bambu", "anyaman_bambu", "batang_kayu"] satisfies Of<typeof codes.wallMaterials>,
  atapRapuh: ["bambu", "jerami_ijuk_rumbia"] satisfies Of<typeof codes.roofMaterials>,
  lantaiBuruk: ["tanah", "bambu"] satisfies Of<typeof codes.floorMaterials>,
  /** BPS criterion 2. */
  lantaiBps: ["tanah", "bambu", "kayu_kualitas_rendah"] satisfies Of<typeof codes.floorMaterials>,
  tanpaJambanRtlh: ["umum", "tidak_ada"] satisfies Of<typeof codes.toiletFacilities>,
  usahaKrtRentan: ["pertanian", "perikanan", "konstruksi"] satisfies Of<typeof codes.sectors>,
  pendidikanSdKeBawah: ["tidak_ada", "paud", "sd"] satisfies Of<typeof codes.educationLevels>,
  tanpaSd: ["tidak_ada", "paud"] satisfies Of<typeof codes.educationLevels>,
  smpKeAtas: ["smp", "sma", "d1_d3", "d4_s1", "s2_s3"] satisfies Of<typeof codes.educationLevels>,
  disabilitas: ["ringan", "berat"] satisfies Of<typeof codes.disabilityLevels>,
} as const;

/** `col IN ('a','b')` — codes are fixed identifiers from db/codes.ts, never user input. */
export function sqlIn(col: string, values: readonly string[]): string {
  return `${col} IN (${values.map((v) => `'${v}'`).join(", ")})`;
}
