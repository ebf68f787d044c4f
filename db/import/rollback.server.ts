/**
 * Rolling back an import batch: the database goes back to how it was before that batch. Rows the
 * batch inserted carry its id and are deleted; rows it updated get back the before-images the
 * trigger of migration 0008 kept in import_batch_rows. Everything is set-based and happens in one
 * transaction (serialised with imports by the same advisory lock), with one audit entry.
 *
 * Only the latest change of those rows may be undone: if a later batch or a manual edit touched
 * any of them (their updated_at is no longer the batch's transaction time, or a later batch kept
 * a before-image carrying this batch's id), or rows of other data still point at rows that would
 * be deleted, the rollback is refused with a message that says which and how many.
 *
 * `wilayah` batches are not rolled back: every dataset row points at a desa (the delete would be
 * refused anyway), geometry before-images would be megabytes per batch, and the dissolved parent
 * regions are derived; re-importing the previous boundary file restores boundaries.
 */
import type pg from "pg";
import type { ImportKind } from "../codes";
import { recordAudit } from "../audit.server";
import type { Database } from "../connection.server";
import { withTransaction } from "../connection.server";
import { quoteIdent } from "./staging.server";

/** Table each rollback-able kind writes, and its (single-column) primary key. */
export const rollbackTargets: Record<Exclude<ImportKind, "wilayah">, { table: string; key: string }> = {
  rumah_tangga: { table: "households", key: "id_rt" },
  anggota: { table: "members", key: "id" },
  penduduk: { table: "population", key: "nik" },
  penerima: { table: "recipients", key: "id" },
  program: { table: "programs", key: "kode" },
};
const keyOf: Record<string, string> = Object.fromEntries(Object.values(rollbackTargets).map((t) => [t.table, t.key]));

/** Row counts in Bahasa Indonesia for the messages. */
const tableLabel: Record<string, string> = {
  households: "rumah tangga",
  members: "anggota rumah tangga",
  population: "penduduk",
  recipients: "penerima",
  programs: "program",
};
const label = (table: string) => tableLabel[table] ?? table;

export class RollbackRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RollbackRefused";
  }
}

export interface RollbackResult {
  batchId: number;
  kind: ImportKind;
  deleted: number;
  restored: Record<string, number>;
}

interface BatchRow {
  id: number;
  kind: ImportKind;
  file_name: string;
  /** Exact (microseconds) as text: a JS Date would drop them. */
  started_at: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  rows_inserted: number;
  rows_updated: number;
}

export async function rollbackBatch(
  database: Database,
  opts: { batchId: number; actor: string; accountId: number | null; mayRollback?: (kind: ImportKind) => boolean },
): Promise<RollbackResult> {
  try {
    return await rollbackInTransaction(database, opts);
  } catch (err) {
    // A before-image is the row's text literal: a table that gained or lost columns since
    // cannot take it back.
    if ((err as { code?: string }).code === "22P02" && /record/i.test((err as Error).message))
      throw new RollbackRefused(`Impor #${opts.batchId} tidak dapat dibatalkan: struktur tabel berubah sejak impor ini.`);
    throw err;
  }
}

