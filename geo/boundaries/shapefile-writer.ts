/**
 * A tiny zipped-Shapefile writer (polygons + a dBASE table of text fields), enough to build test
 * fixtures from real GeoJSON boundaries: .shp/.shx (ESRI whitepaper, shape type 5), .dbf (dBASE
 * III), an optional .prj. Outer rings are written clockwise and holes counter-clockwise, as the
 * format requires. Not used by the app itself.
 */
import { writeZip } from "./shapefile";

type Ring = number[][];
export interface PolygonFeature {
  properties: Record<string, string>;
  /** GeoJSON Polygon or MultiPolygon coordinates. */
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

const signedArea = (ring: Ring) => {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
};
/** Clockwise (negative signed area) for outer rings, counter-clockwise for holes. */
const orient = (ring: Ring, outer: boolean) => ((signedArea(ring) < 0) === outer ? ring : [...ring].reverse());

export function writeShapefileZip(
  layer: string,
  features: PolygonFeature[],
  opts: { prj?: string; fields: { name: string; length: number }[]; project?: (xy: number[]) => number[] },
): Buffer {
  const project = opts.project ?? ((xy: number[]) => xy);
  const records = features.map((f) => {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const parts = polygons.flatMap((rings) => rings.map((r, i) => orient(r.map(project), i === 0)));
    const points = parts.flat();
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const content = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
    content.writeInt32LE(5, 0);
    box.forEach((v, i) => content.writeDoubleLE(v, 4 + 8 * i));
    content.writeInt32LE(parts.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    parts.forEach((p, i) => {
      content.writeInt32LE(start, 44 + 4 * i);
      start += p.length;
    });
    points.forEach((p, i) => {
      content.writeDoubleLE(p[0], 44 + 4 * parts.length + 16 * i);
      content.writeDoubleLE(p[1], 44 + 4 * parts.length + 16 * i + 8);
    });
    return { content, box };
  });
  const all = records.map((r) => r.box);
  const box = [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    box.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
    return h;
  };
  const shpBody: Buffer[] = [];
  const shx: Buffer[] = [];
  let offset = 100;
  records.forEach((r, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(r.content.length / 2, 4);
    shpBody.push(rh, r.content);
    const x = Buffer.alloc(8);
    x.writeInt32BE(offset / 2, 0);
    x.writeInt32BE(r.content.length / 2, 4);
    shx.push(x);
    offset += 8 + r.content.length;
  });
  const shp = Buffer.concat([header(offset), ...shpBody]);
  const shxFile = Buffer.concat([header(100 + 8 * records.length), ...shx]);

  // dBASE III: header, field descriptors, records (deletion flag + fixed-width text), EOF.
  const recordLength = 1 + opts.fields.reduce((n, f) => n + f.length, 0);
  const dbfHeader = Buffer.alloc(32);
  dbfHeader.writeUInt8(3, 0);
  dbfHeader.writeUInt8(126, 1);
  dbfHeader.writeUInt8(1, 2);
  dbfHeader.writeUInt8(1, 3);
  dbfHeader.writeUInt32LE(features.length, 4);
  dbfHeader.writeUInt16LE(32 + 32 * opts.fields.length + 1, 8);
  dbfHeader.writeUInt16LE(recordLength, 10);
  const descriptors = opts.fields.map((f) => {
    const d = Buffer.alloc(32);
    d.write(f.name.slice(0, 10), 0, "latin1");
    d.write("C", 11, "latin1");
    d.writeUInt8(f.length, 16);
    return d;
  });
  const rows = features.map((f) =>
    Buffer.concat([Buffer.from(" "), ...opts.fields.map((fd) => Buffer.from((f.properties[fd.name] ?? "").padEnd(fd.length).slice(0, fd.length), "latin1"))]),
  );
  const dbf = Buffer.concat([dbfHeader, ...descriptors, Buffer.from([0x0d]), ...rows, Buffer.from([0x1a])]);
  return writeZip([
    { name: `${layer}.shp`, data: shp },
    { name: `${layer}.shx`, data: shxFile },
    { name: `${layer}.dbf`, data: dbf },
    ...(opts.prj ? [{ name: `${layer}.prj`, data: Buffer.from(opts.prj) }] : []),
  ]);
}

export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const WEB_MERCATOR_PRJ =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
/** lon/lat → EPSG:3857 metres. */
export const toWebMercator = ([lon, lat]: number[]): number[] => [
  (6378137 * lon * Math.PI) / 180,
  6378137 * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
];
