/**
 * Set-based helpers over the per-import staging table: a TEMP table of text columns dropped at
 * COMMIT/ROLLBACK, checks that report a sample of offending rows plus their count, and the
 * generic upsert that counts inserted vs updated rows.
 */
import type pg from "pg";
import type { ErrorSink } from "./errors";

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates `table (row_text, <columns> text, row_no int)` living until the end of the transaction.
 * Loaders fill `row_text` (bulkLoad's embedded path sends every column as text[]); `row_no` is
 * generated from it so checks can order and report by number.
 */
export async function createStage(client: pg.PoolClient, table: string, columns: readonly string[]): Promise<void> {
  const cols = columns.map((c) => `${quoteIdent(c)} text`).join(", ");
  await client.query(
    `CREATE TEMP TABLE ${quoteIdent(table)} (row_text text NOT NULL, ${cols}, row_no integer GENERATED ALWAYS AS (row_text::integer) STORED) ON COMMIT DROP`,
  );
}

/** Column list for bulkLoad into a stage made by createStage. */
export const stageLoadColumns = (columns: readonly string[]): string[] => ["row_text", ...columns];

/**
 * Runs `sql`, which must select `row_no` and `value` of offending rows (any order), and adds
 * them as errors on `column`. Only `keep` rows travel back; the total is counted in SQL.
 */
export async function reportRows(
  client: pg.PoolClient,
  sink: ErrorSink,
  opts: {
    sql: string;
    params?: unknown[];
    column: string;
    message: (value: string | null, row: { row_no: number; value: string | null; [k: string]: unknown }) => string;
    allowed?: readonly string[];
  },
): Promise<number> {
  const { rows } = await client.query<{ row_no: number; value: string | null; total: number }>(
    `SELECT q.*, count(*) OVER () AS total FROM (${opts.sql}) q ORDER BY q.row_no LIMIT ${sink.keep}`,
    opts.params,
  );
  const total = rows.length ? Number(rows[0].total) : 0;
  sink.addCounted(
    rows.map((r) => ({ row: r.row_no, column: opts.column, message: opts.message(r.value, r), allowed: opts.allowed })),
    total,
  );
  return total;
}

/** Rows whose key repeats an earlier row of the same file. */
export function duplicateRowsSql(stage: string, keyColumns: readonly string[], valueExpr: string): string {
  const keys = keyColumns.map(quoteIdent).join(", ");
  return `SELECT row_no, value, first_row FROM (
      SELECT row_no, ${valueExpr} AS value,
             first_value(row_no) OVER w AS first_row, row_number() OVER w AS n
      FROM ${quoteIdent(stage)}
      WINDOW w AS (PARTITION BY ${keys} ORDER BY row_no)) d
    WHERE n > 1`;
}

export interface UpsertColumn {
  name: string;
  /** SQL expression over the source rows (alias `s`). */
  expr: string;
  /** Value on update (default `EXCLUDED.<name>`); `null` = never updated (keys). */
  onUpdate?: string | null;
  /** Excluded from the "anything changed?" comparison (bookkeeping columns). */
  bookkeeping?: boolean;
}

export interface UpsertSpec {
  table: string;
  conflict: readonly string[];
  columns: readonly UpsertColumn[];
  /** `FROM …` clause (with joins, no ORDER BY) giving the source rows as `s`. */
  from: string;
  /** Insert order (e.g. `s.row_no`, so serial ids follow the file); none = scan order. */
  orderBy?: string;
  /** Extra SET items applied on every real update, e.g. `version = t.version + 1`. */
  extraSet?: readonly string[];
  params?: unknown[];
  /** A big load: into an empty table, build its plain indexes after the insert (see deferIndexes). */
  bulk?: boolean;
}

/**
 * Into an EMPTY table, inserting first and building the secondary indexes afterwards (one
 * sort each) is much cheaper than maintaining them row by row: measured 4.7 → 2.8 s for 190k
 * members. Primary keys and constraint indexes stay (foreign keys lean on them). A unique index
 * rebuilt afterwards still checks the rows: CREATE UNIQUE INDEX fails on a duplicate and the
 * import rolls back (the kinds already checked their keys unique in the file, and the table was
 * empty). The indexes are dropped and recreated from their own definitions inside the import
 * transaction, so any error rolls the drop back too; the catch is an ACCESS EXCLUSIVE lock on
 * the (empty) table until COMMIT.
 */
async function deferIndexes<T>(client: pg.PoolClient, table: string, fn: () => Promise<T>): Promise<T> {
  const empty = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS empty`);
  if (!empty.rows[0].empty) return fn();
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY 1`,
    [quoteIdent(table)],
  );
  if (!indexes.length) return fn();
  await client.query(`DROP INDEX ${indexes.map((i) => i.name).join(", ")}`);
  const result = await fn();
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const i of indexes) await client.query(i.def);
  return result;
}

