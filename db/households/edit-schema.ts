/**
 * The household fields an operator may edit in the field, as one zod schema shared by the form
 * (client hints) and the server (the authority). Column names follow formats.md `rumah_tangga`.
 * Empty means unknown (null), never zero.
 */
import { z } from "zod";
import * as codes from "../codes";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? null : v), z.enum(values).nullable());
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(min).max(max).nullable());
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().min(min).max(max).nullable());
const optionalText = z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(200).nullable());

export const HouseholdEditSchema = z
  .object({
    alamat: optionalText,
    rt: optionalText,
    rw: optionalText,
    status_bangunan: optionalEnum(codes.buildingTenures),
    status_lahan: optionalEnum(codes.landTenures),
    luas_lantai: optionalNumber(1, 5000),
    lantai: optionalEnum(codes.floorMaterials),
    dinding: optionalEnum(codes.wallMaterials),
    kondisi_dinding: optionalEnum(codes.conditions),
    atap: optionalEnum(codes.roofMaterials),
    kondisi_atap: optionalEnum(codes.conditions),
    jumlah_kamar: optionalInt(0, 50),
    sumber_air_minum: optionalEnum(codes.waterSources),
    sumber_penerangan: optionalEnum(codes.lightingSources),
    daya_listrik: optionalInt(0, 100_000),
    bahan_bakar_memasak: optionalEnum(codes.cookingFuels),
    fasilitas_bab: optionalEnum(codes.toiletFacilities),
    jenis_kloset: optionalEnum(codes.toiletTypes),
    pembuangan_tinja: optionalEnum(codes.sewageDisposals),
  })
  .partial();

export type HouseholdEdit = z.infer<typeof HouseholdEditSchema>;
export const editableHouseholdColumns = Object.keys(HouseholdEditSchema.shape) as (keyof HouseholdEdit)[];
