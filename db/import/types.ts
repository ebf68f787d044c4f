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
