/**
 * `npm run tepat -- export <indikator|temuan|cakupan> [--program P] [--periode P] [--tingkat T]
 * [--tahap T] [--tanggal YYYY-MM-DD] --out <file>`: formats.md reports to CSV (XLSX when the
 * file ends in .xlsx, for temuan and cakupan). Progress on stderr; exit 2 on bad arguments,
 * 1 on failure, having written nothing.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { recipientStages } from "../db/codes";
import { PeriodeSchema } from "./eligibility/period";

const usage =
  "Penggunaan: npm run tepat -- export <indikator|temuan|cakupan> [--program P] [--periode P] " +
  "[--tingkat kabupaten|kecamatan|desa] [--tahap usulan|penetapan|realisasi] [--tanggal YYYY-MM-DD] --out <berkas>";

const ArgsSchema = z.object({
  report: z.enum(["indikator", "temuan", "cakupan"], { error: "laporan harus indikator, temuan atau cakupan" }),
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/, "kode program: huruf besar, angka dan _").optional(),
  periode: PeriodeSchema.optional(),
  tingkat: z.enum(["kabupaten", "kecamatan", "desa"], { error: "tingkat harus kabupaten, kecamatan atau desa" }).optional(),
  tahap: z.enum(recipientStages, { error: "tahap harus usulan, penetapan atau realisasi" }).optional(),
  tanggal: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "tanggal: YYYY-MM-DD").optional(),
  out: z.string({ error: "--out <berkas> wajib" }).min(1, "--out <berkas> wajib"),
});
type Args = z.infer<typeof ArgsSchema>;

interface IndicatorExportModule {
  exportIndicatorsCsv?: (o: { tingkat?: Args["tingkat"]; tanggal?: string; out: string }) => Promise<{ out: string; rows: number }>;
}

export function parseExportArgs(argv: string[]): { ok: true; args: Args } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        program: { type: "string" },
        periode: { type: "string" },
        tingkat: { type: "string" },
        tahap: { type: "string" },
        tanggal: { type: "string" },
        out: { type: "string", short: "o" },
      },
    });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  if (parsed.positionals.length !== 1) return { ok: false, message: "sebutkan satu laporan: indikator, temuan atau cakupan" };
  const result = ArgsSchema.safeParse({ report: parsed.positionals[0], ...parsed.values });
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => i.message).join("; ") };
  return { ok: true, args: result.data };
}

export async function runExportCommand(argv: string[]): Promise<number> {
  const parsed = parseExportArgs(argv);
  if (!parsed.ok) {
    console.error(`Galat: ${parsed.message}\n${usage}`);
    return 2;
  }
  const a = parsed.args;
  const log = (msg: string) => console.error(msg);
  try {
    if (a.report === "indikator") {
      let mod: IndicatorExportModule;
      try {
        // Resolved at run time: the indicator export is another module's and may be absent.
        const specifier = "./indicators/export.server";
        mod = (await import(specifier)) as IndicatorExportModule;
      } catch (err) {
        console.error(`Galat: ekspor indikator belum tersedia (analytics/indicators/export.server.ts): ${(err as Error).message}`);
        return 1;
      }
      if (typeof mod.exportIndicatorsCsv !== "function") {
        console.error("Galat: ekspor indikator belum tersedia (exportIndicatorsCsv tidak ditemukan)");
        return 1;
      }
      const r = await mod.exportIndicatorsCsv({ tingkat: a.tingkat, tanggal: a.tanggal, out: a.out });
      log(`indikator: ${r.rows} baris → ${r.out}`);
      return 0;
    }
    const { exportCoverage, exportFindings } = await import("./targeting/reports.server");
    const scope = { program: a.program, periode: a.periode, tahap: a.tahap };
    const r =
      a.report === "temuan"
        ? await exportFindings({ ...scope, out: a.out }, undefined, log)
        : await exportCoverage({ ...scope, tingkat: a.tingkat, out: a.out });
    log(`${a.report}: ${r.rows} baris → ${r.out}`);
    return 0;
  } catch (err) {
    console.error(`Galat: ${(err as Error).message}`);
    return 1;
  }
}
