/**
 * The `temuan` and `cakupan` reports of formats.md as rows, CSV or XLSX files. Findings are
 * recomputed for the asked scope before they are read, so an export is never stale.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { recipientStages } from "../../db/codes";
import { PeriodeSchema } from "../eligibility/period";
import { computeCoverage, type CoverageLevel, type CoverageRow } from "./coverage.server";
import { runFindings } from "./findings.server";
import { xlsxBuffer, type XlsxCell } from "./xlsx";

export const temuanColumns = ["program", "periode", "jenis", "nik", "no_kk", "id_rt", "kode_desa", "keterangan"] as const;
export const cakupanColumns = [
  "kode_wilayah",
  "tingkat",
  "program",
  "periode",
  "eligible",
  "penerima",
  "tepat",
  "exclusion_error_pct",
  "inclusion_error_pct",
  "coverage_pct",
] as const;

export type TemuanRow = Record<(typeof temuanColumns)[number], string | null>;

const ScopeSchema = z.object({
  program: z.string().min(1).max(32).optional(),
  periode: PeriodeSchema.optional(),
  tahap: z.enum(recipientStages).default("realisasi"),
});

/** Periods to report: the one asked for, else every period with recipients (of the program). */
async function periodsInScope(database: Database, program?: string, periode?: string): Promise<string[]> {
  if (periode) return [periode];
  const { rows } = await database.pool.query<{ periode: string }>(
    `SELECT DISTINCT periode FROM recipients WHERE $1::text IS NULL OR program = $1 ORDER BY periode`,
    [program ?? null],
  );
  const periods = rows.map((r) => r.periode).filter((p) => PeriodeSchema.safeParse(p).success);
  if (!periods.length) throw new Error("Belum ada data penerima; sebutkan periode dengan --periode");
  return periods;
}

/** Recomputes and returns the findings of the scope (data-quality rows when no program is given). */
export async function findingsReport(
  options: z.input<typeof ScopeSchema>,
  database?: Database,
  log: (msg: string) => void = () => {},
): Promise<TemuanRow[]> {
  const opts = ScopeSchema.parse(options);
  const db = database ?? (await getDatabase());
  const periods = await periodsInScope(db, opts.program, opts.periode);
  for (const [i, periode] of periods.entries()) {
    const r = await runFindings({ program: opts.program, periode, tahap: opts.tahap, dataQuality: !opts.program && i === 0 }, db);
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
    log(`temuan ${periode}: ${total} (${r.ms} ms)`);
  }
  const { rows } = await db.pool.query<TemuanRow>(
    `SELECT program, periode, jenis::text, nik, no_kk, id_rt, kode_desa, keterangan FROM findings
     WHERE (periode = ANY($1::text[]) AND ($2::text IS NULL OR program = $2) AND coalesce(tahap, 'realisasi') = $3::recipient_stage)
        OR ($2::text IS NULL AND program IS NULL AND periode IS NULL)
     ORDER BY program NULLS FIRST, periode NULLS FIRST, jenis, kode_desa NULLS LAST, id`,
    [periods, opts.program ?? null, opts.tahap],
  );
  return rows;
}

const CoverageScopeSchema = ScopeSchema.extend({
  tingkat: z.enum(["kabupaten", "kecamatan", "desa"]).optional(),
});

/** Coverage rows of the scope; without a level: kabupaten, then kecamatan, then desa. */
export async function coverageReport(
  options: z.input<typeof CoverageScopeSchema>,
  database?: Database,
): Promise<CoverageRow[]> {
  const opts = CoverageScopeSchema.parse(options);
  const db = database ?? (await getDatabase());
  const periods = await periodsInScope(db, opts.program, opts.periode);
  const levels: CoverageLevel[] = opts.tingkat ? [opts.tingkat] : ["kabupaten", "kecamatan", "desa"];
  const out: CoverageRow[] = [];
  for (const periode of periods) {
    const rows = await computeCoverage({ program: opts.program, periode, tingkat: levels, tahap: opts.tahap }, db);
    // Level first (kabupaten, kecamatan, desa), then program and area.
    out.push(...levels.flatMap((t) => rows.filter((r) => r.tingkat === t)));
  }
  return out;
}

/** RFC 4180 cell: quoted only when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const pct = (v: number | null) => (v === null ? null : v.toFixed(1));

export function coverageCells(r: CoverageRow): Array<string | number | null> {
  return [
    r.kode_wilayah,
    r.tingkat,
    r.program,
    r.periode,
    r.eligible,
    r.penerima,
    r.tepat,
    pct(r.exclusion_error_pct),
    pct(r.inclusion_error_pct),
    pct(r.coverage_pct),
  ];
}

/**
 * Writes a table as CSV (UTF-8, `,`) or, when the name ends in .xlsx, as a one-sheet workbook.
 * The file appears whole or not at all (written beside, then renamed).
 */
export async function writeTable(
  out: string,
  header: readonly string[],
  rows: Array<Array<string | number | null>>,
  sheetName: string,
): Promise<string> {
  const file = path.resolve(out);
  const data = file.toLowerCase().endsWith(".xlsx")
    ? await xlsxBuffer([[...header], ...rows.map((r) => r.map((c): XlsxCell => c))], sheetName)
    : Buffer.from([header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n", "utf8");
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return file;
}

export async function exportFindings(
  options: z.input<typeof ScopeSchema> & { out: string },
  database?: Database,
  log?: (msg: string) => void,
): Promise<{ out: string; rows: number }> {
  const rows = await findingsReport(options, database, log);
  const out = await writeTable(options.out, temuanColumns, rows.map((r) => temuanColumns.map((c) => r[c])), "temuan");
  return { out, rows: rows.length };
}

export async function exportCoverage(
  options: z.input<typeof CoverageScopeSchema> & { out: string },
  database?: Database,
): Promise<{ out: string; rows: number }> {
  const rows = await coverageReport(options, database);
  const out = await writeTable(options.out, cakupanColumns, rows.map(coverageCells), "cakupan");
  return { out, rows: rows.length };
}
