/** penduduk (Dukcapil population records) → population, keyed by NIK. */
import * as codes from "../../codes";
import { codeOf, date, nik16, regionCode, text } from "../fields";
import { quoteIdent, runUpsert } from "../staging.server";
import { batchColumn, plainColumns, reportDuplicates, reportUnknownDesa } from "./common.server";
import type { ColumnSpec, CsvKind } from "./types";

export const columns: ColumnSpec[] = [
  { name: "nik", cell: nik16("NIK"), required: true },
  { name: "no_kk", cell: nik16("No. KK") },
  { name: "nama", cell: text() },
  { name: "jenis_kelamin", cell: codeOf(codes.sexes), sqlType: "sex" },
  { name: "tanggal_lahir", cell: date(), sqlType: "date" },
  { name: "kode_desa", cell: regionCode("desa") },
  { name: "status", cell: codeOf(codes.populationStatuses), sqlType: "population_status" },
  { name: "tanggal_status", cell: date(), sqlType: "date" },
];

export const penduduk: CsvKind = {
  kind: "penduduk",
  columns,
  async check(ctx) {
    await reportDuplicates(ctx, ["nik"], "nik", "NIK");
    await reportUnknownDesa(ctx);
  },
  merge(ctx) {
    const cols = plainColumns(columns, ctx.present).map((c) =>
      // An empty status means a living person (the column's default).
      c.name === "status" ? { ...c, expr: "COALESCE(s.status, 'hidup')::population_status" } : c,
    );
    return runUpsert(ctx.client, {
      table: "population",
      conflict: ["nik"],
      columns: [...cols, batchColumn()],
      // No ORDER BY: no serial id here, and a sort of the whole stage costs seconds.
      from: `FROM ${quoteIdent(ctx.stage)} s`,
      extraSet: ["updated_at = now()"],
      bulk: ctx.bulk,
      params: [ctx.batchId],
    });
  },
};
