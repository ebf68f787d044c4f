/**
 * The measure registry: everything the map (and region profiles, exports) can colour areas by.
 * A measure is an id, labels, the levels it supports, how to format it, and a SQL SELECT that
 * yields one row per area: `code, value, units` (units = what the small-area suppression counts:
 * households, recipients…). The map code only reads this registry, so indicators and coverage
 * rates plug in later by calling `registerMeasure` from their own module — no map change.
 * Pure module: it builds SQL text, `values.server.ts` runs it.
 */
import { z } from "zod";
import type { PaletteName } from "../classify/palettes";

export const areaLevels = ["kabupaten", "kecamatan", "desa"] as const;
export type AreaLevel = (typeof areaLevels)[number];

/** Column holding the area code at each level (households, members, recipients all carry it). */
export const areaColumn: Record<AreaLevel, "kode_kabupaten" | "kode_kecamatan" | "kode_desa"> = {
  kabupaten: "kode_kabupaten",
  kecamatan: "kode_kecamatan",
  desa: "kode_desa",
};

export const periodePattern = /^\d{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

export const MeasureFiltersSchema = z
  .object({
    program: z.string().regex(/^[A-Z0-9_]{1,32}$/).nullable().default(null),
    periode: z.string().regex(periodePattern).nullable().default(null),
    desilMin: z.number().int().min(1).max(10).default(1),
    desilMax: z.number().int().min(1).max(10).default(10),
  })
  .refine((f) => f.desilMin <= f.desilMax, { message: "desilMin > desilMax" });
export type MeasureFilters = z.infer<typeof MeasureFiltersSchema>;

export interface Bilingual {
  id: string;
  en: string;
}

/** Helpers a measure's SQL builder receives; parameters are bound, never spliced. */
export interface MeasureSqlContext {
  level: AreaLevel;
  /** Area code column for this level, e.g. `kode_desa`. */
  col: string;
  filters: MeasureFilters;
  /** Binds a value and returns its placeholder (`$3`). */
  param(value: unknown): string;
  /** Predicate on a households alias for the desil range (TRUE when the range is 1–10, so households without desil count). */
  householdWhere(alias: string): string;
  /** Predicate on a recipients alias: program, period (latest of the program when none), realisasi stage. */
  recipientWhere(alias: string): string;
}

export interface MeasureDefinition {
  id: string;
  label: Bilingual;
  /** One line shown under the legend: how the value is computed. */
  definition: Bilingual;
  levels: readonly AreaLevel[];
  format: "count" | "percent" | "rate";
  /** Unit of the value (shown in legend and panel), e.g. "rumah tangga", "%". */
  unit: Bilingual;
  /** What `units` counts, for the suppression note. */
  unitsLabel: Bilingual;
  requiresProgram: boolean;
  palette: PaletteName;
  /** SELECT with columns `code` (text), `value` (float8, may be null), `units` (int), one row per area. */
  sql(ctx: MeasureSqlContext): string;
}

const registry = new Map<string, MeasureDefinition>();

export function registerMeasure(def: MeasureDefinition): void {
  if (!/^[a-z0-9_]+$/.test(def.id)) throw new Error(`measure id must be snake_case: ${def.id}`);
  if (registry.has(def.id)) throw new Error(`measure already registered: ${def.id}`);
  if (def.levels.length === 0) throw new Error(`measure ${def.id} supports no level`);
  registry.set(def.id, def);
}

export function getMeasure(id: string): MeasureDefinition | undefined {
  return registry.get(id);
}

export function listMeasures(level?: AreaLevel): MeasureDefinition[] {
  return [...registry.values()].filter((m) => !level || m.levels.includes(level));
}

/**
 * Builds the parameterised SQL of one measure for one level: every region of the level (also
 * those without data: value null, units 0) with its name, optionally limited to the children of
 * `within` or to given codes.
 */
export function buildMeasureQuery(
  measure: MeasureDefinition,
  level: AreaLevel,
  filters: MeasureFilters,
  scope: { within?: string; codes?: readonly string[] } = {},
): { text: string; values: unknown[] } {
  if (!measure.levels.includes(level)) throw new Error(`measure ${measure.id} has no level ${level}`);
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const ctx: MeasureSqlContext = {
    level,
    col: areaColumn[level],
    filters,
    param,
    householdWhere: (a) =>
      filters.desilMin > 1 || filters.desilMax < 10
        ? `${a}.desil BETWEEN ${param(filters.desilMin)} AND ${param(filters.desilMax)}`
        : "TRUE",
    recipientWhere: (a) => {
      const program = param(filters.program);
      const periode = filters.periode
        ? param(filters.periode)
        : `(SELECT max(periode) FROM recipients WHERE program = ${program} AND tahap = 'realisasi')`;
      return `${a}.program = ${program} AND ${a}.periode = ${periode} AND ${a}.tahap = 'realisasi'`;
    },
  };
  const inner = measure.requiresProgram && !filters.program ? "SELECT NULL::text AS code, NULL::float8 AS value, 0 AS units WHERE FALSE" : measure.sql(ctx);
  const conditions = [`r.level = ${param(level)}`];
  if (scope.within) conditions.push(`r.code LIKE ${param(`${scope.within}%`)}`);
  if (scope.codes) conditions.push(`r.code = ANY(${param(scope.codes)}::text[])`);
  const text = `SELECT r.code, r.name, m.value::float8 AS value, COALESCE(m.units, 0)::int AS units
    FROM regions r LEFT JOIN (${inner}) m ON m.code = r.code
    WHERE ${conditions.join(" AND ")} ORDER BY r.code`;
  return { text, values };
}
