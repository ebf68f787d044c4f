/**
 * The audit log: every change to a household, member, location, program rule or account is
 * recorded in the same transaction as the change itself, so there is no change without its entry.
 */
import type pg from "pg";

export type AuditEntity = "household" | "member" | "location" | "program" | "program_rule" | "account" | "import" | "application" | "task" | "visit" | "ranking_instrument" | "decree";

export interface AuditEntry {
  accountId: number | null;
  actor: string;
  entity: AuditEntity;
  entityKey: string;
  action: "create" | "update" | "delete" | "rollback" | "import";
  kodeDesa?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function recordAudit(client: Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">, e: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (account_id, actor, entity, entity_key, action, kode_desa, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.accountId,
      e.actor,
      e.entity,
      e.entityKey,
      e.action,
      e.kodeDesa ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.reason ?? null,
    ],
  );
}
