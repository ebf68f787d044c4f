/**
 * Column mapping: which header of an uploaded file feeds which formats.md column. The web import
 * detects a mapping (case, spaces, punctuation and common DTKS/SIKS-NG/Dukcapil synonyms
 * tolerated), shows it, lets the user change it, validates the result with zod and hands it to
 * the importer (`ImportOptions.columnMap`), which renames the headers before anything is staged:
 * the same code path as the CLI (`--kolom "NIK KK=no_kk"`).
 */
import { z } from "zod";
import type { ImportKind } from "../codes";
import { normalizeToken } from "./fields";

/** Lower case, punctuation dropped, words joined by `_`: "No. KK" → "no_kk", "ID-RT" → "id_rt". */
export function headerToken(raw: string): string {
  return normalizeToken(
    raw
      .replace(/^\uFEFF/, "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}\s_-]+/gu, " "),
  )
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Header tokens seen in real exports, per target column (tokens as headerToken makes them). */
const common: Record<string, readonly string[]> = {
  id_rt: ["idrt", "id_rumah_tangga", "idbdt", "id_bdt", "id_dtks", "iddtks", "kode_rt", "no_urut_rt"],
  kode_desa: ["kode_kelurahan", "kode_desa_kelurahan", "kd_desa", "kddesa", "kode_wilayah", "kdepum", "id_desa", "kode_kel"],
  nik: ["no_nik", "nomor_induk_kependudukan", "nik_anggota", "nik_art", "nik_penerima", "nik_krt"],
  no_kk: ["nik_kk", "nokk", "kk", "nomor_kk", "nomor_kartu_keluarga", "no_kartu_keluarga", "kartu_keluarga", "no_kk_krt"],
  nama: ["nama_lengkap", "nama_anggota", "nama_art", "nama_kepala_keluarga", "nama_krt", "nama_kepala_rumah_tangga", "nama_penerima"],
  alamat: ["alamat_lengkap", "alamat_rumah", "jalan"],
  lintang: ["latitude", "lat", "y"],
  bujur: ["longitude", "lon", "lng", "long", "x"],
  desil: ["desil_kesejahteraan", "peringkat_desil", "desil_nasional"],
  jenis_kelamin: ["jk", "kelamin", "sex", "l_p"],
  tanggal_lahir: ["tgl_lahir", "tanggal_lhr", "tgl_lhr"],
  hubungan_krt: ["hub_krt", "hubungan_dengan_krt", "hubungan_kepala_rumah_tangga", "hubungan_keluarga", "shdk"],
  status_perkawinan: ["status_kawin", "sts_kawin"],
  periode: ["period", "tahun_periode", "bulan"],
  program: ["kode_program", "jenis_bantuan", "bansos"],
  nilai: ["nominal", "jumlah_bantuan", "nilai_bantuan"],
  kode: ["kode_program"],
  luas_lantai: ["luas_lantai_m2"],
  daya_listrik: ["daya", "daya_terpasang"],
  tanggal_status: ["tgl_status", "tanggal_meninggal", "tanggal_pindah"],
};

/** Kind-specific readings that would be wrong elsewhere (e.g. "nama" of a program). */
const perKind: Partial<Record<ImportKind, Record<string, readonly string[]>>> = {
  program: { kode: ["kode_program", "program"], nama: ["nama_program"] },
};

export interface DetectedColumn {
  /** The header as written in the file. */
  header: string;
  /** Target column, or null when nothing matched (the column will be ignored unless mapped). */
  column: string | null;
  how: "exact" | "synonym" | null;
}

/**
 * Detects the target column of each header: an exact (normalised) name first, then a synonym;
 * a target already taken by an earlier header is not given twice.
 */
export function detectMapping(kind: ImportKind, columns: readonly string[], rawHeader: readonly string[]): DetectedColumn[] {
  const known = new Set(columns);
  const synonyms = new Map<string, string>();
  for (const source of [perKind[kind] ?? {}, common])
    for (const [column, tokens] of Object.entries(source))
      if (known.has(column)) for (const t of tokens) if (!synonyms.has(t)) synonyms.set(t, column);
  const taken = new Set<string>();
  // Exact names win over synonyms wherever they appear in the header.
  const exact = rawHeader.map((h) => {
    const t = headerToken(h);
    return known.has(t) ? t : null;
  });
  for (const e of exact) if (e) taken.add(e);
  return rawHeader.map((header, i) => {
    if (exact[i]) return { header, column: exact[i], how: "exact" as const };
    const s = synonyms.get(headerToken(header));
    if (s && !taken.has(s)) {
      taken.add(s);
      return { header, column: s, how: "synonym" as const };
    }
    return { header, column: null, how: null };
  });
}

/** A mapping as the user sends it: header as written → target column, or "" to ignore it. */
export const ColumnMapSchema = z.record(z.string().max(200), z.string().max(64));
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

/**
 * Validates a user mapping against the kind's columns: every target is a column of the kind and
 * taken once, every required column is mapped. Issues name the header and the column.
 */
export function columnMapSchemaFor(columns: readonly { name: string; required?: boolean }[], rawHeader: readonly string[]) {
  const names = new Set(columns.map((c) => c.name));
  const headers = new Set(rawHeader);
  return ColumnMapSchema.superRefine((map, ctx) => {
    const used = new Map<string, string>();
    for (const [header, column] of Object.entries(map)) {
      if (!headers.has(header)) ctx.addIssue({ code: "custom", path: [header], message: `kolom "${header}" tidak ada di berkas` });
      if (column === "") continue;
      if (!names.has(column)) ctx.addIssue({ code: "custom", path: [header], message: `"${column}" bukan kolom format ini` });
      else if (used.has(column))
        ctx.addIssue({ code: "custom", path: [header], message: `"${header}" dan "${used.get(column)}" sama-sama dipetakan ke ${column}` });
      used.set(column, header);
    }
    // Headers left out of the map keep their own (normalised) name, as applyColumnMap does.
    for (const header of rawHeader) {
      const own = normalizeToken(header);
      if (!Object.prototype.hasOwnProperty.call(map, header) && names.has(own) && !used.has(own)) used.set(own, header);
    }
    for (const c of columns)
      if (c.required && !used.has(c.name)) ctx.addIssue({ code: "custom", path: [c.name], message: `kolom wajib ${c.name} belum dipetakan` });
  });
}

/**
 * The header the importer checks and stages by: a mapped header takes its target column ("" =
 * ignored); the others keep their normalised name (and are checked as before).
 */
export function applyColumnMap(rawHeader: readonly string[], header: readonly string[], map: ColumnMap | undefined): string[] {
  if (!map) return [...header];
  return rawHeader.map((raw, i) => (Object.prototype.hasOwnProperty.call(map, raw) ? map[raw] : header[i]));
}
