/**
 * `npm run tepat -- import <kind> <file> [--dry-run] [--kode-property P] [--nama-property P] [--kolom "Header=kolom"]…`:
 * progress on stderr (rows/s, at most once a second), up to 50 `file:row:column` errors on bad
 * input (exit 1, nothing written), a one-line summary on success (exit 0).
 */
import { importKinds, type ImportKind } from "../codes";
import { importFile } from "./index.server";
import { formatRowError, ImportValidationError, type ImportProgress } from "./types";

export const importUsage = `Penggunaan: npm run tepat -- import <${importKinds.join("|")}> <berkas> [--dry-run] [--kode-property P] [--nama-property P] [--kolom "Header=kolom"]…`;

interface ParsedArgs {
  kind: ImportKind;
  file: string;
  dryRun: boolean;
  codeProperty?: string;
  nameProperty?: string;
  /** --kolom "NIK KK=no_kk" (repeatable): the same column mapping the web import applies. */
  columnMap?: Record<string, string>;
}

export function parseImportArgs(argv: string[]): ParsedArgs | string {
  const positional: string[] = [];
  let dryRun = false;
  let codeProperty: string | undefined;
  let nameProperty: string | undefined;
  let columnMap: Record<string, string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dry-run") dryRun = true;
    else if (a === "--kode-property" || a === "--nama-property") {
      const v = argv[++i];
      if (!v) return `${a} membutuhkan nilai`;
      if (a === "--kode-property") codeProperty = v;
      else nameProperty = v;
    } else if (a === "--kolom") {
      const v = argv[++i] ?? "";
      const eq = v.lastIndexOf("=");
      if (eq <= 0) return `--kolom membutuhkan "Header=kolom" (kolom kosong = abaikan)`;
      columnMap = { ...columnMap, [v.slice(0, eq).trim()]: v.slice(eq + 1).trim() };
    } else if (a.startsWith("--")) return `opsi tidak dikenal: ${a}`;
    else positional.push(a);
  }
  const [kind, file, ...extra] = positional;
  if (!kind || !file || extra.length) return importUsage;
  if (!(importKinds as readonly string[]).includes(kind)) return `jenis impor tidak dikenal: ${kind} (allowed: ${importKinds.join(", ")})`;
  return { kind: kind as ImportKind, file, dryRun, codeProperty, nameProperty, columnMap };
}

const phaseLabel: Record<ImportProgress["phase"], string> = { parse: "membaca", load: "memuat", merge: "menggabung", done: "selesai" };

export async function runImportCommand(argv: string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if (typeof args === "string") {
    console.error(args);
    return 2;
  }
  let lastPrint = 0;
  const onProgress = (p: ImportProgress) => {
    const now = Date.now();
    if (now - lastPrint < 1000 && p.phase !== "merge") return;
    lastPrint = now;
    process.stderr.write(`[impor] ${phaseLabel[p.phase]}: ${p.rows.toLocaleString("id-ID")} baris, ${p.rowsPerSecond.toLocaleString("id-ID")} baris/detik\n`);
  };
  try {
    const r = await importFile({
      kind: args.kind,
      filePath: args.file,
      importedBy: "cli",
      dryRun: args.dryRun,
      codeProperty: args.codeProperty,
      nameProperty: args.nameProperty,
      columnMap: args.columnMap,
      onProgress,
    });
    for (const note of r.notes) process.stderr.write(`catatan: ${note}\n`);
    const unchanged = r.rowsTotal - r.rowsInserted - r.rowsUpdated;
    console.log(
      `${args.dryRun ? "[uji coba, tidak ada yang ditulis] " : ""}${r.kind}: ${r.rowsTotal} baris — ${r.rowsInserted} baru, ${r.rowsUpdated} diperbarui, ${Math.max(0, unchanged)} tidak berubah; ${(r.durationMs / 1000).toFixed(1)} dtk${r.batchId ? ` (batch ${r.batchId})` : ""}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ImportValidationError) {
      for (const e of err.errors.slice(0, 50)) console.error(formatRowError(e));
      if (err.totalErrors > 50) console.error(`… dan ${err.totalErrors - 50} kesalahan lain`);
      console.error(`Impor dibatalkan: ${err.totalErrors} kesalahan, tidak ada data yang ditulis.`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e?.code === "ENOENT") {
      console.error(`berkas tidak ditemukan: ${args.file}`);
      return 1;
    }
    throw err;
  }
}
