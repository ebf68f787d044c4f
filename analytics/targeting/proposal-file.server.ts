/**
 * Reads an uploaded proposal list (formats.md `penerima` columns: program, periode, tahap, nik,
 * no_kk, id_rt, nama, kode_desa, nilai) for screening. XLSX goes through the importer's
 * xlsx-to-csv (first sheet), CSV through the importer's reader (`,` or `;`, BOM, RFC 4180
 * quotes), and every cell through the importer's own cell parsers, so a file that imports also
 * screens. A bad NIK or No. KK does not reject the file: the row is screened and flagged
 * ("perlu dicek"). Other bad cells are errors naming row, column and the allowed values.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openCsv } from "../../db/import/csv";
import { CellProblem } from "../../db/import/fields";
import { columns as penerimaColumns } from "../../db/import/kinds/penerima.server";
import { xlsxToCsv } from "../../db/spreadsheet/xlsx-to-csv.server";
import type { ProposalRow } from "./screening-read.server";

export const MAX_PROPOSAL_ROWS = 50_000;

export interface ProposalFile {
  program: string | null;
  periode: string | null;
  rows: ProposalRow[];
  errors: string[];
}

const lenientKeys = new Set(["nik", "no_kk"]);

/** Parses the file at `filePath` (`originalName` decides CSV or XLSX). */
export async function readProposalFile(filePath: string, originalName: string): Promise<ProposalFile> {
  let csvPath = filePath;
  let tmpDir: string | null = null;
  const errors: string[] = [];
  const label = path.basename(originalName);
  try {
    if (originalName.toLowerCase().endsWith(".xlsx")) {
      tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "tepat-usulan-"));
      csvPath = path.join(tmpDir, "usulan.csv");
      try {
        await xlsxToCsv(filePath, csvPath);
      } catch {
        return { program: null, periode: null, rows: [], errors: [`${label}: berkas XLSX tidak dapat dibaca`] };
      }
    }
    const csv = await openCsv(csvPath);
    const index = new Map(csv.header.map((h, i) => [h, i]));
    for (const c of penerimaColumns.filter((c) => c.required)) {
      if (!index.has(c.name)) errors.push(`${label}: kolom ${c.name} tidak ada (kolom: ${penerimaColumns.map((x) => x.name).join(", ")})`);
    }
    if (!["nik", "no_kk", "id_rt"].some((k) => index.has(k))) errors.push(`${label}: perlu salah satu kolom nik, no_kk atau id_rt`);
    if (errors.length) {
      csv.close();
      return { program: null, periode: null, rows: [], errors };
    }
    const programs = new Set<string>();
    const periods = new Set<string>();
    const rows: ProposalRow[] = [];
    for await (const rec of csv.records) {
      if (rows.length >= MAX_PROPOSAL_ROWS) {
        errors.push(`${label}: lebih dari ${MAX_PROPOSAL_ROWS.toLocaleString("id-ID")} baris; pecah berkasnya`);
        csv.close();
        break;
      }
      const values: Record<string, string | null> = {};
      const notes: string[] = [];
      for (const c of penerimaColumns) {
        const i = index.get(c.name);
        const raw = i === undefined ? "" : (rec.values[i] ?? "");
        const v = c.cell(raw);
        if (v instanceof CellProblem) {
          if (lenientKeys.has(c.name)) {
            values[c.name] = raw.trim() || null;
            notes.push(`${c.name === "nik" ? "NIK" : "No. KK"} tidak valid: ${v.message}`);
          } else if (errors.length < 50) {
            errors.push(`${label}:${rec.row}:${c.name}: ${v.message}${v.allowed ? ` (boleh: ${v.allowed.join(", ")})` : ""}`);
          }
          continue;
        }
        if (c.required && v === null && errors.length < 50) errors.push(`${label}:${rec.row}:${c.name}: wajib diisi`);
        values[c.name] = v;
      }
      if (values.program) programs.add(values.program);
      if (values.periode) periods.add(values.periode);
      if (values.tahap && values.tahap !== "usulan" && errors.length < 50) {
        errors.push(`${label}:${rec.row}:tahap: penyaringan hanya untuk tahap usulan (boleh: usulan atau kosong)`);
      }
      rows.push({
        row: rec.row,
        nik: values.nik ?? null,
        no_kk: values.no_kk ?? null,
        id_rt: values.id_rt ?? null,
        nama: values.nama ?? null,
        kode_desa: values.kode_desa ?? null,
        masalah: notes.length ? notes.join("; ") : null,
      });
    }
    if (programs.size > 1) errors.push(`${label}: satu berkas untuk satu program (ditemukan: ${[...programs].sort().join(", ")})`);
    if (periods.size > 1) errors.push(`${label}: satu berkas untuk satu periode (ditemukan: ${[...periods].sort().join(", ")})`);
    if (!rows.length && !errors.length) errors.push(`${label}: tidak ada baris data`);
    return { program: [...programs][0] ?? null, periode: [...periods][0] ?? null, rows, errors };
  } finally {
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  }
}
