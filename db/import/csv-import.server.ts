/**
 * The CSV load path shared by every tabular kind: header check → stream every row through the
 * cell schemas into a TEMP staging table (COPY on a server, unnest batches embedded) → set-based
 * checks → merge, all in one transaction. Any error: nothing is written.
 */
import { bulkLoad, type TextRow } from "../bulk-load.server";
import type { Database } from "../connection.server";
import { captureBeforeImages, createBatch, finishBatch, inImportTransaction, progressReporter } from "./batch.server";
import { openCsv, type CsvFile } from "./csv";
import { CsvSyntaxError } from "./csv-records";
import { ErrorSink } from "./errors";
import { CellProblem } from "./fields";
import { applyColumnMap } from "./mapping";
import type { CsvKind, KindContext } from "./kinds/types";
import { createStage, quoteIdent, stageLoadColumns } from "./staging.server";
import { ImportValidationError, type ImportOptions, type ImportResult } from "./types";

const STAGE = "import_stage";
/** Staged columns the kinds' checks and merges join or group on. */
const joinKeyColumns = ["id_rt", "kode_desa", "nik", "no_kk", "program", "kode"];
const targetTable: Record<CsvKind["kind"], string> = {
  rumah_tangga: "households",
  anggota: "members",
  penduduk: "population",
  penerima: "recipients",
  program: "programs",
};

/** Header problems (row 1): unknown, repeated and missing required columns. */
export function checkHeader(kind: CsvKind, csv: Pick<CsvFile, "header" | "rawHeader">, sink: ErrorSink): void {
  const known = new Set(kind.columns.map((c) => c.name));
  const allowed = kind.columns.map((c) => c.name);
  const seen = new Set<string>();
  csv.header.forEach((h, i) => {
    // Spreadsheets often export trailing separators: a column without a name is ignored.
    if (h === "") return;
    const shown = csv.rawHeader[i];
    if (!known.has(h)) sink.add({ row: 1, column: shown, message: `kolom tidak dikenal "${shown}"`, allowed });
    else if (seen.has(h)) sink.add({ row: 1, column: shown, message: `kolom "${shown}" muncul dua kali` });
    seen.add(h);
  });
  for (const c of kind.columns)
    if (c.required && !seen.has(c.name)) sink.add({ row: 1, column: c.name, message: `kolom wajib "${c.name}" tidak ada di header` });
}

