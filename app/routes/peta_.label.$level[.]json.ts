/** Label anchors (points on surface) for kecamatan/desa names: /peta/label/{level}.json */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { regionLabels, regionTileLayers } from "../../geo/tiles/tiles.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const level = z.enum(regionTileLayers).safeParse(params.level);
  if (!level.success) return new Response("Tingkat tidak dikenal", { status: 400 });
  const fc = await regionLabels(level.data, null);
  return new Response(JSON.stringify(fc), { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-cache" } });
}
