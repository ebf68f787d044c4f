/**
 * Uploads waiting between their preview and the import: the file is kept on disk (XLSX already
 * converted to CSV, so the preview, the dry run and the import read the same bytes), with its
 * owner, kind and the preview shown to the user. Kept in memory for an hour, like the jobs.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ImportKind } from "../../db/codes";
import { openCsv } from "../../db/import/csv";
import { csvKinds } from "../../db/import/index.server";
import { detectMapping, type DetectedColumn } from "../../db/import/mapping";
import { xlsxToCsv } from "../../db/spreadsheet/xlsx-to-csv.server";
import { codePropertyCandidates, namePropertyCandidates } from "../../geo/boundaries/features";
import { isZip, shapefileToGeoJson } from "../../geo/boundaries/shapefile";

const KEEP_MS = 60 * 60 * 1000;
const PREVIEW_ROWS = 5;

export interface TablePreview {
  type: "table";
  headers: string[];
  rows: string[][];
  mapping: DetectedColumn[];
  /** The kind's formats.md columns (for the selects), required ones flagged. */
  columns: { name: string; required: boolean }[];
}

export interface BoundaryPreview {
  type: "boundary";
  format: "geojson" | "shapefile";
  features: number;
  properties: string[];
  rows: string[][];
  codeProperty: string | null;
  nameProperty: string | null;
}

export interface PendingUpload {
  id: string;
  owner: string;
  kind: ImportKind;
  fileName: string;
  /** The file the importer reads (CSV for spreadsheets). */
  filePath: string;
  files: string[];
  createdAt: number;
  preview: TablePreview | BoundaryPreview;
}

const uploads = new Map<string, PendingUpload>();

export function removeUpload(id: string): void {
  const u = uploads.get(id);
  if (!u) return;
  uploads.delete(id);
  for (const f of u.files) fs.rmSync(f, { force: true });
}

function prune(dir: string, now = Date.now()): void {
  for (const [id, u] of uploads) if (now - u.createdAt > KEEP_MS) removeUpload(id);
  // Files left by a server that stopped while they waited (kept uploads live in memory only).
  const kept = new Set([...uploads.values()].flatMap((u) => u.files.map((f) => path.basename(f))));
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!kept.has(name) && now - fs.statSync(file).mtimeMs > 6 * KEEP_MS) fs.rmSync(file, { force: true });
  }
}

export function getUpload(id: string, owner: string): PendingUpload | undefined {
  const u = uploads.get(id);
  return u && u.owner === owner ? u : undefined;
}

/** Keeps an uploaded file and builds its preview; the file is removed on failure. */
export async function registerUpload(input: { owner: string; kind: ImportKind; fileName: string; filePath: string }): Promise<PendingUpload> {
  prune(path.dirname(input.filePath));
  const files = [input.filePath];
  try {
    let filePath = input.filePath;
    if (input.kind !== "wilayah" && input.fileName.toLowerCase().endsWith(".xlsx")) {
      filePath = `${input.filePath}.csv`;
      files.push(filePath);
      await xlsxToCsv(input.filePath, filePath);
    }
    const preview = input.kind === "wilayah" ? await boundaryPreview(filePath) : await tablePreview(input.kind, filePath);
    const upload: PendingUpload = { id: crypto.randomBytes(12).toString("base64url"), ...input, filePath, files, createdAt: Date.now(), preview };
    uploads.set(upload.id, upload);
    return upload;
  } catch (err) {
    for (const f of files) fs.rmSync(f, { force: true });
    throw err;
  }
}

async function tablePreview(kind: Exclude<ImportKind, "wilayah">, filePath: string): Promise<TablePreview> {
  const csv = await openCsv(filePath);
  const rows: string[][] = [];
  try {
    for await (const rec of csv.records) {
      rows.push(rec.values.map((v) => v.slice(0, 80)));
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } finally {
    csv.close();
  }
  const columns = csvKinds[kind].columns;
  return {
    type: "table",
    headers: csv.rawHeader,
    rows,
    mapping: detectMapping(
      kind,
      columns.map((c) => c.name),
      csv.rawHeader,
    ),
    columns: columns.map((c) => ({ name: c.name, required: Boolean(c.required) })),
  };
}

async function boundaryPreview(filePath: string): Promise<BoundaryPreview> {
  const bytes = await fs.promises.readFile(filePath);
  let features: { properties?: Record<string, unknown> | null }[] = [];
  let format: BoundaryPreview["format"] = "geojson";
  if (isZip(bytes)) {
    format = "shapefile";
    features = (await shapefileToGeoJson(bytes)).geojson.features as typeof features;
  } else {
    const json = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")) as { features?: unknown };
    if (!Array.isArray(json.features)) throw new Error("bukan GeoJSON FeatureCollection");
    features = json.features as typeof features;
  }
  const properties = [...new Set(features.slice(0, 50).flatMap((f) => Object.keys(f.properties ?? {})))];
  const pick = (candidates: readonly string[]) =>
    candidates.map((c) => properties.find((p) => p.toLowerCase() === c.toLowerCase())).find((p) => p !== undefined) ?? null;
  return {
    type: "boundary",
    format,
    features: features.length,
    properties,
    rows: features.slice(0, PREVIEW_ROWS).map((f) => properties.map((p) => String(f.properties?.[p] ?? "").slice(0, 80))),
    codeProperty: pick(codePropertyCandidates),
    nameProperty: pick(namePropertyCandidates),
  };
}
