/**
 * Entry point of the importer: the one load path used by the CLI, the seed generator and the web
 * import. `importFile(options)` uses the process-wide database; `importFile(database, options)`
 * an explicit one.
 */
import path from "node:path";
import { z } from "zod";
import { importKinds } from "../codes";
import { getDatabase, type Database } from "../connection.server";
import { importCsv } from "./csv-import.server";
import { anggota } from "./kinds/anggota.server";
import { penduduk } from "./kinds/penduduk.server";
import { penerima } from "./kinds/penerima.server";
import { program } from "./kinds/program.server";
import { rumahTangga } from "./kinds/rumah-tangga.server";
import type { CsvKind } from "./kinds/types";
import { importWilayah } from "./kinds/wilayah.server";
import { ColumnMapSchema } from "./mapping";
import type { ImportOptions, ImportResult } from "./types";

export * from "./types";

export const csvKinds: Record<CsvKind["kind"], CsvKind> = {
  rumah_tangga: rumahTangga,
  anggota,
  penduduk,
  penerima,
  program,
};

const OptionsSchema = z.object({
  kind: z.enum(importKinds),
  filePath: z.string().min(1),
  fileName: z.string().min(1).optional(),
  importedBy: z.string().min(1),
  dryRun: z.boolean().optional(),
  codeProperty: z.string().min(1).optional(),
  nameProperty: z.string().min(1).optional(),
  columnMap: ColumnMapSchema.optional(),
});

export async function importFile(options: ImportOptions): Promise<ImportResult>;
export async function importFile(database: Database, options: ImportOptions): Promise<ImportResult>;
export async function importFile(a: Database | ImportOptions, b?: ImportOptions): Promise<ImportResult> {
  const options = b ?? (a as ImportOptions);
  const database = b ? (a as Database) : await getDatabase();
  OptionsSchema.parse({ ...options, onProgress: undefined });
  const fileName = options.fileName ?? path.basename(options.filePath);
  if (options.kind === "wilayah") return importWilayah(database, options, fileName);
  return importCsv(database, csvKinds[options.kind], options, fileName);
}
