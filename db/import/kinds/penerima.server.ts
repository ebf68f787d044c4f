/**
 * penerima (program recipients) → recipients. The unit key follows the program's unit; a
 * household program may name the household only by nik/no_kk (resolved through members). A unit
 * not found in DTKS is kept as given: that is a finding (not_in_dtks), not an import error.
 */
import * as codes from "../../codes";
import { codeOf, integer, nik16, periode, programCode, regionCode, text } from "../fields";
import { quoteIdent, reportRows, runUpsert } from "../staging.server";
import { batchColumn, reportUnknownDesa } from "./common.server";
import type { ColumnSpec, CsvKind, KindContext } from "./types";

export const columns: ColumnSpec[] = [
  { name: "program", cell: programCode(), required: true },
  { name: "periode", cell: periode(), required: true },
  { name: "tahap", cell: codeOf(codes.recipientStages) },
  { name: "nik", cell: nik16("NIK") },
  { name: "no_kk", cell: nik16("No. KK") },
  { name: "id_rt", cell: text() },
  { name: "nama", cell: text() },
  { name: "kode_desa", cell: regionCode("desa") },
  { name: "nilai", cell: integer(0, 1e13) },
];

const RESOLVED = "import_penerima_resolved";

async function reportMissingKey(ctx: KindContext, unit: string, condition: string, column: string, label: string) {
  await reportRows(ctx.client, ctx.errors, {
    sql: `SELECT s.row_no, s.program AS value FROM ${quoteIdent(ctx.stage)} s JOIN programs p ON p.kode = s.program
          WHERE p.unit = '${unit}' AND ${condition}`,
    column,
    message: (v) => `${label} wajib diisi untuk program ${v} (unit ${unit})`,
  });
}