function rollbackInTransaction(
  database: Database,
  opts: { batchId: number; actor: string; accountId: number | null; mayRollback?: (kind: ImportKind) => boolean },
): Promise<RollbackResult> {
  return withTransaction(
    database.pool,
    async (client) => {
      const { rows } = await client.query<BatchRow>(
        `SELECT id, kind, file_name, started_at::text AS started_at, finished_at, rolled_back_at, rows_inserted, rows_updated
         FROM import_batches WHERE id = $1 FOR UPDATE`,
        [opts.batchId],
      );
      const batch = rows[0];
      if (!batch) throw new RollbackRefused(`Impor #${opts.batchId} tidak ditemukan.`);
      if (opts.mayRollback && !opts.mayRollback(batch.kind)) throw new RollbackRefused("Akun Anda tidak berhak membatalkan impor jenis data ini.");
      if (batch.rolled_back_at) throw new RollbackRefused(`Impor #${batch.id} sudah dibatalkan.`);
      if (!batch.finished_at) throw new RollbackRefused(`Impor #${batch.id} belum selesai.`);
      if (batch.kind === "wilayah")
        throw new RollbackRefused("Impor batas wilayah tidak dapat dibatalkan: unggah kembali berkas batas sebelumnya.");
      const target = rollbackTargets[batch.kind];

      await refuseOnLaterChanges(client, batch, target);

      // Before-images back first: afterwards the rows still stamped with this batch are exactly
      // the ones it inserted.
      const { rows: imaged } = await client.query<{ table_name: string }>(
        "SELECT DISTINCT table_name FROM import_batch_rows WHERE batch_id = $1 ORDER BY 1",
        [batch.id],
      );
      const restored: Record<string, number> = {};
      for (const { table_name: table } of imaged) restored[table] = await restoreImages(client, batch.id, table);
      // A program import also wrote rule versions (analytics/eligibility versionImportedPrograms),
      // marked with its batch; the restored programs.rule is the version in force before it.
      if (batch.kind === "program")
        await client.query("DELETE FROM program_rules WHERE note = 'impor program (batch ' || $1::int || ')'", [batch.id]);
      const del = await client.query(`DELETE FROM ${quoteIdent(target.table)} WHERE import_batch_id = $1`, [batch.id]);
      const deleted = del.rowCount ?? 0;
      await client.query("DELETE FROM import_batch_rows WHERE batch_id = $1", [batch.id]);
      await client.query("UPDATE import_batches SET rolled_back_at = now(), rolled_back_by = $2 WHERE id = $1", [batch.id, opts.actor]);
      await recordAudit(client, {
        accountId: opts.accountId,
        actor: opts.actor,
        entity: "import",
        entityKey: String(batch.id),
        action: "rollback",
        before: { kind: batch.kind, file: batch.file_name, rowsInserted: batch.rows_inserted, rowsUpdated: batch.rows_updated },
        after: { deleted, restored },
      });
      return { batchId: batch.id, kind: batch.kind, deleted, restored };
    },
    { setup: ["SET LOCAL work_mem = '128MB'", "SET LOCAL jit = off", "SELECT pg_advisory_xact_lock(hashtext('tepat.import'))"] },
  );
}

