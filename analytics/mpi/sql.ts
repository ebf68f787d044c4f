/**
 * SQL of the MPI deprivations (domain.md section 8), as expressions over one household row of
 * the indicator query (analytics/indicators/query.ts): household columns plus the member
 * aggregates named in memberAggregates. Each expression is boolean and never NULL: an unknown
 * indicator counts as not deprived.
 */
import { sets, sqlIn } from "../indicators/vocab";
import { mpiIndicatorIds, type MpiIndicatorId } from "./config";

/** Per-household member aggregates the deprivations read (column → aggregate over members `mm`). */
export const memberAggregates: Record<string, string> = {
  mpi_n15: "count(*) FILTER (WHERE umur >= 15)",
  mpi_n15_smp: `count(*) FILTER (WHERE umur >= 15 AND ${sqlIn("jenjang_pendidikan", sets.smpKeAtas)})`,
  mpi_n15_jenjang_null: "count(*) FILTER (WHERE umur >= 15 AND jenjang_pendidikan IS NULL)",
  mpi_anak_tidak_sekolah: "bool_or(umur BETWEEN 7 AND 15 AND partisipasi_sekolah <> 'masih_sekolah')",
  mpi_ada_kronis: "bool_or(penyakit_kronis)",
  mpi_ada_disabilitas_berat: "bool_or(disabilitas = 'berat')",
};

const fewAssets = [
  "aset_televisi",
  "aset_lemari_es",
  "aset_smartphone",
  "aset_telepon_rumah",
  "aset_sepeda",
  "aset_sepeda_motor",
  "aset_komputer",
];

export const deprivationSql: Record<MpiIndicatorId, string> = {
  // Deprived only when every member aged ≥ 15 has a known level and none reached SMP.
  lama_sekolah: "(mpi_n15 > 0 AND mpi_n15_smp = 0 AND mpi_n15_jenjang_null = 0)",
  partisipasi_sekolah: "COALESCE(mpi_anak_tidak_sekolah, false)",
  penyakit_kronis: "COALESCE(mpi_ada_kronis, false)",
  disabilitas_berat: "COALESCE(mpi_ada_disabilitas_berat, false)",
  bahan_bakar: `COALESCE(${sqlIn("bahan_bakar_memasak", sets.bahanBakarMpi)}, false)`,
  sanitasi: "COALESCE(fasilitas_bab <> 'sendiri' OR jenis_kloset <> 'leher_angsa', false)",
  air_minum: `COALESCE(${sqlIn("sumber_air_minum", sets.airTakLayak)}, false)`,
  listrik: "COALESCE(sumber_penerangan = 'bukan_listrik', false)",
  rumah: `COALESCE(${sqlIn("lantai", sets.lantaiBuruk)} OR ${sqlIn("atap", sets.atapRapuh)} OR ${sqlIn("dinding", sets.dindingRapuh)}, false)`,
  // At most one asset owned counting unknowns as owned (so only a known shortage deprives), no car.
  aset: `(${fewAssets.map((c) => `(${c} IS NOT FALSE)::int`).join(" + ")} <= 1 AND aset_mobil IS FALSE)`,
};

/** Column name of indicator j's deprivation flag in the household rows. */
export const deprivationColumn = (id: MpiIndicatorId) => `g_${id}`;

/**
 * Score c = Σ w_j g_j with the weights bound as a float8[] parameter in mpiIndicatorIds order,
 * over rows that already carry the g_* columns.
 */
export function scoreSql(weightsParam: string): string {
  return mpiIndicatorIds.map((id, j) => `(CASE WHEN ${deprivationColumn(id)} THEN (${weightsParam})[${j + 1}] ELSE 0 END)`).join(" + ");
}
