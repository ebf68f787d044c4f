/**
 * Indicators per area, computed on demand in one set-based query (query.ts) for any reference
 * date. Per-desa and per-kecamatan calls read only their households through the desa/kecamatan
 * indexes; a full recompute of every level scans once per level.
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { defaultMpiConfig, MpiConfigSchema, weightVector, type MpiConfig } from "../mpi/config";
import { areaQuery, householdQuery, levels } from "./query";
import { areaFromRow, ReferenceDateSchema, todayJakarta, type AreaIndicators } from "./values";

const plainCode = z
  .string()
  .transform((s) => s.replaceAll(".", "").trim())
  .pipe(z.string().regex(/^\d{4}(\d{2}(\d{4})?)?$/, "kode wilayah tidak valid"));

export const ComputeOptionsSchema = z.object({
  level: z.enum(levels),
  /** YYYY-MM-DD; default today (Asia/Jakarta). Ages and Dukcapil status are taken on this day. */
  referenceDate: ReferenceDateSchema.optional(),
  /** Only these areas (codes at `level`, dotted or plain). */
  codes: z.array(plainCode).optional(),
  /** Only areas inside this kabupaten/kecamatan/desa. */
  within: plainCode.optional(),
  mpiConfig: MpiConfigSchema.optional(),
});
export type ComputeOptions = z.input<typeof ComputeOptionsSchema> & { db?: Database };

function prepare(options: ComputeOptions) {
  const { db, ...rest } = options;
  const o = ComputeOptionsSchema.parse(rest);
  const config: MpiConfig = o.mpiConfig ?? defaultMpiConfig;
  const fixed = [o.referenceDate ?? todayJakarta(), weightVector(config), config.k];
  return { o, config, fixed, db };
}

/** Indicator values for every area of `level` (in scope), regions without households included. */
export async function computeIndicators(options: ComputeOptions): Promise<AreaIndicators[]> {
  const { o, config, fixed, db } = prepare(options);
  const database = db ?? (await getDatabase());
  const q = areaQuery(o.level, { codes: o.codes, within: o.within }, fixed);
  const { rows } = await database.pool.query(q.text, q.values);
  return rows.map((r) => areaFromRow(r, o.level, config));
}

/** Every level, kabupaten first (the `indikator` report's row order). */
export async function computeAllLevels(options: Omit<ComputeOptions, "level" | "codes">): Promise<AreaIndicators[]> {
  const out: AreaIndicators[] = [];
  for (const level of ["kabupaten", "kecamatan", "desa"] as const) out.push(...(await computeIndicators({ ...options, level })));
  return out;
}

export type HouseholdFlagRow = Record<string, string | number | boolean | null>;

/** One row per household in scope with every criterion, flag, member count and MPI deprivation. */
export async function computeHouseholdFlags(options: ComputeOptions): Promise<HouseholdFlagRow[]> {
  const { o, fixed, db } = prepare(options);
  const database = db ?? (await getDatabase());
  const q = householdQuery(o.level, { codes: o.codes, within: o.within }, fixed);
  const { rows } = await database.pool.query(q.text, q.values);
  return rows;
}
