/**
 * wilayah (administrative boundaries, GeoJSON) → regions. Geometry is repaired with ST_MakeValid
 * (polygons kept, one note per repaired feature); missing kecamatan/kabupaten are dissolved from
 * their children with ST_Union. Boundary files are small (a kabupaten's desa are a few MB), so
 * the FeatureCollection is parsed whole.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import type pg from "pg";
import { dottedCode, FeatureCollectionSchema, readFeature, type BoundaryRow } from "../../../geo/boundaries/features";
import { officialRegionName } from "../../../geo/boundaries/names";
import { bulkLoad } from "../../bulk-load.server";
import type { Database } from "../../connection.server";
import { createBatch, finishBatch, inImportTransaction, progressReporter } from "../batch.server";
import { ErrorSink } from "../errors";
import { createStage, reportRows, runUpsert, stageLoadColumns } from "../staging.server";
import { ImportValidationError, type ImportOptions, type ImportResult } from "../types";

const STAGE = "import_stage";
const SHAPES = "import_shapes";

export async function importWilayah(database: Database, opts: ImportOptions, fileName: string): Promise<ImportResult> {
  const started = performance.now();
  const progress = progressReporter(opts.onProgress);
  const bytes = await fs.promises.readFile(opts.filePath);
  const checksum = createHash("sha256").update(bytes).digest("hex");
  const errors = new ErrorSink(fileName);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (err) {
    errors.add({ row: 1, column: "*", message: `bukan JSON yang valid: ${err instanceof Error ? err.message : String(err)}` });
    throw new ImportValidationError(errors.sorted());
  }
  const fc = FeatureCollectionSchema.safeParse(json);
  if (!fc.success) {
    errors.add({ row: 1, column: "type", message: "bukan GeoJSON FeatureCollection" });
    throw new ImportValidationError(errors.sorted());
  }
  const rows: BoundaryRow[] = [];
  fc.data.features.forEach((f, i) => {
    const r = readFeature(f, i + 1, opts);
    if (r.ok) rows.push(r.value);
    else for (const p of r.problems) errors.add(p);
  });
  if (errors.hasErrors) throw new ImportValidationError(errors.sorted(), errors.total);
  progress("parse", rows.length, true);

  const outcome = await inImportTransaction(database, Boolean(opts.dryRun), async (client) => {
    const notes: string[] = [];
    await createStage(client, STAGE, ["code", "level", "name", "geojson"]);
    await bulkLoad(
      client,
      rows.map((r) => [String(r.row), r.code, r.level, r.name, r.geometry]),
      { table: STAGE, columns: stageLoadColumns(["code", "level", "name", "geojson"]), embedded: database.embedded },
    );
    await reportRows(client, errors, {
      sql: `SELECT row_no, code AS value, first_row FROM (
              SELECT row_no, code, first_value(row_no) OVER w AS first_row, row_number() OVER w AS n
              FROM ${STAGE} WINDOW w AS (PARTITION BY code ORDER BY row_no)) d WHERE n > 1`,
      column: "kode",
      message: (v, r) => `kode ${v} sudah ada di fitur ${String(r.first_row)}`,
    });
    // Parse and repair in SQL; ST_IsValidReason explains what was repaired.
    await client.query(`
      CREATE TEMP TABLE ${SHAPES} ON COMMIT DROP AS
      SELECT row_no, code, level, name, valid, reason,
             CASE WHEN valid THEN ST_Multi(g) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS geom
      FROM (SELECT s.*, ST_IsValid(g) AS valid, CASE WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g) END AS reason
            FROM (SELECT s.*, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(s.geojson), 4326)) AS g FROM ${STAGE} s) s) v`);
    const shapesCount = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SHAPES}`);
    // PGlite may swallow a GEOS error and return no rows: never merge a partial set.
    if (shapesCount.rows[0].n !== rows.length) throw new Error(`geometri gagal dibaca (${shapesCount.rows[0].n} dari ${rows.length} fitur)`);
    await reportRows(client, errors, {
      sql: `SELECT row_no, code AS value FROM ${SHAPES} WHERE geom IS NULL OR ST_IsEmpty(geom)`,
      column: "geometry",
      message: (v) => `geometri ${v} kosong setelah diperbaiki (ST_MakeValid)`,
    });
    if (errors.hasErrors) throw new ImportValidationError(errors.sorted(), errors.total);
    const repaired = await client.query<{ row_no: number; code: string; reason: string }>(
      `SELECT row_no, code, reason FROM ${SHAPES} WHERE NOT valid ORDER BY row_no`,
    );
    for (const r of repaired.rows) notes.push(`fitur ${r.row_no} (${dottedCode(r.code)}): geometri diperbaiki dengan ST_MakeValid — ${r.reason}`);

    const batchId = await createBatch(client, { kind: "wilayah", fileName, checksum, importedBy: opts.importedBy, rowsTotal: rows.length });
    progress("merge", rows.length, true);
    const counts = await runUpsert(client, {
      table: "regions",
      conflict: ["code"],
      columns: [
        { name: "code", expr: "s.code" },
        { name: "level", expr: "s.level::region_level" },
        { name: "name", expr: "s.name" },
        { name: "parent_code", expr: "CASE length(s.code) WHEN 10 THEN left(s.code, 6) WHEN 6 THEN left(s.code, 4) WHEN 4 THEN left(s.code, 2) END" },
        { name: "geom", expr: "s.geom" },
        { name: "area_km2", expr: "ST_Area(s.geom::geography) / 1e6", bookkeeping: true },
        { name: "import_batch_id", expr: "$1::int", bookkeeping: true },
      ],
      from: `FROM ${SHAPES} s`,
      orderBy: "s.row_no",
      extraSet: ["updated_at = now()"],
      params: [batchId],
    });
    const dissolved = await dissolveMissingParents(client, batchId);
    for (const d of dissolved) notes.push(d);
    await finishBatch(client, batchId, { rowsInserted: counts.inserted, rowsUpdated: counts.updated, notes });
    return { batchId, ...counts, notes };
  });
  progress("done", rows.length, true);
  return {
    batchId: opts.dryRun ? null : outcome.batchId,
    kind: "wilayah",
    rowsTotal: rows.length,
    rowsInserted: outcome.inserted,
    rowsUpdated: outcome.updated,
    notes: outcome.notes,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Creates every missing kecamatan (from its desa) and then kabupaten (from its kecamatan) as the
 * union of its children. Stops at kabupaten: a province is never inferred from one kabupaten.
 */
