/** Who is looking at the map: personal-data rights and wilayah scope from the session. */
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { scopePrefix } from "../../../analytics/access/scope";
import { getAccount } from "~/auth/session.server";
import type { Viewer } from "./data.server";

export async function viewerFor(request: Request): Promise<Viewer> {
  const account = await getAccount(request);
  if (!account) return { canSeePersonalData: false, scopePrefix: "" };
  return { canSeePersonalData: hasPersonalDataRights(account.role), scopePrefix: scopePrefix(account) };
}

/** Household points and summaries: 403 for roles without personal-data rights. */
export async function requireHouseholdViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerFor(request);
  if (!viewer.canSeePersonalData) throw new Response("Akses ditolak: masuk dengan akun operator", { status: 403 });
  return viewer;
}
