/** Pieces shared by the per-kind check and merge SQL. */
import type { ColumnSpec, KindContext } from "./types";
import { quoteIdent, reportRows, duplicateRowsSql, type UpsertColumn } from "../staging.server";

/** `s.col::type` for a staged text column. */
export const cast = (c: Pick<ColumnSpec, "name" | "sqlType">): string =>
  `s.${quoteIdent(c.name)}${c.sqlType && c.sqlType !== "text" ? `::${c.sqlType}` : ""}`;

/**
 * Upsert columns for the plain (one-to-one) columns of a kind. Columns absent from the file are
 * inserted as NULL but left alone on update, so a file with fewer columns never wipes data.
 */
export function plainColumns(columns: readonly ColumnSpec[], present: ReadonlySet<string>, skip: readonly string[] = []): UpsertColumn[] {
  return columns
    .filter((c) => !skip.includes(c.name))
    .map((c) => ({ name: c.name, expr: cast(c), onUpdate: present.has(c.name) ? undefined : null }));
}

/** Error for every row repeating the key of an earlier row. */
export async function reportDuplicates(ctx: KindContext, keys: readonly string[], column: string, label: string): Promise<void> {
  // A hashed GROUP BY finds whether any key repeats (~4x cheaper than the window's sort of the
  // whole stage, measured at 190k rows); the window query then runs only to report the rows.
  const cols = keys.map(quoteIdent).join(", ");
  const { rows } = await ctx.client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(ctx.stage)} GROUP BY ${cols} HAVING count(*) > 1) AS any`,
  );
  if (!rows[0].any) return;
  await reportRows(ctx.client, ctx.errors, {
    sql: duplicateRowsSql(ctx.stage, keys, keys.map((k) => `${quoteIdent(k)}`).join(" || '/' || ")),
    column,
    message: (v, r) => `${label} "${v}" sudah ada di baris ${String(r.first_row)} berkas ini`,
  });
}

/** Error for every row whose kode_desa is not a desa in regions. */
export async function reportUnknownDesa(ctx: KindContext): Promise<void> {
  await reportRows(ctx.client, ctx.errors, {
    sql: `SELECT s.row_no, s.kode_desa AS value FROM ${quoteIdent(ctx.stage)} s
          WHERE s.kode_desa IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = s.kode_desa AND r.level = 'desa')`,
    column: "kode_desa",
    message: (v) => `kode desa ${v} tidak ada di data wilayah (impor wilayah dulu, atau periksa kodenya)`,
  });
}

/** Bookkeeping columns every merged table carries. */
export const batchColumn = (): UpsertColumn => ({ name: "import_batch_id", expr: "$1::int", bookkeeping: true });