async function dissolveMissingParents(client: pg.PoolClient, batchId: number): Promise<string[]> {
  const notes: string[] = [];
  for (const [childLength, parentLength, level] of [
    [10, 6, "kecamatan"],
    [6, 4, "kabupaten"],
  ] as const) {
    const { rows } = await client.query<{ code: string }>(
      `SELECT DISTINCT left(code, $1) AS code FROM regions r
       WHERE length(code) = $2 AND NOT EXISTS (SELECT 1 FROM regions p WHERE p.code = left(r.code, $1)) ORDER BY 1`,
      [parentLength, childLength],
    );
    if (!rows.length) continue;
    const names = await Promise.all(rows.map((r) => officialRegionName(r.code)));
    const inserted = await client.query(
      `INSERT INTO regions (code, level, name, parent_code, geom, area_km2, import_batch_id)
       SELECT p.code, $3::region_level, p.name, left(p.code, $4), u.geom, ST_Area(u.geom::geography) / 1e6, $5
       FROM unnest($1::text[], $2::text[]) AS p(code, name)
       CROSS JOIN LATERAL (
         SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom)), 3)) AS geom
         FROM regions c WHERE length(c.code) = $6 AND left(c.code, length(p.code)) = p.code) u`,
      [rows.map((r) => r.code), names, level, parentLength === 6 ? 4 : 2, batchId, childLength],
    );
    notes.push(`${inserted.rowCount} ${level} dibentuk dari gabungan wilayah di bawahnya (ST_Union): ${rows.map((r) => dottedCode(r.code)).join(", ")}`);
  }
  return notes;
}
