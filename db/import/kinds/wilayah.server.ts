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
import { isZip, shapefileToGeoJson, type ShapefileInfo } from "../../../geo/boundaries/shapefile";
import { ImportValidationError, type BoundaryReport, type ImportOptions, type ImportResult } from "../types";

const STAGE = "import_stage";
const SHAPES = "import_shapes";

export async function importWilayah(database: Database, opts: ImportOptions, fileName: string): Promise<ImportResult> {
  const started = performance.now();
  const progress = progressReporter(opts.onProgress);
  const bytes = await fs.promises.readFile(opts.filePath);
  const checksum = createHash("sha256").update(bytes).digest("hex");
  const errors = new ErrorSink(fileName);
  let json: unknown;
  let shapefile: ShapefileInfo | null = null;
  if (isZip(bytes)) {
    // Zipped Shapefile: converted (and reprojected from its .prj) to the same FeatureCollection.
    try {
      const r = await shapefileToGeoJson(bytes);
      json = r.geojson;
      shapefile = r.info;
    } catch (err) {
      errors.add({ row: 1, column: "*", message: err instanceof Error ? err.message : String(err) });
      throw new ImportValidationError(errors.sorted());
    }
  } else {
    try {
      json = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
    } catch (err) {
      errors.add({ row: 1, column: "*", message: `bukan JSON yang valid: ${err instanceof Error ? err.message : String(err)}` });
      throw new ImportValidationError(errors.sorted());
    }
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
    const report = await boundaryReport(client, repaired.rows, shapefile);
    notes.push(...reportNotes(report));

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
    return { batchId, ...counts, notes, report };
  });
  progress("done", rows.length, true);
  return {
    batchId: opts.dryRun ? null : outcome.batchId,
    kind: "wilayah",
    rowsTotal: rows.length,
    rowsInserted: outcome.inserted,
    rowsUpdated: outcome.updated,
    notes: outcome.notes,
    report: outcome.report,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The boundary validation report, on the repaired shapes before they are merged: levels, codes
 * already known vs new, desa used by households but missing from the file, and features lying
 * outside their kabupaten (a point on their surface outside the kabupaten polygon, taken from the
 * file or else from the database) or coded for another kabupaten than most of the file.
 */
async function boundaryReport(
  client: pg.PoolClient,
  repaired: { row_no: number; code: string; reason: string }[],
  shapefile: ShapefileInfo | null,
): Promise<BoundaryReport> {
  const { rows: counts } = await client.query<{ level: string; n: number; known: number }>(
    `SELECT s.level, count(*)::int AS n, count(r.code)::int AS known
     FROM ${SHAPES} s LEFT JOIN regions r ON r.code = s.code GROUP BY 1 ORDER BY 1`,
  );
  const { rows: main } = await client.query<{ kab: string | null }>(
    `SELECT left(code, 4) AS kab FROM ${SHAPES} WHERE length(code) >= 4 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const kab = main[0]?.kab ?? null;
  const { rows: outside } = await client.query<{ row_no: number; code: string; name: string; why: string }>(
    `WITH kab AS (
       SELECT geom FROM ${SHAPES} WHERE code = $1
       UNION ALL SELECT geom FROM regions WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM ${SHAPES} WHERE code = $1) LIMIT 1)
     SELECT s.row_no, s.code, s.name, CASE WHEN left(s.code, 4) <> $1 THEN 'kode' ELSE 'letak' END AS why
     FROM ${SHAPES} s
     WHERE length(s.code) > 4 AND (left(s.code, 4) <> $1
        OR EXISTS (SELECT 1 FROM kab k WHERE NOT ST_Intersects(k.geom, ST_PointOnSurface(s.geom))))
     ORDER BY s.row_no LIMIT 50`,
    [kab ?? ""],
  );
  const { rows: kabGeom } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${SHAPES} WHERE code = $1) OR EXISTS (SELECT 1 FROM regions WHERE code = $1 AND geom IS NOT NULL) AS found`,
    [kab ?? ""],
  );
  const hasDesa = counts.some((c) => c.level === "desa");
  const { rows: missing } = hasDesa
    ? await client.query<{ code: string }>(
        `SELECT DISTINCT h.kode_desa AS code FROM households h
         WHERE h.kode_kabupaten = $1 AND NOT EXISTS (SELECT 1 FROM ${SHAPES} s WHERE s.code = h.kode_desa) ORDER BY 1 LIMIT 50`,
        [kab ?? ""],
      )
    : { rows: [] };
  return {
    format: shapefile ? "shapefile" : "geojson",
    shapefile,
    kabupaten: kab,
    kabupatenGeometry: kabGeom[0].found,
    levels: counts.map((c) => ({ level: c.level, features: c.n, known: c.known })),
    repaired: repaired.map((r) => ({ feature: r.row_no, code: r.code, reason: r.reason })),
    outside: outside.map((o) => ({ feature: o.row_no, code: o.code, name: o.name, why: o.why as "kode" | "letak" })),
    desaMissingFromFile: missing.map((m) => m.code),
  };
}

function reportNotes(r: BoundaryReport): string[] {
  const notes: string[] = [];
  if (r.shapefile) {
    const s = r.shapefile;
    notes.push(
      s.prj === "missing"
        ? `Shapefile ${s.layer}: tidak ada .prj; koordinat dianggap WGS84 bujur/lintang (EPSG:4326)`
        : s.prj === "wgs84"
          ? `Shapefile ${s.layer}: .prj WGS84 (${s.crsName ?? "GEOGCS"})`
          : `Shapefile ${s.layer}: diproyeksikan ulang dari ${s.crsName ?? "proyeksi .prj"} ke WGS84`,
    );
    if (s.otherLayers.length) notes.push(`lapisan lain di zip diabaikan: ${s.otherLayers.join(", ")}`);
  }
  for (const l of r.levels) notes.push(`${l.features} ${l.level}: ${l.known} kode sudah ada, ${l.features - l.known} baru`);
  for (const o of r.outside)
    notes.push(
      o.why === "kode"
        ? `fitur ${o.feature} (${dottedCode(o.code)} ${o.name}): kode di luar kabupaten ${dottedCode(r.kabupaten ?? "")}`
        : `fitur ${o.feature} (${dottedCode(o.code)} ${o.name}): letaknya di luar poligon kabupaten ${dottedCode(r.kabupaten ?? "")}`,
    );
  if (r.desaMissingFromFile.length)
    notes.push(`${r.desaMissingFromFile.length} desa dipakai data rumah tangga tetapi tidak ada di berkas: ${r.desaMissingFromFile.map(dottedCode).join(", ")}`);
  return notes;
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
