/**
 * The built-in measures: counts, desil 1–2 share and program recipients. Indicators
 * (analytics/indicators) and coverage rates register theirs the same way.
 */
import { areaLevels, registerMeasure, type MeasureSqlContext } from "./registry";

/** Households per area under the desil filter: the base of several measures. */
const householdsPerArea = (c: MeasureSqlContext) =>
  `SELECT h.${c.col} AS code, count(*) AS n FROM households h WHERE ${c.householdWhere("h")} GROUP BY 1`;

/** Distinct recipient units per area (a unit listed twice counts once). */
const recipientsPerArea = (c: MeasureSqlContext) => {
  const desil = c.householdWhere("h");
  const join = desil === "TRUE" ? "" : `JOIN households h ON h.id_rt = r.id_rt AND ${desil}`;
  // DISTINCT in a subquery hashes; count(DISTINCT …) would sort every row of the program.
  return `SELECT code, count(*) AS n FROM (
      SELECT DISTINCT r.${c.col} AS code, r.unit_key FROM recipients r ${join}
      WHERE ${c.recipientWhere("r")} AND r.${c.col} IS NOT NULL) d GROUP BY 1`;
};

registerMeasure({
  id: "households",
  label: { id: "Jumlah rumah tangga", en: "Households" },
  definition: { id: "Rumah tangga DTKS di wilayah ini", en: "DTKS households in the area" },
  levels: areaLevels,
  format: "count",
  unit: { id: "rumah tangga", en: "households" },
  unitsLabel: { id: "rumah tangga", en: "households" },
  requiresProgram: false,
  palette: "Blues",
  sql: (c) => `SELECT code, n AS value, n AS units FROM (${householdsPerArea(c)}) x`,
});

registerMeasure({
  id: "people",
  label: { id: "Jumlah jiwa", en: "People" },
  definition: { id: "Anggota rumah tangga DTKS", en: "Members of DTKS households" },
  levels: areaLevels,
  format: "count",
  unit: { id: "jiwa", en: "people" },
  unitsLabel: { id: "rumah tangga", en: "households" },
  requiresProgram: false,
  palette: "Purples",
  sql: (c) => {
    const desil = c.householdWhere("h");
    const members =
      desil === "TRUE"
        ? `SELECT m.${c.col} AS code, count(*) AS n FROM members m GROUP BY 1`
        : `SELECT h.${c.col} AS code, count(*) AS n FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE ${desil} GROUP BY 1`;
    return `SELECT hh.code, COALESCE(p.n, 0) AS value, hh.n AS units
      FROM (${householdsPerArea(c)}) hh LEFT JOIN (${members}) p ON p.code = hh.code`;
  },
});

registerMeasure({
  id: "desil_1_2_pct",
  label: { id: "Rumah tangga desil 1–2 (%)", en: "Households in desil 1–2 (%)" },
  definition: {
    id: "Rumah tangga desil ≤ 2 dibagi rumah tangga dengan desil diketahui",
    en: "Households with desil ≤ 2 over households with a known desil",
  },
  levels: areaLevels,
  format: "percent",
  unit: { id: "%", en: "%" },
  unitsLabel: { id: "rumah tangga dengan desil", en: "households with a desil" },
  requiresProgram: false,
  palette: "YlOrRd",
  sql: (c) => `SELECT h.${c.col} AS code,
      100.0 * count(*) FILTER (WHERE h.desil <= 2) / NULLIF(count(h.desil), 0) AS value,
      count(h.desil) AS units
    FROM households h WHERE ${c.householdWhere("h")} GROUP BY 1`,
});

registerMeasure({
  id: "recipients",
  label: { id: "Penerima program", en: "Program recipients" },
  definition: {
    id: "Unit penerima (realisasi) program pada periode terpilih",
    en: "Receiving units (realisation) of the program in the chosen period",
  },
  levels: areaLevels,
  format: "count",
  unit: { id: "penerima", en: "recipients" },
  unitsLabel: { id: "penerima", en: "recipients" },
  requiresProgram: true,
  palette: "Greens",
  sql: (c) => `SELECT code, n AS value, n AS units FROM (${recipientsPerArea(c)}) x`,
});

registerMeasure({
  id: "recipients_per_100_households",
  label: { id: "Penerima per 100 rumah tangga", en: "Recipients per 100 households" },
  definition: {
    id: "100 × penerima program ÷ rumah tangga DTKS",
    en: "100 × program recipients ÷ DTKS households",
  },
  levels: areaLevels,
  format: "rate",
  unit: { id: "per 100 RT", en: "per 100 households" },
  unitsLabel: { id: "rumah tangga", en: "households" },
  requiresProgram: true,
  palette: "viridis",
  sql: (c) => `SELECT hh.code, 100.0 * COALESCE(rc.n, 0) / hh.n AS value, hh.n AS units
    FROM (${householdsPerArea(c)}) hh LEFT JOIN (${recipientsPerArea(c)}) rc ON rc.code = hh.code`,
});
