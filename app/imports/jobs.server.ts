/**
 * Web imports run as jobs inside the server process: the upload returns at once with a job id,
 * and the page polls the job's progress (rows, rows/s, phase) until it ends. The job calls the
 * same importer as the CLI; XLSX is first streamed to CSV. Jobs live in memory for an hour.
 *
 * Uploads can wait between a preview and the import (uploads.server.ts): a job then reads the
 * kept file (already converted from XLSX) with the chosen column mapping and leaves the file for
 * the next run (dry run first, then the import); a successful import removes it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ImportKind } from "../../db/codes";
import { importFile, ImportValidationError, type ImportProgress, type ImportResult, type RowError } from "../../db/import/index.server";
import { xlsxToCsv } from "../../db/spreadsheet/xlsx-to-csv.server";

export type JobState = "running" | "done" | "failed";

export interface ImportJob {
  id: string;
  owner: string;
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  state: JobState;
  startedAt: number;
  progress: ImportProgress | null;
  result: ImportResult | null;
  errors: RowError[];
  totalErrors: number;
  message: string | null;
}

const KEEP_MS = 60 * 60 * 1000;
const jobs = new Map<string, ImportJob>();

function prune(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.state !== "running" && now - job.startedAt > KEEP_MS) jobs.delete(id);
}

export function getJob(id: string): ImportJob | undefined {
  return jobs.get(id);
}

export interface StartJobInput {
  owner: string;
  kind: ImportKind;
  filePath: string;
  fileName: string;
  dryRun: boolean;
  /** Header as written → formats.md column ("" = ignored), validated by the caller. */
  columnMap?: Record<string, string>;
  codeProperty?: string;
  nameProperty?: string;
  /** A previewed upload: the file is already CSV and stays until a real import succeeds. */
  kept?: { onSuccess: () => void };
}

/** Starts importing an uploaded file; a one-shot upload's file is removed when the job ends. */
export function startImportJob(input: StartJobInput): ImportJob {
  prune();
  const job: ImportJob = {
    id: crypto.randomBytes(12).toString("base64url"),
    owner: input.owner,
    kind: input.kind,
    fileName: input.fileName,
    dryRun: input.dryRun,
    state: "running",
    startedAt: Date.now(),
    progress: null,
    result: null,
    errors: [],
    totalErrors: 0,
    message: null,
  };
  jobs.set(job.id, job);
  void run(job, input);
  return job;
}

async function run(job: ImportJob, input: StartJobInput): Promise<void> {
  const cleanup = input.kept ? [] : [input.filePath];
  try {
    let filePath = input.filePath;
    if (!input.kept && job.fileName.toLowerCase().endsWith(".xlsx")) {
      filePath = `${input.filePath}.csv`;
      cleanup.push(filePath);
      await xlsxToCsv(input.filePath, filePath);
    }
    job.result = await importFile({
      kind: job.kind,
      filePath,
      fileName: job.fileName,
      importedBy: job.owner,
      dryRun: job.dryRun,
      columnMap: input.columnMap,
      codeProperty: input.codeProperty,
      nameProperty: input.nameProperty,
      onProgress: (p) => (job.progress = p),
    });
    job.state = "done";
    if (!job.dryRun) input.kept?.onSuccess();
  } catch (err) {
    job.state = "failed";
    if (err instanceof ImportValidationError) {
      job.errors = err.errors;
      job.totalErrors = err.totalErrors;
      job.message = `${err.totalErrors} kesalahan; tidak ada data yang ditulis.`;
    } else {
      job.message = err instanceof Error ? err.message : String(err);
    }
  } finally {
    for (const f of cleanup) fs.rmSync(f, { force: true });
  }
}

/** Where uploads wait for their job (inside the data directory, never under public/). */
export function uploadDir(dataDir: string): string {
  const dir = path.join(dataDir, "uploads");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The error report as CSV: file, row, column, message, allowed values. */
export function errorReportCsv(job: ImportJob): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ["berkas,baris,kolom,pesan,nilai_yang_diizinkan"];
  for (const e of job.errors) lines.push([e.file, String(e.row), e.column, e.message, (e.allowed ?? []).join("|")].map(cell).join(","));
  return lines.join("\n") + "\n";
}
