/** Web-mercator (XYZ) tile arithmetic, for tests and benchmarks. */
export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const latRad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile at zoom z covering the bbox [west, south, east, north]. */
export function tilesCovering(bbox: readonly [number, number, number, number], z: number): { z: number; x: number; y: number }[] {
  const [w, s, e, n] = bbox;
  const a = lonLatToTile(w, n, z);
  const b = lonLatToTile(e, s, z);
  const out: { z: number; x: number; y: number }[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}
