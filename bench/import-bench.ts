/**
 * Import benchmark: imports each seed file of `dir` through the one importer and, in the same run,
 * a raw `COPY` of the same file into a bare temp table of text columns, so the ratio
 * import/COPY shows what validation, staging and merging cost (goal ≥ 0.4). Also reports the
 * process's peak RSS (goal < 500 MB for 1M members: the importer streams).
 */
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportKind } from "../db/codes";
import { getDatabase, type Database } from "../db/connection.server";
import { detectSeparator } from "../db/import/csv";
import { importFile } from "../db/import/index.server";

/** Seed files in load order (each kind's references are loaded before it). */
export const benchFiles: [ImportKind, string][] = [
  ["wilayah", "wilayah.geojson"],
  ["program", "program.csv"],
  ["rumah_tangga", "rumah_tangga.csv"],
  ["anggota", "anggota.csv"],
  ["penduduk", "penduduk.csv"],
  ["penerima", "penerima.csv"],
];

const round = (n: number) => Math.round(n);

/** Raw COPY of a CSV file into a temp table of text columns; returns rows and seconds. */
async function rawCopy(database: Database, file: string): Promise<{ rows: number; seconds: number }> {
  // Only the first 64 KB: reading the whole file here (160 MB for 1M members) used to dominate
  // the peak RSS this bench reports for the importer.
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(65536);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const head = buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/)[0];
  const sep = detectSeparator(head);
  const width = head.split(sep).length;
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE bench_copy (${Array.from({ length: width }, (_, i) => `c${i} text`).join(", ")}) ON COMMIT DROP`);
    const started = performance.now();
    const stream = client.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER '${sep}')`));
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), stream);
    const seconds = (performance.now() - started) / 1000;
    await client.query("ROLLBACK");
    return { rows: Number(stream.rowCount), seconds };
  } finally {
    client.release();
  }
}

export async function benchImport(dir: string): Promise<Record<string, unknown>> {
  const database = await getDatabase();
  const figures: Record<string, unknown> = {};
  let importRows = 0;
  let importSeconds = 0;
  let copyRows = 0;
  let copySeconds = 0;
  for (const [kind, name] of benchFiles) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const r = await importFile(database, { kind, filePath: file, importedBy: "bench" });
    const seconds = r.durationMs / 1000;
    const rate = r.rowsTotal / Math.max(seconds, 1e-3);
    figures[`${kind}_rows`] = r.rowsTotal;
    figures[`${kind}_import_rows_per_s`] = round(rate);
    figures[`${kind}_inserted_updated`] = `${r.rowsInserted}/${r.rowsUpdated}`;
    if (r.phasesMs) figures[`${kind}_phases_ms`] = r.phasesMs;
    // Peak RSS so far, read before this kind's raw COPY: the importer's own footprint.
    figures[`${kind}_peak_rss_mb_after_import`] = round(process.resourceUsage().maxRSS / 1024);
    if (kind === "wilayah") continue;
    importRows += r.rowsTotal;
    importSeconds += seconds;
    if (database.embedded) {
      // pglite-socket cannot take COPY FROM STDIN (see db/bulk-load.server.ts).
      figures[`${kind}_copy_rows_per_s`] = "n/a (embedded)";
      continue;
    }
    const c = await rawCopy(database, file);
    const copyRate = c.rows / Math.max(c.seconds, 1e-3);
    copyRows += c.rows;
    copySeconds += c.seconds;
    figures[`${kind}_copy_rows_per_s`] = round(copyRate);
    figures[`${kind}_ratio_import_vs_copy`] = Number((rate / copyRate).toFixed(3));
  }
  if (copySeconds > 0 && importSeconds > 0)
    figures.total_ratio_import_vs_copy = Number((importRows / importSeconds / (copyRows / copySeconds)).toFixed(3));
  figures.peak_rss_mb = round(process.resourceUsage().maxRSS / 1024);
  return figures;
}
