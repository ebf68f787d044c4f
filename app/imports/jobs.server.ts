/**
 * Web imports run as jobs inside the server process: the upload returns at once with a job id,
 * and the page polls the job's progress (rows, rows/s, phase) until it ends. The job calls the
 * same importer as the CLI; XLSX is first streamed to CSV. Jobs live in memory for an hour.
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

/** Starts importing an uploaded file; the file is removed when the job ends. */
export function startImportJob(input: { owner: string; kind: ImportKind; filePath: string; fileName: string; dryRun: boolean }): ImportJob {
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
  void run(job, input.filePath);
  return job;
}

async function run(job: ImportJob, uploadPath: string): Promise<void> {
  const cleanup = [uploadPath];
  try {
    let filePath = uploadPath;
    if (job.fileName.toLowerCase().endsWith(".xlsx")) {
      filePath = `${uploadPath}.csv`;
      cleanup.push(filePath);
      await xlsxToCsv(uploadPath, filePath);
    }
    job.result = await importFile({
      kind: job.kind,
      filePath,
      fileName: job.fileName,
      importedBy: job.owner,
      dryRun: job.dryRun,
      onProgress: (p) => (job.progress = p),
    });
    job.state = "done";
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
