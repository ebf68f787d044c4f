/**
 * MPI per area in SQL (the indicator query carries the Alkire–Foster sums, see
 * analytics/indicators/query.ts) and the stored, versioned MPI configuration.
 *
 * Storage: until the lead adds a dedicated table, the configuration lives in dataset_info under
 * the key `mpi_config` as { current, history[] } — every save appends a version; restoring the
 * defaults is a save of the defaults. Validated with MpiConfigSchema on the way in and out.
 */
import { z } from "zod";
import { getDatabase, withTransaction, type Database } from "../../db/connection.server";
import { computeIndicators, type ComputeOptions } from "../indicators/indicators.server";
import type { Level } from "../indicators/query";
import { defaultMpiConfig, MpiConfigSchema, type MpiConfig } from "./config";
import type { MpiResult } from "./mpi";

export interface AreaMpi {
  kode: string;
  tingkat: Level;
  nama: string | null;
  mpi: MpiResult;
}

/** H, A, M0, censored headcounts and contributions per area, with the stored config unless given. */
export async function computeMpiByArea(options: ComputeOptions): Promise<AreaMpi[]> {
  const db = options.db ?? (await getDatabase());
  const mpiConfig = options.mpiConfig ?? (await loadMpiConfig(db)).config;
  const rows = await computeIndicators({ ...options, db, mpiConfig });
  return rows.map(({ kode, tingkat, nama, mpi }) => ({ kode, tingkat, nama, mpi }));
}

const storeKey = "mpi_config";

const VersionSchema = z.object({
  version: z.number().int().min(1),
  config: MpiConfigSchema,
  savedAt: z.string(),
  savedBy: z.string(),
});
export type StoredMpiConfig = z.infer<typeof VersionSchema>;
const StoreSchema = z.object({ current: VersionSchema, history: z.array(VersionSchema) });

/** The configuration in force; version 0 = the built-in defaults (nothing saved yet). */
export async function loadMpiConfig(db?: Database): Promise<{ version: number; config: MpiConfig }> {
  const database = db ?? (await getDatabase());
  const { rows } = await database.pool.query<{ value: unknown }>("SELECT value FROM dataset_info WHERE key = $1", [storeKey]);
  if (!rows.length) return { version: 0, config: defaultMpiConfig };
  const store = StoreSchema.parse(rows[0].value);
  return { version: store.current.version, config: store.current.config };
}

export async function mpiConfigHistory(db?: Database): Promise<StoredMpiConfig[]> {
  const database = db ?? (await getDatabase());
  const { rows } = await database.pool.query<{ value: unknown }>("SELECT value FROM dataset_info WHERE key = $1", [storeKey]);
  return rows.length ? StoreSchema.parse(rows[0].value).history : [];
}

/** Validates and stores a new version; returns it. Throws (zod) on invalid weights or k. */
export async function saveMpiConfig(config: unknown, options: { by: string; db?: Database }): Promise<StoredMpiConfig> {
  const parsed = MpiConfigSchema.parse(config);
  const database = options.db ?? (await getDatabase());
  return withTransaction(database.pool, async (client) => {
    // Serialise concurrent saves so versions stay gap-free.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [storeKey]);
    const { rows } = await client.query<{ value: unknown }>("SELECT value FROM dataset_info WHERE key = $1", [storeKey]);
    const history = rows.length ? StoreSchema.parse(rows[0].value).history : [];
    const entry: StoredMpiConfig = {
      version: (history.at(-1)?.version ?? 0) + 1,
      config: parsed,
      savedAt: new Date().toISOString(),
      savedBy: options.by,
    };
    const value = { current: entry, history: [...history, entry] };
    await client.query(
      `INSERT INTO dataset_info (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [storeKey, JSON.stringify(value)],
    );
    return entry;
  });
}

export function restoreDefaultMpiConfig(options: { by: string; db?: Database }): Promise<StoredMpiConfig> {
  return saveMpiConfig(defaultMpiConfig, options);
}