export const penerima: CsvKind = {
  kind: "penerima",
  columns,
  async check(ctx) {
    const { rows } = await ctx.client.query<{ kode: string }>("SELECT kode FROM programs ORDER BY kode");
    await reportRows(ctx.client, ctx.errors, {
      sql: `SELECT s.row_no, s.program AS value FROM ${quoteIdent(ctx.stage)} s
            WHERE NOT EXISTS (SELECT 1 FROM programs p WHERE p.kode = s.program)`,
      column: "program",
      message: (v) => `program ${v} tidak ada di katalog program (impor program dulu)`,
      allowed: rows.map((r) => r.kode),
    });
    await reportMissingKey(ctx, "individu", "s.nik IS NULL", "nik", "nik");
    await reportMissingKey(ctx, "keluarga", "s.no_kk IS NULL", "no_kk", "no_kk");
    await reportMissingKey(ctx, "rumah_tangga", "s.id_rt IS NULL AND s.nik IS NULL AND s.no_kk IS NULL", "id_rt", "id_rt (atau nik/no_kk)");
    await reportUnknownDesa(ctx);
  },
  async merge(ctx) {
    const stage = quoteIdent(ctx.stage);
    // Resolve missing keys through DTKS members, then number repeated listings of one unit in
    // file order: a unit listed twice stays visible (double_receipt) and re-imports stay idempotent.
    // Members are looked up only for the NIKs/KKs of rows that lack a key (rarely many): sorting
    // every listed NIK's members took ~1 s per 200k rows that already named their household.
    // Hash joins only: the planner picked merge joins on the four text keys, and sorting 200k
    // rows under the database's C.UTF-8 collation took ~0.9 s per sort (measured).
    await ctx.client.query("SET LOCAL enable_mergejoin = off");
    await ctx.client.query(`
      CREATE TEMP TABLE ${RESOLVED} ON COMMIT DROP AS
      WITH by_nik AS (
        SELECT DISTINCT ON (m.nik) m.nik, m.id_rt, m.no_kk
        FROM members m JOIN (SELECT DISTINCT nik FROM ${stage} WHERE nik IS NOT NULL AND (no_kk IS NULL OR id_rt IS NULL)) q ON q.nik = m.nik
        ORDER BY m.nik, m.id
      ), by_kk AS (
        SELECT DISTINCT ON (m.no_kk) m.no_kk, m.id_rt
        FROM members m JOIN (SELECT DISTINCT no_kk FROM ${stage} WHERE no_kk IS NOT NULL AND id_rt IS NULL) q ON q.no_kk = m.no_kk
        ORDER BY m.no_kk, m.id
      ), keyed AS (
        SELECT s.row_no, s.program, s.periode, COALESCE(s.tahap, 'realisasi') AS tahap, p.unit, s.nik,
               COALESCE(s.no_kk, mn.no_kk) AS no_kk, COALESCE(s.id_rt, mn.id_rt, mk.id_rt) AS id_rt,
               s.nama, s.kode_desa, s.nilai
        FROM ${stage} s
        JOIN programs p ON p.kode = s.program
        LEFT JOIN by_nik mn ON mn.nik = s.nik
        LEFT JOIN by_kk mk ON mk.no_kk = s.no_kk
      )
      SELECT k.*, CASE k.unit WHEN 'individu' THEN k.nik WHEN 'keluarga' THEN k.no_kk
                  ELSE COALESCE(k.id_rt, k.no_kk, k.nik) END AS unit_key,
             COALESCE(k.kode_desa, h.kode_desa) AS desa, h.id_rt IS NOT NULL AS in_dtks, 1 AS occurrence
      FROM keyed k LEFT JOIN households h ON h.id_rt = k.id_rt`);
    // Units listed more than once are found by a hashed GROUP BY and only their rows are
    // renumbered: a window over every row sorted 1.2M rows on four text keys (seconds), and
    // nearly all units are listed once. unit_key is never NULL here (the missing-key checks
    // ran), so plain equality matches what GROUP BY grouped.
    // Hash joins here too (the unanalysed temp table's estimates could pick a nested loop).
    await ctx.client.query("SET LOCAL enable_nestloop = off");
    await ctx.client.query(`
      UPDATE ${RESOLVED} r SET occurrence = d.n
      FROM (SELECT x.row_no, row_number() OVER (PARTITION BY x.program, x.periode, x.tahap, x.unit_key ORDER BY x.row_no) AS n
            FROM ${RESOLVED} x
            WHERE (x.program, x.periode, x.tahap, x.unit_key) IN (
              SELECT program, periode, tahap, unit_key FROM ${RESOLVED} GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)) d
      WHERE r.row_no = d.row_no AND d.n > 1`);
    await ctx.client.query("SET LOCAL enable_mergejoin = on; SET LOCAL enable_nestloop = on");
    const result = await runUpsert(ctx.client, {
      table: "recipients",
      conflict: ["program", "periode", "tahap", "unit_key", "occurrence"],
      columns: [
        { name: "program", expr: "s.program" },
        { name: "periode", expr: "s.periode" },
        { name: "tahap", expr: "s.tahap::recipient_stage" },
        { name: "unit_key", expr: "s.unit_key" },
        { name: "occurrence", expr: "s.occurrence::smallint" },
        { name: "nik", expr: "s.nik" },
        { name: "no_kk", expr: "s.no_kk" },
        { name: "id_rt", expr: "s.id_rt" },
        { name: "nama", expr: "s.nama" },
        { name: "kode_desa", expr: "s.desa" },
        { name: "nilai", expr: "s.nilai::numeric" },
        batchColumn(),
      ],
      from: `FROM ${RESOLVED} s`,
      orderBy: "s.row_no",
      extraSet: ["updated_at = now()"],
      bulk: ctx.bulk,
      params: [ctx.batchId],
    });
    const { rows } = await ctx.client.query<{ repeated: number; outside: number }>(
      `SELECT count(*) FILTER (WHERE occurrence > 1)::int AS repeated,
              count(*) FILTER (WHERE NOT in_dtks)::int AS outside
       FROM ${RESOLVED} r`,
    );
    if (rows[0].repeated) ctx.notes.push(`${rows[0].repeated} baris mencantumkan unit yang sama lebih dari sekali (program, periode, tahap)`);
    if (rows[0].outside) ctx.notes.push(`${rows[0].outside} penerima tidak ditemukan di DTKS (akan menjadi temuan not_in_dtks)`);
    return result;
  },
};
