/**
 * The import transaction and its import_batches row. Everything an import writes happens on one
 * client in one transaction: any error rolls it all back, and a dry run rolls back at the end
 * (after the merge, so its counts are exact).
 */
import type pg from "pg";
import type { ImportKind } from "../codes";
import { withTransaction, type Database } from "../connection.server";

export function inImportTransaction<T>(database: Database, dryRun: boolean, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(database.pool, fn, {
    setup: [
      // Sorts and hash joins over a million staged rows stay in memory instead of spilling to disk.
      "SET LOCAL work_mem = '128MB'",
      // JIT compiles expressions of every big-cost statement (ST_Covers over the stage: 0.6 s of
      // compiling for 50 ms of work, measured); these statements are short, compiling never pays.
      "SET LOCAL jit = off",
      // One import at a time: runUpsert inserts the keys it did not find without ON CONFLICT.
      "SELECT pg_advisory_xact_lock(hashtext('tepat.import'))",
    ],
    rollbackAtEnd: dryRun,
  });
}

export async function createBatch(
  client: pg.PoolClient,
  b: { kind: ImportKind; fileName: string; checksum: string; importedBy: string; rowsTotal: number },
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO import_batches (kind, file_name, checksum, imported_by, rows_total) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [b.kind, b.fileName, b.checksum, b.importedBy, b.rowsTotal],
  );
  return rows[0].id;
}

/** Turns on the before-image trigger (migration 0008) for the rest of this transaction. */
export async function captureBeforeImages(client: pg.PoolClient, batchId: number): Promise<void> {
  await client.query("SELECT set_config('tepat.import_batch', $1, true)", [String(batchId)]);
}

export async function finishBatch(
  client: pg.PoolClient,
  id: number,
  r: { rowsInserted: number; rowsUpdated: number; notes: string[] },
): Promise<void> {
  await client.query(
    `UPDATE import_batches SET finished_at = clock_timestamp(), rows_inserted = $2, rows_updated = $3, notes = $4::jsonb WHERE id = $1`,
    [id, r.rowsInserted, r.rowsUpdated, JSON.stringify(r.notes)],
  );
}

/** Throttled progress reporting with rows/s since the start. */
export function progressReporter(onProgress: ((p: { phase: "parse" | "load" | "merge" | "done"; rows: number; rowsPerSecond: number }) => void) | undefined) {
  const started = performance.now();
  let last = 0;
  return (phase: "parse" | "load" | "merge" | "done", rows: number, force = false) => {
    if (!onProgress) return;
    const now = performance.now();
    if (!force && now - last < 250) return;
    last = now;
    const seconds = (now - started) / 1000;
    onProgress({ phase, rows, rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0 });
  };
}
