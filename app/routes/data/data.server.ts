import { getDatabase } from "../../../db/connection.server";
import { dataFreshness } from "../../../db/freshness.server";
import { canImportKind, scopePrefix } from "../../../analytics/access/scope";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { getAccount, publicVisitor } from "~/auth/session.server";

/** Freshness is an aggregate (dates per desa), open to every role; the work links need an operator. */
export async function loadDataHub(request: Request) {
  const account = (await getAccount(request)) ?? publicVisitor;
  const { pool } = await getDatabase();
  const rows = await dataFreshness(pool, scopePrefix(account));
  const byDesa = new Map<string, { code: string; name: string; sources: Record<string, { lastUpdate: string | null; ageDays: number | null; overdue: boolean }> }>();
  for (const r of rows) {
    const entry = byDesa.get(r.kodeDesa) ?? { code: r.kodeDesa, name: r.namaDesa, sources: {} };
    entry.sources[r.source] = { lastUpdate: r.lastUpdate, ageDays: r.ageDays, overdue: r.overdue };
    byDesa.set(r.kodeDesa, entry);
  }
  const desa = [...byDesa.values()];
  return {
    operator: hasPersonalDataRights(account.role) && account.id !== 0,
    importer: canImportKind(account, "rumah_tangga"),
    admin: account.role === "admin",
    desa,
    overdueDesa: desa.filter((d) => Object.values(d.sources).some((s) => s.overdue)).length,
  };
}
