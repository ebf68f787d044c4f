/** What a CSV import kind declares: its columns (cell schemas) and its set-based check + merge. */
import type pg from "pg";
import type { ImportKind } from "../../codes";
import type { ErrorSink } from "../errors";
import type { CellSchema } from "../fields";

export interface ColumnSpec {
  name: string;
  cell: CellSchema;
  /** The header must be present and every cell filled. */
  required?: boolean;
  /** SQL type the staged text is cast to when merged (default text). */
  sqlType?: string;
}

export interface RowProblem {
  column: string;
  message: string;
  allowed?: readonly string[];
}

export interface KindContext {
  client: pg.PoolClient;
  /** Staging table name (text columns + row_no). */
  stage: string;
  /** Normalised names of the columns present in the file. */
  present: ReadonlySet<string>;
  errors: ErrorSink;
  notes: string[];
  batchId: number;
  importedBy: string;
  /** A big load on a server: merges may build an empty table's indexes after inserting. */
  bulk: boolean;
}

export interface CsvKind {
  kind: Exclude<ImportKind, "wilayah">;
  columns: readonly ColumnSpec[];
  /** Cross-cell checks of one row (e.g. lintang without bujur), on canonical values. */
  checkRow?: (get: (column: string) => string | null) => RowProblem | null;
  /** Set-based checks against the staged rows and the database; adds errors to ctx.errors. */
  check(ctx: KindContext): Promise<void>;
  /** Writes the staged rows; runs only when there are no errors. */
  merge(ctx: KindContext): Promise<{ inserted: number; updated: number }>;
}
