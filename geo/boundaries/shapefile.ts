/**
 * Zipped Shapefile → GeoJSON FeatureCollection for the boundary import (formats.md "wilayah"),
 * with what the validation report says about the file itself: the layer used, its .prj and the
 * projection it was reprojected from. shpjs (Calvin Metcalf's shapefile-js) parses the zip and
 * reprojects with proj4 from the .prj; this module reads the zip's directory first (node:zlib) so
 * it can tell a missing .prj from a WGS84 one and refuse projected coordinates without one.
 */
import zlib from "node:zlib";
import { parseZip } from "shpjs";

export interface ShapefileInfo {
  /** Layer (file name without .shp) that was read. */
  layer: string;
  /** Other .shp layers in the zip, ignored. */
  otherLayers: string[];
  /** "wgs84" (geographic WGS84 .prj), "reprojected" (another CRS, converted), or "missing". */
  prj: "wgs84" | "reprojected" | "missing";
  /** The CRS name in the .prj (PROJCS/GEOGCS), when there is one. */
  crsName: string | null;
}

export class ShapefileError extends Error {}

/** ZIP magic: every zip starts with a local file header "PK\x03\x04". */
export const isZip = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

/** Entries of a zip from its central directory: name → bytes (stored or deflated). */
export function readZipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ShapefileError("berkas zip rusak (direktori pusat tidak ditemukan)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new ShapefileError("berkas zip rusak (entri direktori)");
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return zlib.inflateRawSync(data);
      throw new ShapefileError(`metode kompresi zip ${method} tidak didukung (${name})`);
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

const crsNameOf = (wkt: string): string | null => /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? null;

/**
 * Reads the first polygon layer of a zipped Shapefile. Without a .prj the coordinates must
 * already be longitude/latitude (checked on every vertex of the first features).
 */
export async function shapefileToGeoJson(bytes: Buffer): Promise<{ geojson: { type: "FeatureCollection"; features: unknown[] }; info: ShapefileInfo }> {
  const entries = readZipEntries(bytes);
  const names = [...entries.keys()].filter((k) => !k.includes("__MACOSX"));
  const layers = names.filter((k) => /\.shp$/i.test(k)).map((k) => k.slice(0, -4));
  if (!layers.length) throw new ShapefileError("zip tidak berisi berkas .shp");
  const layer = layers[0];
  const has = (ext: string) => names.find((k) => k.toLowerCase() === `${layer}.${ext}`.toLowerCase());
  if (!has("dbf")) throw new ShapefileError(`${layer}.dbf tidak ada di zip (atribut kode dan nama wilayah ada di sana)`);
  const prjName = has("prj");
  const prjText = prjName ? entries.get(prjName)!().toString("utf8") : null;
  const crsName = prjText ? crsNameOf(prjText) : null;
  const geographic = prjText ? /^\s*GEOGC(S|RS)\b/i.test(prjText) : false;
  const wgs84 = geographic && /WGS[\s_]*(19)?84/i.test(prjText ?? "");

  // Only the chosen layer goes to shpjs (it would otherwise return an array of layers).
  let parsed: unknown;
  try {
    parsed = await parseZip(layers.length > 1 ? rezip(entries, names.filter((k) => k.startsWith(`${layer}.`))) : bytes);
  } catch (err) {
    throw new ShapefileError(`Shapefile tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fc = (Array.isArray(parsed) ? parsed[0] : parsed) as { type: "FeatureCollection"; features: unknown[] };
  if (!prjText) {
    // No .prj: coordinates are taken as WGS84 lon/lat, which they must look like.
    const bad = fc.features.slice(0, 50).find((f) => !coordinatesLookGeographic((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates));
    if (bad)
      throw new ShapefileError(
        "tidak ada berkas .prj dan koordinat bukan bujur/lintang (mis. UTM): sertakan .prj agar dapat diproyeksikan ulang ke WGS84",
      );
  }
  return {
    geojson: { type: "FeatureCollection", features: fc.features },
    info: { layer, otherLayers: layers.slice(1), prj: !prjText ? "missing" : wgs84 ? "wgs84" : "reprojected", crsName },
  };
}

function coordinatesLookGeographic(c: unknown): boolean {
  if (!Array.isArray(c)) return true;
  if (typeof c[0] === "number") return Math.abs(c[0]) <= 180 && Math.abs(Number(c[1])) <= 90;
  return c.every(coordinatesLookGeographic);
}

/** A new zip (stored) holding only the given entries. */
function rezip(entries: Map<string, () => Buffer>, names: string[]): Buffer {
  return writeZip(names.map((name) => ({ name, data: entries.get(name)!() })));
}

/** Minimal ZIP writer (deflate), used for single-layer extraction and by tests to build fixtures. */
export function writeZip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, "utf8");
    const deflated = zlib.deflateRawSync(f.data);
    const crc = zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
