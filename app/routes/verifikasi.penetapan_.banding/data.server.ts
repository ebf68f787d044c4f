/** /verifikasi/penetapan/banding?a=&b=[&jenis=][&hal=] — two SK snapshots side by side. */
import { z } from "zod";
import { getDatabase } from "../../../db/connection.server";
import { compareDecrees, compareKinds, decreeRoles, listDecrees } from "../../../db/verval/decree.server";
import { requireAccount } from "~/auth/session.server";

export const COMPARE_PAGE = 100;

const ParamsSchema = z.object({
  a: z.coerce.number().int().positive().optional().catch(undefined),
  b: z.coerce.number().int().positive().optional().catch(undefined),
  jenis: z.enum(compareKinds).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loadCompare(request: Request) {
  const account = await requireAccount(request, decreeRoles);
  const p = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { pool } = await getDatabase();
  const decrees = await listDecrees(pool, account);
  const result =
    p.a && p.b ? await compareDecrees(pool, account, p.a, p.b, { kind: p.jenis, limit: COMPARE_PAGE, offset: (p.hal - 1) * COMPARE_PAGE }) : null;
  return { params: p, decrees, result, pageSize: COMPARE_PAGE };
}
