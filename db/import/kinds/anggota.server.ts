/** anggota (household members) → members; each member takes its household's kode_desa. */
import * as codes from "../../codes";
import { boolean, codeOf, date, nik16, text } from "../fields";
import { quoteIdent, reportRows, runUpsert } from "../staging.server";
import { batchColumn, plainColumns, reportDuplicates } from "./common.server";
import type { ColumnSpec, CsvKind } from "./types";

export const columns: ColumnSpec[] = [
  { name: "id_rt", cell: text(), required: true },
  { name: "nik", cell: nik16("NIK"), required: true },
  { name: "no_kk", cell: nik16("No. KK"), required: true },
  { name: "nama", cell: text(), required: true },
  { name: "hubungan_krt", cell: codeOf(codes.relationsToHead), sqlType: "relation_to_head" },
  { name: "jenis_kelamin", cell: codeOf(codes.sexes), sqlType: "sex" },
  { name: "tanggal_lahir", cell: date(), sqlType: "date" },
  { name: "status_perkawinan", cell: codeOf(codes.maritalStatuses), sqlType: "marital_status" },
  { name: "hamil", cell: boolean(), sqlType: "boolean" },
  { name: "partisipasi_sekolah", cell: codeOf(codes.schoolParticipations), sqlType: "school_participation" },
  { name: "jenjang_pendidikan", cell: codeOf(codes.educationLevels), sqlType: "education_level" },
  { name: "status_bekerja", cell: codeOf(codes.workStatuses), sqlType: "work_status" },
  { name: "lapangan_usaha", cell: codeOf(codes.sectors), sqlType: "sector" },
  { name: "disabilitas", cell: codeOf(codes.disabilityLevels), sqlType: "disability_level" },
  { name: "penyakit_kronis", cell: boolean(), sqlType: "boolean" },
];

export const anggota: CsvKind = {
  kind: "anggota",
  columns,
  async check(ctx) {
    await reportDuplicates(ctx, ["id_rt", "nik"], "nik", "anggota (id_rt/NIK)");
    await reportRows(ctx.client, ctx.errors, {
      sql: `SELECT s.row_no, s.id_rt AS value FROM ${quoteIdent(ctx.stage)} s
            WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id_rt = s.id_rt)`,
      column: "id_rt",
      message: (v) => `rumah tangga ${v} tidak ada (impor rumah_tangga dulu, atau periksa id_rt)`,
    });
  },
  merge(ctx) {
    return runUpsert(ctx.client, {
      table: "members",
      conflict: ["id_rt", "nik"],
      columns: [...plainColumns(columns, ctx.present), { name: "kode_desa", expr: "h.kode_desa" }, batchColumn()],
      from: `FROM ${quoteIdent(ctx.stage)} s JOIN households h ON h.id_rt = s.id_rt`,
      orderBy: "s.row_no",
      extraSet: ["version = t.version + 1", "updated_at = now()"],
      bulk: ctx.bulk,
      params: [ctx.batchId],
    });
  },
};
