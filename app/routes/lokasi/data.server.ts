import { getDatabase } from "../../../db/connection.server";
import { householdsToLocate, locationProgress } from "../../../db/households/location.server";
import { scopePrefix } from "../../../analytics/access/scope";
import { requireAccount } from "~/auth/session.server";
import { operatorRoles } from "../rumah-tangga._index/data.server";

export async function loadLocationWork(request: Request) {
  const account = await requireAccount(request, operatorRoles);
  const prefix = scopePrefix(account);
  const { pool } = await getDatabase();
  const [progress, todo] = await Promise.all([locationProgress(pool, prefix), householdsToLocate(pool, prefix)]);
  const total = progress.reduce((a, p) => a + p.households, 0);
  const located = progress.reduce((a, p) => a + p.located, 0);
  const outside = progress.reduce((a, p) => a + p.outside, 0);
  return { role: account.role, total, located, outside, progress: account.role === "desa" ? [] : progress, todo };
}
