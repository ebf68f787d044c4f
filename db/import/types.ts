/** The importer's public contract, shared by the CLI, the web import (later) and the seed. */
import type { ImportKind } from "../codes";

export interface ImportOptions {
  kind: ImportKind;
  /** Path of the file on disk (CSV, GeoJSON; XLSX later). */
  filePath: string;
  /** Name to record and to print in errors; defaults to the path's base name. */
  fileName?: string;
  /** Who imports: an account name, or "cli"/"seed". */
  importedBy: string;
  /** Validate and report without writing anything. */
  dryRun?: boolean;
  /** wilayah: property names chosen by the user instead of the defaults. */
  codeProperty?: string;
  nameProperty?: string;
  /** CSV kinds: header as written → formats.md column ("" = ignore); see mapping.ts. */
  columnMap?: Record<string, string>;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  phase: "parse" | "load" | "merge" | "done";
  rows: number;
  rowsPerSecond: number;
}

export interface ImportResult {
  batchId: number | null;
  kind: ImportKind;
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  /** Warnings that did not stop the import (repaired geometry, dissolved parents…). */
  notes: string[];
  durationMs: number;
  /** wilayah: the boundary validation report. */
  report?: BoundaryReport;
  /** Where the time went (ms): reading+validating+staging, set-based checks, merge. */
  phasesMs?: { load: number; check: number; merge: number };
}

/** One bad cell. `row` counts lines as a spreadsheet shows them: the header is row 1. */
export interface RowError {
  file: string;
  row: number;
  column: string;
  message: string;
  allowed?: readonly string[];
}

export function formatRowError(e: RowError): string {
  return `${e.file}:${e.row}:${e.column}: ${e.message}${e.allowed ? ` (allowed: ${e.allowed.join(", ")})` : ""}`;
}

/** Thrown when validation fails; nothing has been written. */
export class ImportValidationError extends Error {
  constructor(
    readonly errors: RowError[],
    /** All errors found, when more than were kept in `errors`. */
    readonly totalErrors: number = errors.length,
  ) {
    super(`${totalErrors} error(s) in import:\n${errors.slice(0, 50).map(formatRowError).join("\n")}`);
    this.name = "ImportValidationError";
  }
}

/** What a boundary import (GeoJSON or zipped Shapefile) found, shown as its validation report. */
export interface BoundaryReport {
  format: "geojson" | "shapefile";
  shapefile: { layer: string; otherLayers: string[]; prj: "wgs84" | "reprojected" | "missing"; crsName: string | null } | null;
  /** The kabupaten most features belong to (plain code). */
  kabupaten: string | null;
  /** Whether a kabupaten polygon (file or database) was there to check locations against. */
  kabupatenGeometry: boolean;
  levels: { level: string; features: number; known: number }[];
  repaired: { feature: number; code: string; reason: string }[];
  /** Coded for another kabupaten, or lying outside the kabupaten polygon (first 50). */
  outside: { feature: number; code: string; name: string; why: "kode" | "letak" }[];
  /** Desa codes households use that the file lacks (first 50). */
  desaMissingFromFile: string[];
}
