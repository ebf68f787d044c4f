/**
 * Indicators per area, computed on demand in one set-based query (query.ts) for any reference
 * date. Per-desa and per-kecamatan calls read only their households through the desa/kecamatan
 * indexes; a full recompute of every level scans once per level.
 */
import { z } from "zod";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
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

/**
 * Runs one analytic query with JIT off (compiling these wide expressions cost ~13 s on the 300k
 * seed, more than it saved) and room to sort members in memory.
 */
async function analyticQuery(database: Database, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  return withTransaction(database.pool, async (client) => {
    await client.query("SET LOCAL jit = off");
    await client.query("SET LOCAL work_mem = '64MB'");
    const { rows } = await client.query(text, values);
    return rows;
  });
}

/** Indicator values for every area of `level` (in scope), regions without households included. */
export async function computeIndicators(options: ComputeOptions): Promise<AreaIndicators[]> {
  const { o, config, fixed, db } = prepare(options);
  const database = db ?? (await getDatabase());
  const q = areaQuery([o.level], { codes: o.codes, within: o.within }, fixed);
  const rows = await analyticQuery(database, q.text, q.values);
  return rows.map((r) => areaFromRow(r, config));
}

/** Every level in one pass, kabupaten first, then kecamatan, then desa (the `indikator` report's order). */
export async function computeAllLevels(options: Omit<ComputeOptions, "level" | "codes">): Promise<AreaIndicators[]> {
  const { o, config, fixed, db } = prepare({ ...options, level: "desa" });
  const database = db ?? (await getDatabase());
  const q = areaQuery(levels, { within: o.within }, fixed);
  const rows = await analyticQuery(database, q.text, q.values);
  return rows.map((r) => areaFromRow(r, config));
}

export type HouseholdFlagRow = Record<string, string | number | boolean | null>;

/** One row per household in scope with every criterion, flag, member count and MPI deprivation. */
export async function computeHouseholdFlags(options: ComputeOptions): Promise<HouseholdFlagRow[]> {
  const { o, fixed, db } = prepare(options);
  const database = db ?? (await getDatabase());
  const q = householdQuery(o.level, { codes: o.codes, within: o.within }, fixed);
  return (await analyticQuery(database, q.text, q.values)) as HouseholdFlagRow[];
}
