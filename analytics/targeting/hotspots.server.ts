/**
 * Spatial hot spots of exclusion error (issue 5 §6): desa exclusion rates of a program and
 * period (coverage.server.ts), queen contiguity from the desa polygons (ST_Intersects: sharing a
 * boundary or a corner; computed once in SQL), Gi* with FDR in hotspots.ts. Desa without
 * eligible units or without a polygon take no part.
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { recipientStages } from "../../db/codes";
import { PeriodeSchema } from "../eligibility/period";
import { computeCoverage } from "./coverage.server";
import { giStar, type GiStarResult } from "./hotspots";

export interface HotspotRow extends GiStarResult {
  eligible: number;
  tetangga: number;
}

export async function computeHotspots(
  options: { program: string; periode: string; tahap?: (typeof recipientStages)[number]; alpha?: number },
  database?: Database,
): Promise<HotspotRow[]> {
  const o = z
    .object({
      program: z.string().min(1).max(32),
      periode: PeriodeSchema,
      tahap: z.enum(recipientStages).default("realisasi"),
      alpha: z.number().gt(0).lt(1).default(0.05),
    })
    .parse(options);
  const db = database ?? (await getDatabase());
  const coverage = (await computeCoverage({ program: o.program, periode: o.periode, tingkat: "desa", tahap: o.tahap }, db)).filter(
    (r) => r.eligible > 0 && r.exclusion_error_pct !== null,
  );
  const codes = coverage.map((r) => r.kode_wilayah);
  const { rows } = await db.pool.query<{ code: string; neighbours: string[] }>(
    `SELECT a.code, coalesce(array_agg(b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS neighbours
     FROM regions a
     LEFT JOIN regions b ON b.level = 'desa' AND b.code <> a.code AND b.code = ANY($1::text[])
                        AND b.geom && a.geom AND ST_Intersects(b.geom, a.geom)
     WHERE a.level = 'desa' AND a.code = ANY($1::text[]) AND a.geom IS NOT NULL
     GROUP BY a.code`,
    [codes],
  );
  const neighbours = new Map(rows.map((r) => [r.code, r.neighbours]));
  const inputs = coverage
    .filter((r) => neighbours.has(r.kode_wilayah))
    .map((r) => ({ id: r.kode_wilayah, value: r.exclusion_error_pct!, neighbours: neighbours.get(r.kode_wilayah)! }));
  if (inputs.length < 3) return [];
  const eligible = new Map(coverage.map((r) => [r.kode_wilayah, r.eligible]));
  return giStar(inputs, o.alpha).map((g, i) => ({ ...g, eligible: eligible.get(g.id)!, tetangga: inputs[i].neighbours.length }));
}
