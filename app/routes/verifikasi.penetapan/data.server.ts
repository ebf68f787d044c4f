/**
 * /verifikasi/penetapan — decree snapshots of the account's scope and the form that freezes a
 * new one. Admin and kabupaten only (Perwali Mojokerto Ps 12 ayat 3: the list is fixed by the
 * head of region; Dinsos/Bappeda operate it).
 */
import { scopePrefix } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { createDecree, DecreeError, decreeRoles, listDecrees, pendingProposals } from "../../../db/verval/decree.server";
import { sortKeyIds } from "../../../db/verval/ranking-indicators";
import { listInstruments } from "../../../db/verval/ranking.server";
import { requireAccount } from "~/auth/session.server";

export async function loadPenetapan(request: Request) {
  const account = await requireAccount(request, decreeRoles);
  const { pool } = await getDatabase();
  const scope = scopePrefix(account);
  const [decrees, instruments, areas, pending] = await Promise.all([
    listDecrees(pool, account),
    listInstruments(pool),
    pool.query<{ code: string; name: string; level: string }>(
      `SELECT code, name, level::text FROM regions WHERE level IN ('kabupaten', 'kecamatan') AND code LIKE $1 || '%' ORDER BY code`,
      [scope],
    ),
    pendingProposals(pool, scope),
  ]);
  return {
    decrees,
    instruments: instruments.map((i) => ({ version: i.version, name: i.name })),
    areas: areas.rows,
    pending,
    sortKeyIds,
    defaults: { periode: String(new Date().getFullYear()), decreeDate: new Date().toISOString().slice(0, 10) },
  };
}

export type CreateResult =
  | { ok: true; id: number; version: number; rowCount: number; seconds: number }
  | { ok: false; issues: { path: string; message: string }[] };

export async function createPenetapan(request: Request): Promise<CreateResult> {
  const account = await requireAccount(request, decreeRoles);
  const form = Object.fromEntries(await request.formData());
  const sortKeys = [0, 1]
    .map((i) => [form[`k${i}`], form[`d${i}`] ?? "desc"])
    .filter(([k]) => typeof k === "string" && k)
    .map(([k, d]) => `${String(k)}:${String(d)}`)
    .join(",");
  const { pool } = await getDatabase();
  try {
    const s = await createDecree(pool, account, { ...form, sortKeys });
    return { ok: true, id: s.id, version: s.version, rowCount: s.rowCount, seconds: Math.round(s.ms / 100) / 10 };
  } catch (e) {
    if (e instanceof DecreeError) return { ok: false, issues: e.issues };
    throw e;
  }
}
