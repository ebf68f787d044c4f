/** Vector tiles for /peta: /peta/tiles/{kabupaten|kecamatan|desa|rumah_tangga}/{z}/{x}/{y}.mvt */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getTile, tileGeneration, TileRequestSchema } from "../../geo/tiles/tiles.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = TileRequestSchema.safeParse({ ...params, periode: url.searchParams.get("periode"), program: url.searchParams.get("program") });
  if (!parsed.success) return new Response("Permintaan tile tidak valid", { status: 400 });
  const etag = `"t${tileGeneration()}-${parsed.data.layer}-${parsed.data.z}-${parsed.data.x}-${parsed.data.y}-${parsed.data.program ?? ""}-${parsed.data.periode ?? ""}"`;
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  // Household points are personal data: roles land with the data-management issue (admin for now).
  const { data } = await getTile(parsed.data);
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
