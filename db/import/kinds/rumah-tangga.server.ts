/** rumah_tangga (DTKS households) → households. */
import * as codes from "../../codes";
import { boolean, codeOf, decimal, integer, regionCode, text } from "../fields";
import { quoteIdent, runUpsert } from "../staging.server";
import { batchColumn, plainColumns, reportDuplicates, reportUnknownDesa } from "./common.server";
import type { ColumnSpec, CsvKind } from "./types";

const code = (name: string, values: readonly string[], sqlType: string): ColumnSpec => ({ name, cell: codeOf(values), sqlType });
const int = (name: string, sqlType = "integer", max?: number): ColumnSpec => ({ name, cell: integer(0, max), sqlType });

export const columns: ColumnSpec[] = [
  { name: "id_rt", cell: text(), required: true },
  { name: "kode_desa", cell: regionCode("desa"), required: true },
  { name: "alamat", cell: text() },
  { name: "rt", cell: text() },
  { name: "rw", cell: text() },
  { name: "lintang", cell: decimal(-90, 90) },
  { name: "bujur", cell: decimal(-180, 180) },
  { name: "desil", cell: integer(1, 10), sqlType: "smallint" },
  { name: "status_kesejahteraan", cell: integer(1, 4), sqlType: "smallint" },
  code("status_bangunan", codes.buildingTenures, "building_tenure"),
  code("status_lahan", codes.landTenures, "land_tenure"),
  { name: "luas_lantai", cell: decimal(0, 1e7), sqlType: "real" },
  code("lantai", codes.floorMaterials, "floor_material"),
  code("dinding", codes.wallMaterials, "wall_material"),
  code("kondisi_dinding", codes.conditions, "condition"),
  code("atap", codes.roofMaterials, "roof_material"),
  code("kondisi_atap", codes.conditions, "condition"),
  int("jumlah_kamar", "smallint", 32767),
  code("sumber_air_minum", codes.waterSources, "water_source"),
  code("sumber_penerangan", codes.lightingSources, "lighting_source"),
  int("daya_listrik"),
  code("bahan_bakar_memasak", codes.cookingFuels, "cooking_fuel"),
  code("fasilitas_bab", codes.toiletFacilities, "toilet_facility"),
  code("jenis_kloset", codes.toiletTypes, "toilet_type"),
  code("pembuangan_tinja", codes.sewageDisposals, "sewage_disposal"),
  ...codes.assetColumns.map((name): ColumnSpec => ({ name, cell: boolean(), sqlType: "boolean" })),
  { name: "luas_lahan", cell: decimal(0, 1e10), sqlType: "real" },
  ...codes.livestockColumns.map((name) => int(name)),
  int("makan_per_hari", "smallint", 32767),
  int("daging_per_minggu", "smallint", 32767),
  int("pakaian_baru_per_tahun", "smallint", 32767),
  { name: "mampu_berobat", cell: boolean(), sqlType: "boolean" },
  { name: "punya_aset_500rb", cell: boolean(), sqlType: "boolean" },
  { name: "pendapatan_krt", cell: integer(0, 1e13), sqlType: "bigint" },
];

const point = `CASE WHEN s.lintang IS NOT NULL THEN ST_SetSRID(ST_MakePoint(s.bujur::float8, s.lintang::float8), 4326) END`;

export const rumahTangga: CsvKind = {
  kind: "rumah_tangga",
  columns,
  checkRow(get) {
    if ((get("lintang") === null) !== (get("bujur") === null))
      return { column: get("lintang") === null ? "lintang" : "bujur", message: "lintang dan bujur harus diisi berdua atau dikosongkan berdua" };
    return null;
  },
  async check(ctx) {
    await reportDuplicates(ctx, ["id_rt"], "id_rt", "id_rt");
    await reportUnknownDesa(ctx);
  },
  async merge(ctx) {
    const hasDesil = ctx.present.has("desil") || ctx.present.has("status_kesejahteraan");
    const hasLocation = ctx.present.has("lintang");
    const keepUnless = (present: boolean) => (present ? undefined : null);
    const whenLocated = (col: string) => `CASE WHEN EXCLUDED.location IS NOT NULL THEN EXCLUDED.${col} ELSE t.${col} END`;
    const result = await runUpsert(ctx.client, {
      table: "households",
      conflict: ["id_rt"],
      columns: [
        ...plainColumns(columns, ctx.present, ["lintang", "bujur", "desil"]),
        // status_kesejahteraan 1–4 is the older BDT rank: it stands in for an empty desil.
        { name: "desil", expr: "COALESCE(s.desil, s.status_kesejahteraan)::smallint", onUpdate: keepUnless(hasDesil) },
        // An import without coordinates never erases a location (e.g. one fixed by GPS).
        { name: "location", expr: point, onUpdate: hasLocation ? "COALESCE(EXCLUDED.location, t.location)" : null },
        { name: "location_source", expr: `CASE WHEN s.lintang IS NOT NULL THEN 'import'::location_source END`, onUpdate: whenLocated("location_source"), bookkeeping: true },
        { name: "location_accuracy_m", expr: "NULL::real", onUpdate: whenLocated("location_accuracy_m"), bookkeeping: true },
        { name: "location_by", expr: `CASE WHEN s.lintang IS NOT NULL THEN $2::text END`, onUpdate: whenLocated("location_by"), bookkeeping: true },
        { name: "location_at", expr: `CASE WHEN s.lintang IS NOT NULL THEN now() END`, onUpdate: whenLocated("location_at"), bookkeeping: true },
        batchColumn(),
      ],
      // No ORDER BY: no serial id here, and a sort of the whole stage costs seconds.
      from: `FROM ${quoteIdent(ctx.stage)} s`,
      extraSet: ["version = t.version + 1", "updated_at = now()"],
      bulk: ctx.bulk,
      params: [ctx.batchId, ctx.importedBy],
    });
    // Members carry their household's desa code: follow households that moved desa. Rows this
    // batch changed are exactly those stamped with its id.
    await ctx.client.query(
      `UPDATE members m SET kode_desa = h.kode_desa, updated_at = now()
       FROM households h WHERE h.import_batch_id = $1 AND m.id_rt = h.id_rt AND m.kode_desa <> h.kode_desa`,
      [ctx.batchId],
    );
    if (hasLocation) {
      const { rows } = await ctx.client.query<{ outside: number; located: number }>(
        `SELECT count(*) FILTER (WHERE NOT ST_Covers(r.geom, ${point}))::int AS outside, count(*)::int AS located
         FROM ${quoteIdent(ctx.stage)} s JOIN regions r ON r.code = s.kode_desa
         WHERE s.lintang IS NOT NULL AND r.geom IS NOT NULL`,
      );
      if (rows[0].outside > 0)
        ctx.notes.push(`${rows[0].outside} dari ${rows[0].located} titik rumah tangga berada di luar poligon desanya`);
    }
    return result;
  },
};
