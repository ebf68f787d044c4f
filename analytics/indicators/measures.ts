/**
 * Bridge to the map's measure registry (analytics/measures): the SQL of one indicator per area
 * as `code, value, units`, built from the same query as the reports. Pure; registering is left
 * to the UI work (issue 4 item 6) because the registry already holds a `desil_1_2_pct` of its own.
 * For map speed at kabupaten scale this should read the proposed summary table once it exists.
 */
import { defaultMpiConfig, weightVector, type MpiConfig } from "../mpi/config";
import { flagColumn, indicatorsById } from "./catalogue";
import { areaQuery, type Level } from "./query";

export interface IndicatorMeasureContext {
  level: Level;
  /** Binds a value and returns its placeholder. */
  param(value: unknown): string;
  /** Predicate on households alias (e.g. the desil filter), or "TRUE". */
  householdWhere?(alias: string): string;
}

/** The figure's SQL over one aggregate row (columns of areaQuery). */
function valueSql(id: string): string {
  if (id === "mpi_h") return "round((100.0 * mpi_q / NULLIF(jumlah_jiwa, 0))::numeric, 1)";
  if (id === "mpi_a") return "round((100.0 * mpi_sum_c / NULLIF(mpi_q, 0))::numeric, 1)";
  if (id === "mpi_m0") return "round((mpi_sum_c / NULLIF(jumlah_jiwa, 0))::numeric, 3)";
  const ind = indicatorsById.get(id);
  if (!ind) throw new Error(`unknown indicator: ${id}`);
  const f = flagColumn(ind);
  return ind.kind === "count" ? `${f}__num` : `round(100.0 * ${f}__num / NULLIF(${f}__den, 0), 1)`;
}

/** Units for small-count suppression: the denominator of the share (households or members). */
function unitsSql(id: string): string {
  if (id.startsWith("mpi_")) return "jumlah_jiwa";
  const ind = indicatorsById.get(id)!;
  return ind.kind === "count" ? "jumlah_jiwa" : `${flagColumn(ind)}__den`;
}

export function indicatorMeasureSql(
  indicatorId: string,
  ctx: IndicatorMeasureContext,
  options: { referenceDate: string; mpiConfig?: MpiConfig; within?: string },
): string {
  const config = options.mpiConfig ?? defaultMpiConfig;
  const hw = ctx.householdWhere?.("h");
  const token = "__household_where__";
  const q = areaQuery([ctx.level], { within: options.within, householdWhere: hw && hw !== "TRUE" ? token : undefined }, [
    options.referenceDate,
    weightVector(config),
    config.k,
  ]);
  // Re-bind our positional parameters ($1…$n) through the caller's binder, then splice in the
  // caller's predicate (already bound in its own numbering).
  const placeholders = q.values.map((v) => ctx.param(v));
  const text = q.text.replace(/\$(\d+)/g, (m, n: string) => placeholders[Number(n) - 1] ?? m).replaceAll(token, hw ?? "TRUE");
  return `SELECT kode AS code, (${valueSql(indicatorId)})::float8 AS value, ${unitsSql(indicatorId)} AS units FROM (${text}) ind`;
}
