/** The audit log for administrators: newest first, filtered by actor, entity, key or desa. */
import type pg from "pg";
import { z } from "zod";

export const AuditFilterSchema = z.object({
  actor: z.string().trim().max(64).optional().catch(undefined),
  entity: z.enum(["household", "member", "location", "program", "account", "import"]).optional().catch(undefined),
  key: z.string().trim().max(64).optional().catch(undefined),
  desa: z.string().regex(/^\d{4,10}$/).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityKey: string;
  action: string;
  kodeDesa: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export const AUDIT_PAGE = 50;

export async function listAudit(pool: Pick<pg.Pool, "query">, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where = `($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR entity = $2)
                 AND ($3::text IS NULL OR entity_key = $3) AND ($4::text IS NULL OR kode_desa LIKE $4 || '%')`;
  const params = [f.actor || null, f.entity ?? null, f.key || null, f.desa ?? null];
  const [rows, total] = await Promise.all([
    pool.query<AuditRow>(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, actor, entity, entity_key AS "entityKey",
              action, kode_desa AS "kodeDesa", before, after, reason
         FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${AUDIT_PAGE} OFFSET $5`,
      [...params, (f.hal - 1) * AUDIT_PAGE],
    ),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params),
  ]);
  return { rows: rows.rows, total: total.rows[0]!.n };
}