export async function importCsv(database: Database, kind: CsvKind, opts: ImportOptions, fileName: string): Promise<ImportResult> {
  const started = performance.now();
  const progress = progressReporter(opts.onProgress);
  const csv = await openCsv(opts.filePath);
  const errors = new ErrorSink(fileName);
  // A column mapping (web import, CLI --kolom) renames headers before anything is checked or staged.
  const header = applyColumnMap(csv.rawHeader, csv.header, opts.columnMap);
  checkHeader(kind, { header, rawHeader: csv.rawHeader }, errors);
  if (errors.hasErrors) {
    csv.close();
    throw new ImportValidationError(errors.sorted(), errors.total);
  }

  const index = kind.columns.map((c) => header.indexOf(c.name));
  const displayName = kind.columns.map((c, i) => (index[i] >= 0 ? csv.rawHeader[index[i]] : c.name));
  const present = new Set(kind.columns.filter((_, i) => index[i] >= 0).map((c) => c.name));
  const width = header.length;
  let rowsTotal = 0;

  // Validates while streaming; once a row is bad nothing more is loaded, but every row is still
  // checked so the user gets all errors (first 50) in one run.
  async function* validRows(): AsyncGenerator<TextRow> {
    const values: (string | null)[] = new Array(kind.columns.length);
    const byName = new Map(kind.columns.map((c, i) => [c.name, i]));
    const get = (name: string) => {
      const i = byName.get(name);
      return i === undefined ? null : values[i];
    };
    let lastRow = 1;
    try {
      for await (const rec of csv.records) {
        lastRow = rec.row;
        rowsTotal++;
        if ((rowsTotal & 2047) === 0) progress("parse", rowsTotal);
        if (rec.values.length !== width) {
          errors.add({ row: rec.row, column: "*", message: `baris berisi ${rec.values.length} kolom, header ${width} kolom` });
          continue;
        }
        let rowOk = true;
        for (let i = 0; i < kind.columns.length; i++) {
          const col = kind.columns[i];
          if (index[i] < 0) {
            // Absent column (a required one was already reported on the header).
            values[i] = null;
            continue;
          }
          // The parser itself, not parseCell: no result object per cell on the hot path.
          const r = col.cell(rec.values[index[i]]);
          if (r instanceof CellProblem) {
            errors.add({ row: rec.row, column: displayName[i], message: r.message, allowed: r.allowed });
            rowOk = false;
          } else if (r === null && col.required) {
            errors.add({ row: rec.row, column: displayName[i], message: `${col.name} wajib diisi` });
            rowOk = false;
          } else values[i] = r;
        }
        if (rowOk && kind.checkRow) {
          const p = kind.checkRow(get);
          if (p) {
            errors.add({ row: rec.row, column: p.column, message: p.message, allowed: p.allowed });
            rowOk = false;
          }
        }
        if (rowOk && !errors.hasErrors) yield [String(rec.row), ...values];
      }
    } catch (err) {
      const row = err instanceof CsvSyntaxError && err.row > 0 ? err.row : lastRow + 1;
      errors.add({ row, column: "*", message: `CSV tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  const stageColumns = stageLoadColumns(kind.columns.map((c) => c.name));
  const outcome = await inImportTransaction(database, Boolean(opts.dryRun), async (client) => {
    await createStage(client, STAGE, kind.columns.map((c) => c.name));
    await bulkLoad(client, validRows(), {
      table: STAGE,
      columns: stageColumns,
      embedded: database.embedded,
      onRows: (n) => progress("load", n),
    });
    if (errors.hasErrors) throw new ImportValidationError(errors.sorted(), errors.total);
    progress("load", rowsTotal, true);
    // Temp tables are never auto-analysed; statistics of the join keys are what the checks and
    // merges plan on. All ~60 household columns took 0.9 s per 50k rows, the keys ~0.1 s.
    const keys = joinKeyColumns.filter((c) => present.has(c));
    await client.query(`ANALYZE ${STAGE} (${["row_no", ...keys].map(quoteIdent).join(", ")})`);
    const loaded = performance.now();

    const notes: string[] = [];
    const ctx: KindContext = { client, stage: STAGE, present, errors, notes, batchId: 0, importedBy: opts.importedBy, bulk: !database.embedded && rowsTotal >= 10_000 };
    await kind.check(ctx);
    if (errors.hasErrors) throw new ImportValidationError(errors.sorted(), errors.total);

    const checked = performance.now();
    ctx.batchId = await createBatch(client, { kind: kind.kind, fileName, checksum: csv.checksum(), importedBy: opts.importedBy, rowsTotal });
    // From here every UPDATE of an imported table leaves its rows' previous values in
    // import_batch_rows (trigger of migration 0008), so the batch can be rolled back.
    await captureBeforeImages(client, ctx.batchId);
    progress("merge", rowsTotal, true);
    const { inserted, updated } = await kind.merge(ctx);
    // Fresh statistics after a big load, so the next import's joins (e.g. penerima → members) plan well.
    if (inserted + updated > 10_000) await client.query(`ANALYZE ${targetTable[kind.kind]}`);
    await finishBatch(client, ctx.batchId, { rowsInserted: inserted, rowsUpdated: updated, notes });
    const phasesMs = { load: loaded - started, check: checked - loaded, merge: performance.now() - checked };
    return { batchId: ctx.batchId, inserted, updated, notes, phasesMs };
  });
  progress("done", rowsTotal, true);
  return {
    batchId: opts.dryRun ? null : outcome.batchId,
    kind: kind.kind,
    rowsTotal,
    rowsInserted: outcome.inserted,
    rowsUpdated: outcome.updated,
    notes: outcome.notes,
    durationMs: Math.round(performance.now() - started),
    phasesMs: {
      load: Math.round(outcome.phasesMs.load),
      check: Math.round(outcome.phasesMs.check),
      merge: Math.round(outcome.phasesMs.merge),
    },
  };
}
