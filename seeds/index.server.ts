/**
 * Seed entry points: `generateSeedFiles` writes the formats.md files of a synthetic Kabupaten
 * Lumajang; `seedDatabase` also loads them through the importer (the one load path), stores
 * the planted errors (ground truth) and records the seed in dataset_info.
 */
import { datasetTables } from "../db/data-tables";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { dataDir } from "../app/env.server";
import { getDatabase, withTransaction, type Database } from "../db/connection.server";
import { importFile, type ImportProgress, type ImportResult } from "../db/import/index.server";
import type { ImportKind } from "../db/codes";
import { databaseContentHash } from "./db-hash.server";
import { generateSeed, SEED_VERSION, type GenerateResult } from "./generate";
import { plantedColumns } from "./plant";
import { kabupatenName } from "./regions";

export { SEED_VERSION, SEED_PERIODE } from "./generate";
export { databaseContentHash } from "./db-hash.server";

export const SeedOptionsSchema = z.object({
  households: z.number().int().min(1).max(2_000_000).default(20_000),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  boundaries: z.string().optional(),
  outDir: z.string().optional(),
});
export type SeedOptions = z.input<typeof SeedOptionsSchema>;

/** `<TEPAT_DATA_DIR, default ./data>/seed-<households>-<seed>`: beside the embedded database. */
export const defaultOutDir = (households: number, seed: number | string) => join(dataDir(), `seed-${households}-${seed}`);

export interface GenerateSeedFilesResult {
  files: GenerateResult["files"];
  plantedCount: number;
  plantedByKind: Record<string, number>;
  counts: GenerateResult["counts"];
  hash: string;
  outDir: string;
}

export async function generateSeedFiles(
  opts: SeedOptions & { onProgress?: (p: { households: number; total: number }) => void },
): Promise<GenerateSeedFilesResult> {
  const o = SeedOptionsSchema.parse(opts);
  const outDir = o.outDir ?? defaultOutDir(o.households, o.seed);
  const r = await generateSeed({ households: o.households, seed: o.seed, outDir, boundaries: o.boundaries, onProgress: opts.onProgress });
  return { files: r.files, plantedCount: r.plantedCount, plantedByKind: r.plantedByKind, counts: r.counts, hash: r.hash, outDir };
}

export type SeedProgress =
  | { phase: "generate"; households: number; total: number }
  | { phase: "import"; kind: ImportKind; progress: ImportProgress }
  | { phase: "planted" | "done"; message: string };

export interface SeedDatabaseResult extends GenerateSeedFilesResult {
  imports: ImportResult[];
  /** databaseContentHash after loading; only with `contentHash: true` (it reads every table). */
  dbHash: string | null;
}

const loadOrder: ImportKind[] = ["wilayah", "program", "rumah_tangga", "anggota", "penduduk", "penerima"];

const PlantedRowSchema = z.object(Object.fromEntries(plantedColumns.map((c) => [c, z.string()])) as Record<(typeof plantedColumns)[number], z.ZodString>);

/** Replaces seed_planted_findings with the rows of planted.csv. */
async function loadPlanted(database: Database, path: string): Promise<number> {
  const rows = z.array(PlantedRowSchema).parse(parse(await readFile(path, "utf8"), { columns: true, skip_empty_lines: true }));
  const col = (c: (typeof plantedColumns)[number]) => rows.map((r) => (r[c] === "" ? null : r[c]));
  await withTransaction(database.pool, async (client) => {
    await client.query("DELETE FROM seed_planted_findings");
    await client.query(
      `INSERT INTO seed_planted_findings (jenis, program, periode, nik, no_kk, id_rt, kode_desa, note)
       SELECT j::finding_kind, p, pe, n, k, r, d, nt
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS t(j, p, pe, n, k, r, d, nt)`,
      plantedColumns.map(col),
    );
  });
  return rows.length;
}

async function setDatasetInfo(database: Database, entries: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(entries)) {
    await database.pool.query(
      `INSERT INTO dataset_info (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}

/**
 * The tables a seed replaces with `reset` (CASCADE also empties tables that reference them, e.g.
 * findings or verification records of the old households). Accounts and sessions are kept.
 */
const seedDataTables = datasetTables;

export async function householdCount(database: Database): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM households");
  return rows[0].n;
}

/** Empties the data tables (not accounts) so a new seed does not mix with old data. */
export async function resetSeedData(database: Database): Promise<void> {
  const { rows } = await database.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)",
    [seedDataTables],
  );
  if (rows.length) await database.pool.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/** Generates the files, imports them in dependency order, then stores ground truth and dataset_info. */
export async function seedDatabase(
  opts: SeedOptions & {
    onProgress?: (p: SeedProgress) => void;
    log?: (line: string) => void;
    database?: Database;
    /** Also hash the loaded database content (tests; costs a full read of every table). */
    contentHash?: boolean;
    /** Empty the data tables first (resetSeedData). Without it the seed upserts over what is there. */
    reset?: boolean;
  },
): Promise<SeedDatabaseResult> {
  const o = SeedOptionsSchema.parse(opts);
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const generated = await generateSeedFiles({
    ...o,
    onProgress: (p) => opts.onProgress?.({ phase: "generate", ...p }),
  });
  log(`berkas dibuat di ${generated.outDir} (${generated.counts.households} rumah tangga, ${generated.counts.members} jiwa) dalam ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const database = opts.database ?? (await getDatabase());
  if (opts.reset) await resetSeedData(database);
  const imports: ImportResult[] = [];
  for (const kind of loadOrder) {
    const file = generated.files.find((f) => f.kind === kind);
    if (!file) throw new Error(`seed file for ${kind} missing`);
    const t = Date.now();
    const result = await importFile(database, {
      kind,
      filePath: file.path,
      importedBy: "seed",
      onProgress: (progress) => opts.onProgress?.({ phase: "import", kind, progress }),
    });
    imports.push(result);
    log(`impor ${kind}: ${result.rowsTotal} baris dalam ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const planted = generated.files.find((f) => f.kind === "planted");
  if (!planted) throw new Error("planted.csv missing");
  const plantedRows = await loadPlanted(database, planted.path);
  opts.onProgress?.({ phase: "planted", message: `${plantedRows} temuan tertanam` });
  await setDatasetInfo(database, {
    seed: { households: o.households, seed: o.seed, version: SEED_VERSION, boundaries: o.boundaries ?? null },
    data_hash: generated.hash,
    region_name: kabupatenName,
  });
  const dbHash = opts.contentHash ? (await databaseContentHash(database.pool)).hash : null;
  log(`selesai dalam ${((Date.now() - started) / 1000).toFixed(1)} s`);
  opts.onProgress?.({ phase: "done", message: dbHash ?? generated.hash });
  return { ...generated, imports, dbHash };
}
