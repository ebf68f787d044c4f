// Remix only strips `*.server` modules inside app/ from the browser bundle; db/ lives outside,
// so routes reach the database through this app-side server module.
import { getDatabase } from "../../../db/connection.server";
import { getRegionSummary, type RegionSummary } from "../../../db/queries/summary.server";

export async function loadRegionSummary(): Promise<RegionSummary> {
  return getRegionSummary(await getDatabase());
}
