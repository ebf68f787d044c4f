/** Side-panel data for one region on /peta, with the map's filters: /peta/wilayah/{kode}?… */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { loadRegionPanel } from "./peta/data.server";
import { viewerFor } from "./peta/viewer.server";
import { parsePetaParams } from "./peta/params";
import { privateJson } from "~/http/private-json";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const code = params.kode ?? "";
  if (!/^\d{4}(\d{2})?(\d{4})?$/.test(code)) throw new Response("Kode wilayah tidak valid", { status: 400 });
  const panel = await loadRegionPanel(code, parsePetaParams(new URL(request.url).searchParams), await viewerFor(request));
  if (!panel) throw new Response("Wilayah tidak ditemukan", { status: 404 });
  return privateJson(panel);
}
