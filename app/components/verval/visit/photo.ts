/**
 * House photo on the phone: read the EXIF position from the original (exifr), shrink it on a
 * canvas to at most 1600 px on the long side and ≤ 1 MB as JPEG (a phone camera file is 3–8 MB;
 * the server takes ≤ 2 MB), and write the position back into the small JPEG (the canvas drops
 * EXIF) so the server can read it from the bytes too. Browser only (called from event handlers).
 */
import { jpegWithGps } from "~/offline/exif-gps";

export const MAX_EDGE_PX = 1600;
export const TARGET_BYTES = 1024 * 1024;

export interface PreparedPhoto {
  blob: Blob;
  width: number;
  height: number;
  exif: { lat: number; lon: number } | null;
}

/** Loads exifr's browser build (a separate chunk, fetched once so it is cached for offline use). */
export function loadExifr() {
  return import("exifr");
}

export async function readExifGps(file: Blob): Promise<{ lat: number; lon: number } | null> {
  try {
    const exifr = (await loadExifr()).default;
    const gps = (await exifr.gps(file)) as { latitude?: number; longitude?: number } | undefined;
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) return { lat: gps.latitude!, lon: gps.longitude! };
  } catch {
    // No EXIF, or a format exifr cannot read: the photo is still fine.
  }
  return null;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("canvas kosong"))), "image/jpeg", quality),
  );
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const exif = await readExifGps(file);
  // from-image: the canvas gets the photo upright whatever the camera's orientation tag said.
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  let scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
  let blob: Blob | null = null;
  let width = 0;
  let height = 0;
  // Lower the quality first, then the size, until it fits.
  for (let attempt = 0; attempt < 6 && (!blob || blob.size > TARGET_BYTES); attempt++) {
    width = Math.max(1, Math.round(bitmap.width * scale));
    height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, width, height);
    for (const quality of [0.82, 0.7, 0.6]) {
      blob = await toBlob(canvas, quality);
      if (blob.size <= TARGET_BYTES) break;
    }
    scale *= 0.8;
  }
  bitmap.close();
  if (!blob || blob.size > TARGET_BYTES) throw new Error("foto terlalu besar");
  if (exif) blob = new Blob([jpegWithGps(new Uint8Array(await blob.arrayBuffer()), exif.lat, exif.lon)], { type: "image/jpeg" });
  return { blob, width, height, exif };
}

/** Metres between two points (haversine), to show how far the photo was taken from the GPS fix. */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
