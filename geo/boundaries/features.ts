/**
 * Reading administrative boundaries from a GeoJSON FeatureCollection (formats.md "wilayah"):
 * which property holds the code and the name, the level implied by the code's length, and the
 * per-feature problems reported as `file:feature:property` errors (a feature's number is its row).
 */
import { z } from "zod";

export const codePropertyCandidates = ["kode", "code", "KDEPUM", "KDCPUM", "KDPKAB"] as const;
export const namePropertyCandidates = ["nama", "name", "WADMKD", "WADMKC", "WADMKK"] as const;

export const levelByCodeLength: Record<number, "provinsi" | "kabupaten" | "kecamatan" | "desa"> = {
  2: "provinsi",
  4: "kabupaten",
  6: "kecamatan",
  10: "desa",
};

/** Parent code: desa → kecamatan (6), kecamatan → kabupaten (4), kabupaten → provinsi (2). */
export function parentCode(code: string): string | null {
  const parentLength = { 10: 6, 6: 4, 4: 2 }[code.length];
  return parentLength ? code.slice(0, parentLength) : null;
}

/** 3508012001 → 35.08.01.2001 */
export function dottedCode(code: string): string {
  return [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)].filter(Boolean).join(".");
}

const FeatureSchema = z.object({
  type: z.literal("Feature"),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.object({ type: z.string(), coordinates: z.unknown() }).passthrough().nullable(),
});
export const FeatureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.unknown()),
});

export interface BoundaryRow {
  row: number;
  code: string;
  level: "provinsi" | "kabupaten" | "kecamatan" | "desa";
  name: string;
  geometry: string;
}

export interface BoundaryProblem {
  row: number;
  column: string;
  message: string;
  allowed?: readonly string[];
}

/** Finds a property case-insensitively (shapefile exports vary in case). */
function findProperty(props: Record<string, unknown>, candidates: readonly string[]): string | undefined {
  const keys = Object.keys(props);
  for (const c of candidates) {
    const k = keys.find((key) => key.toLowerCase() === c.toLowerCase());
    if (k !== undefined && props[k] !== null && props[k] !== undefined && String(props[k]).trim() !== "") return k;
  }
  return undefined;
}

export function readFeature(
  raw: unknown,
  row: number,
  opts: { codeProperty?: string; nameProperty?: string },
): { ok: true; value: BoundaryRow } | { ok: false; problems: BoundaryProblem[] } {
  const parsed = FeatureSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: [{ row, column: "*", message: "bukan GeoJSON Feature yang valid" }] };
  const props = parsed.data.properties ?? {};
  const problems: BoundaryProblem[] = [];
  const codeCandidates = opts.codeProperty ? [opts.codeProperty] : codePropertyCandidates;
  const nameCandidates = opts.nameProperty ? [opts.nameProperty] : namePropertyCandidates;
  const codeKey = findProperty(props, codeCandidates);
  const nameKey = findProperty(props, nameCandidates);
  let code = "";
  if (!codeKey) problems.push({ row, column: codeCandidates.join("|"), message: "properti kode tidak ditemukan", allowed: codeCandidates });
  else {
    code = String(props[codeKey]).trim().replace(/\./g, "");
    if (!/^\d+$/.test(code) || !levelByCodeLength[code.length])
      problems.push({ row, column: codeKey, message: `"${String(props[codeKey])}" bukan kode wilayah (2, 4, 6 atau 10 digit, bertitik atau tidak)` });
  }
  if (!nameKey) problems.push({ row, column: nameCandidates.join("|"), message: "properti nama tidak ditemukan", allowed: nameCandidates });
  const geom = parsed.data.geometry;
  if (!geom || (geom.type !== "Polygon" && geom.type !== "MultiPolygon"))
    problems.push({ row, column: "geometry", message: `geometri harus Polygon atau MultiPolygon, bukan ${geom?.type ?? "kosong"}`, allowed: ["Polygon", "MultiPolygon"] });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { row, code, level: levelByCodeLength[code.length], name: String(props[nameKey!]).trim(), geometry: JSON.stringify(geom) },
  };
}
