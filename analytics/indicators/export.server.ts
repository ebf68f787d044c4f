/**
 * `export indikator`: the formats.md `indikator` report for one level or all (kabupaten, then
 * kecamatan, then desa), on a reference date, as CSV — or XLSX when `out` ends in .xlsx.
 * Called by analytics/export-cli.server.ts.
 * The file appears whole or not at all (written beside, then renamed).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Database } from "../../db/connection.server";
import { xlsxBuffer } from "../targeting/xlsx";
import { indikatorCells, indikatorColumns, indikatorCsv } from "./csv";
import { computeAllLevels, computeIndicators } from "./indicators.server";
import { levels } from "./query";
import { ReferenceDateSchema, todayJakarta } from "./values";

export const ExportIndicatorsOptionsSchema = z.object({
  tingkat: z.enum(levels).optional(),
  /** YYYY-MM-DD; default today (Asia/Jakarta). */
  tanggal: ReferenceDateSchema.optional(),
  out: z.string().min(1),
});
export type ExportIndicatorsOptions = z.input<typeof ExportIndicatorsOptionsSchema> & { db?: Database };

export interface ExportIndicatorsResult {
  out: string;
  rows: number;
  tanggal: string;
}

export async function exportIndicatorsCsv(options: ExportIndicatorsOptions): Promise<ExportIndicatorsResult> {
  const { db, ...rest } = options;
  const o = ExportIndicatorsOptionsSchema.parse(rest);
  const tanggal = o.tanggal ?? todayJakarta();
  const areas = o.tingkat
    ? await computeIndicators({ level: o.tingkat, referenceDate: tanggal, db })
    : await computeAllLevels({ referenceDate: tanggal, db });
  const out = path.resolve(o.out);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    const xlsx = o.out.toLowerCase().endsWith(".xlsx");
    await fs.writeFile(tmp, xlsx ? await xlsxBuffer([indikatorColumns, ...areas.map(indikatorCells)], "indikator") : indikatorCsv(areas));
    await fs.rename(tmp, out);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return { out, rows: areas.length, tanggal };
}
