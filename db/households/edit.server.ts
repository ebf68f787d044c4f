/**
 * Editing a household's DTKS fields with optimistic locking: the form carries the version the
 * operator loaded; if someone saved in between, the update is refused and both see the conflict
 * instead of one silently overwriting the other. The audit log keeps before and after.
 */
import type pg from "pg";
import { canWrite } from "../../analytics/access/scope";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";
import { editableHouseholdColumns, HouseholdEditSchema } from "./edit-schema";

export type EditResult =
  | { ok: true; version: number; changed: string[] }
  | { ok: false; error: "not_found" | "forbidden" | "stale" | "invalid"; issues?: string[]; currentVersion?: number };

export async function updateHousehold(
  pool: pg.Pool,
  account: Account,
  idRt: string,
  version: number,
  input: Record<string, unknown>,
): Promise<EditResult> {
  const parsed = HouseholdEditSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "invalid", issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  }
  const changes = Object.entries(parsed.data).filter(([k]) => (editableHouseholdColumns as string[]).includes(k));
  return withTransaction(pool, async (client) => {
    const cols = editableHouseholdColumns.map((c) => `"${c}"`).join(", ");
    const { rows } = await client.query<Record<string, unknown> & { kode_desa: string; version: number }>(
      `SELECT kode_desa, version, ${cols} FROM households WHERE id_rt = $1 FOR UPDATE`,
      [idRt],
    );
    const current = rows[0];
    if (!current) return { ok: false, error: "not_found" } as const;
    if (!canWrite(account, "household", current.kode_desa)) return { ok: false, error: "forbidden" } as const;
    if (current.version !== version) return { ok: false, error: "stale", currentVersion: current.version } as const;
    const changed = changes.filter(([k, v]) => current[k] !== v);
    if (changed.length === 0) return { ok: true, version, changed: [] } as const;
    // Column names come from the schema's keys, never from the request.
    const sets = changed.map(([k], i) => `"${k}" = $${i + 2}`).join(", ");
    const updated = await client.query<{ version: number }>(
      `UPDATE households SET ${sets}, version = version + 1, updated_at = now() WHERE id_rt = $1 RETURNING version`,
      [idRt, ...changed.map(([, v]) => v)],
    );
    await recordAudit(client, {
      accountId: account.id || null,
      actor: account.username,
      entity: "household",
      entityKey: idRt,
      action: "update",
      kodeDesa: current.kode_desa,
      before: Object.fromEntries(changed.map(([k]) => [k, current[k]])),
      after: Object.fromEntries(changed),
    });
    return { ok: true, version: updated.rows[0]!.version, changed: changed.map(([k]) => k) } as const;
  });
}
