/**
 * Every indicator of the catalogue (analytics/indicators) as a map measure, through that
 * module's SQL bridge: the map shows them without any change to map code. Registered on import
 * of analytics/measures. Ages are taken on today's date (domain.md §8 report default).
 */
import { indicatorCatalogue } from "../indicators/catalogue";
import { indicatorMeasureSql } from "../indicators/measures";
import { areaLevels, getMeasure, registerMeasure } from "./registry";

const today = () => new Date().toISOString().slice(0, 10);

for (const ind of indicatorCatalogue) {
  if (getMeasure(ind.id)) continue; // e.g. desil_1_2_pct is a built-in already
  const share = ind.kind === "share";
  registerMeasure({
    id: ind.id,
    label: ind.label,
    definition: { id: ind.caraHitung, en: ind.label.en },
    levels: areaLevels,
    format: share ? "percent" : "count",
    unit: share ? { id: "%", en: "%" } : ind.kind === "index" ? { id: "indeks", en: "index" } : { id: "jiwa", en: "people" },
    unitsLabel: ind.unit === "household" ? { id: "rumah tangga", en: "households" } : { id: "jiwa", en: "people" },
    requiresProgram: false,
    palette: share ? "YlOrRd" : ind.kind === "index" ? "viridis" : "Purples",
    sql: (c) => indicatorMeasureSql(ind.id, { level: c.level, param: c.param, householdWhere: c.householdWhere }, { referenceDate: today() }),
  });
}