/** Refuses when a later batch, a manual edit or dependent data stands in the way. */
async function refuseOnLaterChanges(client: pg.PoolClient, batch: BatchRow, target: { table: string; key: string }): Promise<void> {
  const problems: string[] = [];
  // 1. A later batch (not itself rolled back) updated rows as this batch left them.
  for (const table of Object.keys(keyOf)) {
    const later = await client.query<{ batch_id: number; n: number }>(
      `SELECT r.batch_id, count(*)::int AS n
       FROM import_batch_rows r JOIN import_batches b ON b.id = r.batch_id AND b.rolled_back_at IS NULL
       WHERE r.batch_id > $1 AND r.table_name = $2 AND (${beforeRow(table, "r")}).import_batch_id = $1
       GROUP BY 1 ORDER BY 1`,
      [batch.id, table],
    );
    for (const r of later.rows) problems.push(`${r.n} baris ${label(table)} diubah lagi oleh impor #${r.batch_id}`);
  }

  // 2. Rows this batch wrote that changed since (edits, locations, later batches): their
  //    updated_at is no longer this batch's transaction time, or they are gone.
  const stamped = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${quoteIdent(target.table)} WHERE import_batch_id = $1 AND updated_at <> $2::timestamptz`,
    [batch.id, batch.started_at],
  );
  if (stamped.rows[0].n) problems.push(`${stamped.rows[0].n} baris ${label(target.table)} disunting setelah impor ini`);
  const { rows: imaged } = await client.query<{ table_name: string }>(
    "SELECT DISTINCT table_name FROM import_batch_rows WHERE batch_id = $1 ORDER BY 1",
    [batch.id],
  );
  for (const { table_name: table } of imaged) {
    const key = keyOf[table];
    if (!key) throw new Error(`tabel ${table} tidak dikenal untuk pembatalan`);
    const { rows } = await client.query<{ changed: number; gone: number }>(
      `SELECT count(*) FILTER (WHERE t.updated_at <> $2::timestamptz)::int AS changed,
              count(*) FILTER (WHERE t.${quoteIdent(key)} IS NULL)::int AS gone
       FROM import_batch_rows r LEFT JOIN ${quoteIdent(table)} t ON t.${quoteIdent(key)}::text = r.row_key
       WHERE r.batch_id = $1 AND r.table_name = $3`,
      [batch.id, batch.started_at, table],
    );
    // The target table's rows were counted above (1 and 2); rows of other tables this batch
    // changed along (members following their household's desa) are checked here.
    if (rows[0].changed && table !== target.table) problems.push(`${rows[0].changed} baris ${label(table)} diubah setelah impor ini`);
    if (rows[0].gone) problems.push(`${rows[0].gone} baris ${label(table)} yang diubah impor ini sudah dihapus`);
  }
  if (problems.length === 0 && batch.rows_inserted > 0) {
    // 3. Other rows still pointing at rows the rollback would delete (e.g. members of inserted
    //    households, recipients of an inserted program), unless written in this batch's transaction.
    const { rows: fks } = await client.query<{ child: string; column: string; parent_column: string; stamp: string | null }>(
      `SELECT c.conrelid::regclass::text AS child, a.attname AS column, pa.attname AS parent_column,
              (SELECT s.attname FROM pg_attribute s WHERE s.attrelid = c.conrelid AND s.attname IN ('updated_at', 'created_at') AND NOT s.attisdropped
               ORDER BY s.attname DESC LIMIT 1) AS stamp
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND cardinality(c.conkey) = 1
       ORDER BY 1`,
      [quoteIdent(target.table)],
    );
    for (const fk of fks) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${quoteIdent(fk.child)} c
         WHERE c.${quoteIdent(fk.column)} IN (
                 SELECT p.${quoteIdent(fk.parent_column)} FROM ${quoteIdent(target.table)} p
                 WHERE p.import_batch_id = $1
                   AND p.${quoteIdent(target.key)}::text NOT IN (
                     SELECT r.row_key FROM import_batch_rows r WHERE r.batch_id = $1 AND r.table_name = '${target.table}'))
           ${fk.stamp ? `AND c.${quoteIdent(fk.stamp)} <> $2::timestamptz` : ""}`,
        fk.stamp ? [batch.id, batch.started_at] : [batch.id],
      );
      if (rows[0].n) problems.push(`${rows[0].n} baris ${label(fk.child)} masih merujuk ${label(target.table)} yang ditambahkan impor ini`);
    }
  }
  if (problems.length)
    throw new RollbackRefused(
      `Impor #${batch.id} tidak dapat dibatalkan: ${problems.join("; ")}. Hanya perubahan terakhir yang dapat dibatalkan; batalkan impor yang lebih baru dulu.`,
    );
}

/**
 * The stored before-image as a row of `table`: the row's text literal (migration 0008), or a
 * jsonb object (the trigger's first version, still read).
 */
const beforeRow = (table: string, alias: string): string =>
  `CASE WHEN jsonb_typeof(${alias}.before) = 'string' THEN (${alias}.before #>> '{}')::${quoteIdent(table)}
        ELSE jsonb_populate_record(NULL::${quoteIdent(table)}, ${alias}.before) END`;

/** Writes the before-images of `table` back over the current rows (every stored column). */
async function restoreImages(client: pg.PoolClient, batchId: number, table: string): Promise<number> {
  const key = keyOf[table];
  const { rows: cols } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' AND attname <> $2
     ORDER BY attnum`,
    [quoteIdent(table), key],
  );
  const names = cols.map((c) => quoteIdent(c.name));
  const r = await client.query(
    // Each image is parsed once (MATERIALIZED); `(f(x)).*` would call f once per column.
    `WITH b AS MATERIALIZED (SELECT ${beforeRow(table, "i")} AS r FROM import_batch_rows i WHERE i.batch_id = $1 AND i.table_name = $2)
     UPDATE ${quoteIdent(table)} t SET (${names.join(", ")}) = (${names.map((n) => `(b.r).${n}`).join(", ")})
     FROM b WHERE t.${quoteIdent(key)} = (b.r).${quoteIdent(key)}`,
    [batchId, table],
  );
  return r.rowCount ?? 0;
}
