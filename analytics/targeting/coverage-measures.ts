/**
 * Coverage and targeting errors as map measures (issue 5 §7: choropleths via the measure
 * registry). Values come from the stored coverage snapshot of a findings run
 * (targeting_snapshots, tahap realisasi), never from rebuilding E and B per map request. Pure:
 * SQL text only; importing this module registers the measures.
 */
import { areaLevels, getMeasure, registerMeasure, type MeasureSqlContext } from "../measures";

/** Coverage rows of the program in the snapshot of the chosen (else the newest) period. */
function snapshotRows(c: MeasureSqlContext): string {
  const program = c.param(c.filters.program);
  const periode = c.filters.periode
    ? c.param(c.filters.periode)
    : `(SELECT max(periode) FROM targeting_snapshots WHERE tahap = 'realisasi')`;
  return `SELECT x FROM targeting_snapshots s CROSS JOIN LATERAL jsonb_array_elements(s.coverage) x
    WHERE s.tahap = 'realisasi' AND s.periode = ${periode}
      AND x ->> 'program' = ${program} AND x ->> 'tingkat' = ${c.param(c.level)}`;
}

const common = {
  levels: areaLevels,
  format: "percent" as const,
  unit: { id: "%", en: "%" },
  requiresProgram: true,
};

const definitions = [
  {
    id: "coverage_pct",
    label: { id: "Cakupan program (%)", en: "Program coverage (%)" },
    definition: {
      id: "|B ∩ E| / |E|: unit layak yang menerima dibagi unit layak (realisasi, hasil hitung temuan terakhir)",
      en: "|B ∩ E| / |E|: eligible units receiving over eligible units (realisation, last findings run)",
    },
    unitsLabel: { id: "unit layak", en: "eligible units" },
    palette: "Greens" as const,
    column: "coverage_pct",
    units: "eligible",
  },
  {
    id: "exclusion_error_pct",
    label: { id: "Kesalahan eksklusi (%)", en: "Exclusion error (%)" },
    definition: {
      id: "|E \\ B| / |E|: unit layak yang belum menerima dibagi unit layak (hasil hitung temuan terakhir)",
      en: "|E \\ B| / |E|: eligible units not receiving over eligible units (last findings run)",
    },
    unitsLabel: { id: "unit layak", en: "eligible units" },
    palette: "YlOrRd" as const,
    column: "exclusion_error_pct",
    units: "eligible",
  },
  {
    id: "inclusion_error_pct",
    label: { id: "Kesalahan inklusi (%)", en: "Inclusion error (%)" },
    definition: {
      id: "|B \\ E| / |B|: penerima yang tidak layak (termasuk di luar DTKS) dibagi penerima (hasil hitung temuan terakhir)",
      en: "|B \\ E| / |B|: receiving units not eligible (including outside DTKS) over receiving units (last findings run)",
    },
    unitsLabel: { id: "penerima", en: "recipients" },
    palette: "Purples" as const,
    column: "inclusion_error_pct",
    units: "penerima",
  },
];

for (const d of definitions) {
  if (getMeasure(d.id)) continue;
  registerMeasure({
    ...common,
    id: d.id,
    label: d.label,
    definition: d.definition,
    unitsLabel: d.unitsLabel,
    palette: d.palette,
    sql: (c) => `SELECT x ->> 'kode_wilayah' AS code, (x ->> '${d.column}')::float8 AS value, (x ->> '${d.units}')::int AS units
      FROM (${snapshotRows(c)}) r`,
  });
}

export const coverageMeasureIds = definitions.map((d) => d.id);

/** Pseudo-measure of /peta computed in TypeScript (Gi*), not by the SQL registry. */
export const HOTSPOT_MEASURE = "hotspot_eksklusi";
