/**
 * Streams rows of text values into a table. On a PostgreSQL server this is `COPY … FROM STDIN`
 * (the fastest path, ~250k rows/s here); the embedded server (pglite-socket) loses protocol
 * sync on COPY, so there the same rows go in batches of `INSERT … SELECT unnest($1::text[], …)`
 * (~140k rows/s). Callers see one function; see docs/decisions/0002-bulk-load.md.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type TextRow = (string | null)[];

export interface BulkLoadOptions {
  /** Table to load, already created; columns take text input. */
  table: string;
  columns: readonly string[];
  /** Use batched INSERT instead of COPY (the embedded server). */
  embedded: boolean;
  batchSize?: number;
  onRows?: (loaded: number) => void;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const copySpecial = /[\\\t\n\r]/;
const copySpecialAll = /[\\\t\n\r]/g;
const copyEscape = (c: string) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r");

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
export function copyTextLine(row: TextRow): string {
  let line = "";
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (i > 0) line += "\t";
    // Test first: almost no cell needs escaping, and a replace() with a callback on every cell
    // was a fifth of the import's JS time (measured ~2.5x faster per row this way).
    line += v === null ? "\\N" : copySpecial.test(v) ? v.replace(copySpecialAll, copyEscape) : v;
  }
  return line + "\n";
}

export async function bulkLoad(
  client: pg.PoolClient,
  rows: AsyncIterable<TextRow> | Iterable<TextRow>,
  opts: BulkLoadOptions,
): Promise<number> {
  const cols = opts.columns.map(quoteIdent).join(", ");
  const target = opts.table.split(".").map(quoteIdent).join(".");
  let loaded = 0;
  if (!opts.embedded) {
    const lines = async function* () {
      let chunk = "";
      for await (const row of rows) {
        chunk += copyTextLine(row);
        loaded++;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = "";
          opts.onRows?.(loaded);
        }
      }
      if (chunk) yield chunk;
      opts.onRows?.(loaded);
    };
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${target} (${cols}) FROM STDIN`)));
    return loaded;
  }

  const batchSize = opts.batchSize ?? 5000;
  const params = opts.columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const sql = `INSERT INTO ${target} (${cols}) SELECT * FROM unnest(${params})`;
  let columnsBuf: (string | null)[][] = opts.columns.map(() => []);
  let inBatch = 0;
  const flush = async () => {
    if (inBatch === 0) return;
    await client.query(sql, columnsBuf);
    loaded += inBatch;
    opts.onRows?.(loaded);
    columnsBuf = opts.columns.map(() => []);
    inBatch = 0;
  };
  for await (const row of rows) {
    for (let c = 0; c < columnsBuf.length; c++) columnsBuf[c].push(row[c] ?? null);
    if (++inBatch >= batchSize) await flush();
  }
  await flush();
  return loaded;
}
