/**
 * MVT encoding in JavaScript for databases whose PostGIS lacks protobuf support (the embedded
 * pglite-postgis: "ST_AsMVTGeom: Compiled without protobuf-c support"). geojson-vt clips,
 * simplifies and projects the tile's features; vt-pbf writes the protobuf. Same layer names,
 * properties, ids and extent as the ST_AsMVT path, so the map cannot tell them apart.
 */
import geojsonvt from "geojson-vt";
import vtpbf from "vt-pbf";
import type { Feature } from "geojson";

export function encodeTile(
  layer: string,
  features: Feature[],
  z: number,
  x: number,
  y: number,
  opts: { extent: number; buffer: number },
): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const index = geojsonvt(
    { type: "FeatureCollection", features },
    { maxZoom: Math.max(z, 1), indexMaxZoom: 0, indexMaxPoints: 0, extent: opts.extent, buffer: opts.buffer, tolerance: 1 },
  );
  const tile = index.getTile(z, x, y);
  if (!tile || tile.features.length === 0) return new Uint8Array(0);
  return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: opts.extent });
}
