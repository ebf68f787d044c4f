/** Household summary for a clicked point on /peta: /peta/rt/{id_rt} */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { loadHousehold } from "./peta/data.server";
import { requireHouseholdViewer } from "./peta/viewer.server";
import { privateJson } from "~/http/private-json";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const viewer = await requireHouseholdViewer(request);
  const idRt = params.idRt ?? "";
  if (idRt.length === 0 || idRt.length > 64) throw new Response("ID rumah tangga tidak valid", { status: 400 });
  const summary = await loadHousehold(idRt, viewer);
  if (!summary) throw new Response("Rumah tangga tidak ditemukan", { status: 404 });
  return privateJson(summary);
}
