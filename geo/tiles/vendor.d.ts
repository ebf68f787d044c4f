// Minimal typings for the two mapbox libraries used by js-mvt.ts (they ship none).
declare module "geojson-vt" {
  import type { FeatureCollection } from "geojson";
  export interface GeoJsonVtTile {
    features: unknown[];
  }
  export interface GeoJsonVtIndex {
    getTile(z: number, x: number, y: number): GeoJsonVtTile | null;
  }
  export default function geojsonvt(
    data: FeatureCollection,
    options?: { maxZoom?: number; indexMaxZoom?: number; indexMaxPoints?: number; extent?: number; buffer?: number; tolerance?: number },
  ): GeoJsonVtIndex;
}
declare module "vt-pbf" {
  import type { GeoJsonVtTile } from "geojson-vt";
  const vtpbf: { fromGeojsonVt(layers: Record<string, GeoJsonVtTile>, options?: { version?: number; extent?: number }): Uint8Array };
  export default vtpbf;
}
