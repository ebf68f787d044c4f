/** Loader of /verifikasi/permohonan: filters from the URL, scoped to the account's wilayah. */
import { applicationStatuses, type ApplicationStatus } from "../../../analytics/verval/workflow";
import { isInScope } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { desaInScope, listApplications, registrarRoles, viewerRoles, type Match } from "../../../db/verval/applications.server";
import { requireAccount } from "~/auth/session.server";

export async function loadApplicationList(request: Request) {
  const account = await requireAccount(request, viewerRoles);
  const url = new URL(request.url);
  const rawStatus = url.searchParams.get("status");
  const rawMatch = url.searchParams.get("cocok");
  const rawDesa = url.searchParams.get("desa")?.replace(/\./g, "") ?? "";
  const status = (applicationStatuses as readonly string[]).includes(rawStatus ?? "") ? (rawStatus as ApplicationStatus) : null;
  const match = rawMatch === "baru" || rawMatch === "terdaftar" ? (rawMatch as Match) : null;
  // A desa outside the scope is ignored (the list stays scoped either way).
  const kodeDesa = /^[0-9]{10}$/.test(rawDesa) && isInScope(account, rawDesa) ? rawDesa : null;
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("hal")) || 1));
  const { pool } = await getDatabase();
  const [list, desa] = await Promise.all([listApplications(pool, account, { status, match, kodeDesa, page }), desaInScope(pool, account)]);
  return {
    ...list,
    filters: { status, match, kodeDesa },
    desaOptions: account.role === "desa" ? [] : desa,
    canRegister: (registrarRoles as readonly string[]).includes(account.role),
  };
}
