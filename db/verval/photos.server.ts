/**
 * House photos of field visits, kept in the database (photos.content, bytea) so backups and the
 * wilayah scope check cover them. The server trusts nothing the phone says about a file: the
 * size limit is enforced here (≤ 2 MB), the type is read from the magic bytes (JPEG, PNG, WebP),
 * and the GPS position is read from the EXIF in the bytes themselves (exifr).
 */
import { createHash } from "node:crypto";
import exifr from "exifr";
import type pg from "pg";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export type PhotoMime = "image/jpeg" | "image/png" | "image/webp";

/** The image type by its first bytes, or null when it is none we accept. */
export function sniffImageMime(bytes: Uint8Array): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

export type PhotoCheck =
  | { ok: true; mime: PhotoMime; exif: { lat: number | null; lon: number | null; takenAt: Date | null } }
  | { ok: false; error: "too_large" | "empty" | "bad_type"; detail: string };

/** Size, type by magic bytes, and the EXIF position (when present and plausible). */
export async function checkPhoto(bytes: Uint8Array): Promise<PhotoCheck> {
  if (bytes.length === 0) return { ok: false, error: "empty", detail: "berkas foto kosong" };
  if (bytes.length > MAX_PHOTO_BYTES) {
    return { ok: false, error: "too_large", detail: `foto ${bytes.length} byte melebihi batas ${MAX_PHOTO_BYTES} byte` };
  }
  const mime = sniffImageMime(bytes);
  if (!mime) return { ok: false, error: "bad_type", detail: "foto harus JPEG, PNG atau WebP (dibaca dari isi berkas)" };
  return { ok: true, mime, exif: await readExif(bytes) };
}

/** EXIF GPS and capture time; nulls when absent, unreadable or out of range. */
export async function readExif(bytes: Uint8Array): Promise<{ lat: number | null; lon: number | null; takenAt: Date | null }> {
  const none = { lat: null, lon: null, takenAt: null };
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = (await exifr.parse(buffer, { gps: true, tiff: true, exif: true, pick: ["latitude", "longitude", "DateTimeOriginal"] })) as
      | { latitude?: number; longitude?: number; DateTimeOriginal?: Date }
      | undefined;
    if (!data) return none;
    const lat = typeof data.latitude === "number" && Math.abs(data.latitude) <= 90 ? data.latitude : null;
    const lon = typeof data.longitude === "number" && Math.abs(data.longitude) <= 180 ? data.longitude : null;
    const takenAt = data.DateTimeOriginal instanceof Date && !Number.isNaN(data.DateTimeOriginal.getTime()) ? data.DateTimeOriginal : null;
    return lat !== null && lon !== null ? { lat, lon, takenAt } : { ...none, takenAt };
  } catch {
    return none;
  }
}

/** Stores a checked photo and returns its id. */
export async function storePhoto(
  client: Pick<pg.PoolClient, "query">,
  photo: { bytes: Uint8Array; mime: PhotoMime; exif: { lat: number | null; lon: number | null; takenAt: Date | null } },
  meta: { kodeDesa: string; uploadedBy: number | null },
): Promise<number> {
  const sha256 = createHash("sha256").update(photo.bytes).digest("hex");
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO photos (mime, bytes, sha256, content, exif_lat, exif_lon, taken_at, kode_desa, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [photo.mime, photo.bytes.length, sha256, Buffer.from(photo.bytes), photo.exif.lat, photo.exif.lon, photo.exif.takenAt, meta.kodeDesa, meta.uploadedBy],
  );
  return rows[0]!.id;
}

/** A stored photo (bytes and where it belongs), or null. */
export async function readPhoto(
  db: Pick<pg.Pool, "query">,
  id: number,
): Promise<{ mime: string; content: Buffer; kodeDesa: string; sha256: string } | null> {
  const { rows } = await db.query<{ mime: string; content: Buffer; kodeDesa: string; sha256: string }>(
    `SELECT mime, content, kode_desa AS "kodeDesa", sha256 FROM photos WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
