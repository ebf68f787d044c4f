/**
 * Writes a minimal EXIF block (GPS latitude/longitude only) into a JPEG. The phone resizes a
 * house photo on a canvas, which drops the camera's EXIF; the visit form puts the position read
 * from the original photo back, so the server can read it from the bytes it stores (exifr), as
 * it would from an untouched camera file. Pure (no DOM): the tests build their fixture with it.
 *
 * Layout (big-endian TIFF): IFD0 with one entry (GPSInfo pointer), the GPS IFD with version,
 * latitude ref/value and longitude ref/value, then the two RATIONAL[3] values (deg, min, sec).
 */
const TIFF_SIZE = 140;

function rationals(view: DataView, offset: number, decimal: number): void {
  const abs = Math.abs(decimal);
  const deg = Math.floor(abs);
  const minFloat = (abs - deg) * 60;
  const min = Math.floor(minFloat);
  const secMilli = Math.round((minFloat - min) * 60 * 1000);
  const parts: Array<[number, number]> = [
    [deg, 1],
    [min, 1],
    [secMilli, 1000],
  ];
  parts.forEach(([num, den], i) => {
    view.setUint32(offset + i * 8, num);
    view.setUint32(offset + i * 8 + 4, den);
  });
}

/** The APP1 segment (FF E1 …) carrying the position. */
export function exifGpsSegment(lat: number, lon: number): Uint8Array<ArrayBuffer> {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new RangeError("koordinat di luar jangkauan");
  }
  const header = 2 + 2 + 6; // marker, length, "Exif\0\0"
  const out = new Uint8Array(header + TIFF_SIZE);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xffe1);
  view.setUint16(2, 2 + 6 + TIFF_SIZE);
  out.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4);
  const t = header; // TIFF start; offsets below are relative to it
  out.set([0x4d, 0x4d], t); // "MM"
  view.setUint16(t + 2, 42);
  view.setUint32(t + 4, 8);
  // IFD0: one entry, GPSInfo (0x8825, LONG) → GPS IFD at 26.
  view.setUint16(t + 8, 1);
  entry(view, t + 10, 0x8825, 4, 1, 26);
  view.setUint32(t + 22, 0);
  // GPS IFD at 26: five entries, values at 92 (lat) and 116 (lon).
  view.setUint16(t + 26, 5);
  let e = t + 28;
  entry(view, e, 0x0000, 1, 4, 0);
  out.set([2, 3, 0, 0], e + 8);
  e += 12;
  entry(view, e, 0x0001, 2, 2, 0);
  out.set([lat < 0 ? 0x53 : 0x4e, 0], e + 8); // S / N
  e += 12;
  entry(view, e, 0x0002, 5, 3, 92);
  e += 12;
  entry(view, e, 0x0003, 2, 2, 0);
  out.set([lon < 0 ? 0x57 : 0x45, 0], e + 8); // W / E
  e += 12;
  entry(view, e, 0x0004, 5, 3, 116);
  e += 12;
  view.setUint32(e, 0);
  rationals(view, t + 92, lat);
  rationals(view, t + 116, lon);
  return out;
}

function entry(view: DataView, at: number, tag: number, type: number, count: number, value: number): void {
  view.setUint16(at, tag);
  view.setUint16(at + 2, type);
  view.setUint32(at + 4, count);
  view.setUint32(at + 8, value);
}

/** The JPEG with the GPS EXIF block inserted right after its start-of-image marker. */
export function jpegWithGps(jpeg: Uint8Array, lat: number, lon: number): Uint8Array<ArrayBuffer> {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new TypeError("bukan berkas JPEG");
  const segment = exifGpsSegment(lat, lon);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}
