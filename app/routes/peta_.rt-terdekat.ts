/** The household nearest to a clicked map point: /peta/rt-terdekat?lon=…&lat=… → {idRt} */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { nearestHousehold } from "../../geo/tiles/tiles.server";
import { requireHouseholdViewer } from "./peta/viewer.server";
import { privateJson } from "~/http/private-json";

const Query = z.object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) });

export async function loader({ request }: LoaderFunctionArgs) {
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return json({ idRt: null }, { status: 400 });
  // Household locations are personal data: only roles with rights, only inside their scope.
  const viewer = await requireHouseholdViewer(request);
  return privateJson({ idRt: await nearestHousehold(q.data.lon, q.data.lat, 60, undefined, viewer.scopePrefix) });
}
