/** Vector tiles for /peta: /peta/tiles/{kabupaten|kecamatan|desa|rumah_tangga}/{z}/{x}/{y}.mvt */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getTile, tileGeneration, TileRequestSchema } from "../../geo/tiles/tiles.server";
import { requireHouseholdViewer } from "./peta/viewer.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = TileRequestSchema.safeParse({ ...params, periode: url.searchParams.get("periode"), program: url.searchParams.get("program") });
  if (!parsed.success) return new Response("Permintaan tile tidak valid", { status: 400 });
  // Household points are personal data: only roles with rights, and only inside their scope.
  const scope = parsed.data.layer === "rumah_tangga" ? (await requireHouseholdViewer(request)).scopePrefix : "";
  const etag = `"t${tileGeneration()}-${scope}-${parsed.data.layer}-${parsed.data.z}-${parsed.data.x}-${parsed.data.y}-${parsed.data.program ?? ""}-${parsed.data.periode ?? ""}"`;
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  const { data } = await getTile({ ...parsed.data, scopePrefix: scope });
  return new Response(data.byteLength ? (data as Uint8Array<ArrayBuffer>) : null, {
    status: data.byteLength ? 200 : 204,
    headers: {
      "Content-Type": "application/vnd.mapbox-vector-tile",
      // Revalidate every time: an import changes tiles, the ETag tells the browser when.
      "Cache-Control": parsed.data.layer === "rumah_tangga" ? "private, no-cache" : "public, no-cache",
      ETag: etag,
    },
  });
}
