/**
 * A region profile from per-area indicator values (pure): the table of indicators with the
 * kabupaten value beside each, the MPI breakdown for the contribution chart, and the desa
 * ranking by M0. Every row carries its "cara hitung" so the UI can link each figure to it.
 */
import { defaultMpiConfig, mpiIndicatorIds, mpiIndicatorInfo, type MpiConfig } from "../mpi/config";
import { indicatorCatalogue, type Indicator } from "./catalogue";
import type { AreaIndicators } from "./values";

export interface ProfileIndicatorRow {
  indicator: Pick<Indicator, "id" | "label" | "unit" | "kind" | "group" | "caraHitung" | "sourceFields">;
  value: number | null;
  numerator: number;
  denominator: number | null;
  kabupatenValue: number | null;
}

export interface ProfileMpiRow {
  id: string;
  label: { id: string; en: string };
  dimension: string;
  deprivedWhen: string;
  weight: number;
  /** 0–100 */
  censoredHeadcountPct: number | null;
  uncensoredHeadcountPct: number | null;
  /** 0–100, sums to 100 over indicators */
  contributionPct: number | null;
}

export interface RegionProfile {
  area: AreaIndicators;
  kabupaten: AreaIndicators | null;
  indicators: ProfileIndicatorRow[];
  mpi: ProfileMpiRow[];
  /** Desa inside the area (itself excluded), highest M0 first; unknown M0 last. */
  desaRanking: { kode: string; nama: string | null; mpiM0: number | null; mpiH: number | null }[];
}

const pct = (x: number | null) => (x == null ? null : 100 * x);

export function buildRegionProfile(area: AreaIndicators, all: readonly AreaIndicators[], config: MpiConfig = defaultMpiConfig): RegionProfile {
  const kabupaten = all.find((a) => a.tingkat === "kabupaten" && area.kode.startsWith(a.kode)) ?? null;
  const indicators = indicatorCatalogue.map((ind) => ({
    indicator: {
      id: ind.id,
      label: ind.label,
      unit: ind.unit,
      kind: ind.kind,
      group: ind.group,
      caraHitung: ind.caraHitung,
      sourceFields: ind.sourceFields,
    },
    value: area.values[ind.id]?.value ?? null,
    numerator: area.values[ind.id]?.numerator ?? 0,
    denominator: area.values[ind.id]?.denominator ?? null,
    kabupatenValue: kabupaten?.values[ind.id]?.value ?? null,
  }));
  const mpi = mpiIndicatorIds.map((id) => ({
    id,
    label: mpiIndicatorInfo[id].label,
    dimension: mpiIndicatorInfo[id].dimension,
    deprivedWhen: mpiIndicatorInfo[id].deprivedWhen,
    weight: config.weights[id],
    censoredHeadcountPct: pct(area.mpi.censoredHeadcount[id]),
    uncensoredHeadcountPct: pct(area.mpi.uncensoredHeadcount[id]),
    contributionPct: area.mpi.contribution[id],
  }));
  const desaRanking = all
    .filter((a) => a.tingkat === "desa" && a.kode !== area.kode && a.kode.startsWith(area.kode))
    .map((a) => ({ kode: a.kode, nama: a.nama, mpiM0: a.values.mpi_m0?.value ?? null, mpiH: a.values.mpi_h?.value ?? null }))
    .sort((x, y) => (y.mpiM0 ?? -1) - (x.mpiM0 ?? -1) || x.kode.localeCompare(y.kode));
  return { area, kabupaten, indicators, mpi, desaRanking };
}