/**
 * Merges the source rows into `table`, touching only rows whose values change, so a re-import
 * of the same file writes nothing and reports 0 inserted, 0 updated. Two set-based statements
 * instead of `INSERT … ON CONFLICT DO UPDATE`: an `UPDATE … FROM` (hash join) of the rows that
 * exist and differ, then a plain `INSERT` of the rows that don't exist (hash anti-join).
 * Measured at 190k rows: ON CONFLICT's per-row speculative insertion and arbiter probe cost
 * ~20% more than the plain insert, and a first load (the common, big case) updates nothing.
 * Source keys are unique (every kind checks duplicates first) and imports are serialised by
 * inImportTransaction's advisory lock, so no other import can insert a key in between.
 * `onUpdate` expressions see the new row as `EXCLUDED` and the stored row as `t`, as before.
 */
export async function runUpsert(client: pg.PoolClient, spec: UpsertSpec): Promise<{ inserted: number; updated: number }> {
  return spec.bulk ? deferIndexes(client, spec.table, () => merge(client, spec)) : merge(client, spec);
}

async function merge(client: pg.PoolClient, spec: UpsertSpec): Promise<{ inserted: number; updated: number }> {
  const names = spec.columns.map((c) => quoteIdent(c.name));
  const updatable = spec.columns.filter((c) => c.onUpdate !== null && !spec.conflict.includes(c.name));
  const newValue = (c: UpsertColumn) => c.onUpdate ?? `EXCLUDED.${quoteIdent(c.name)}`;
  const compared = updatable.filter((c) => !c.bookkeeping);
  const table = quoteIdent(spec.table);
  const source = `SELECT ${spec.columns.map((c, i) => `${c.expr} AS ${names[i]}`).join(", ")}${spec.orderBy ? `, ${spec.orderBy} AS "__order"` : ""} ${spec.from}`;
  const keyMatch = spec.conflict.map((k) => `t.${quoteIdent(k)} = EXCLUDED.${quoteIdent(k)}`).join(" AND ");

  let updated = 0;
  // No compared column (only keys and bookkeeping): existing rows are never rewritten.
  if (compared.length) {
    const set = [...updatable.map((c) => `${quoteIdent(c.name)} = ${newValue(c)}`), ...(spec.extraSet ?? [])];
    const r = await client.query(
      `UPDATE ${table} AS t SET ${set.join(", ")}
       FROM (${source}) AS EXCLUDED
       WHERE ${keyMatch}
         AND (${compared.map((c) => `t.${quoteIdent(c.name)}`).join(", ")}) IS DISTINCT FROM (${compared.map(newValue).join(", ")})`,
      spec.params,
    );
    updated = r.rowCount ?? 0;
  }
  const r = await client.query(
    `INSERT INTO ${table} (${names.join(", ")})
     SELECT ${names.map((n) => `EXCLUDED.${n}`).join(", ")} FROM (${source}) AS EXCLUDED
     WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${keyMatch})${spec.orderBy ? ` ORDER BY EXCLUDED."__order"` : ""}`,
    spec.params,
  );
  return { inserted: r.rowCount ?? 0, updated };
}
