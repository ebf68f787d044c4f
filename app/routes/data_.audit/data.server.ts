import { getDatabase } from "../../../db/connection.server";
import { AUDIT_PAGE, AuditFilterSchema, listAudit } from "../../../db/audit-query.server";
import { requireAccount } from "~/auth/session.server";

export async function loadAudit(request: Request) {
  await requireAccount(request, ["admin"]);
  const filter = AuditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { pool } = await getDatabase();
  const { rows, total } = await listAudit(pool, filter);
  return { filter, rows, total, pageSize: AUDIT_PAGE };
}
