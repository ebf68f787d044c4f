/** /verifikasi/penetapan/:id — one SK: header, checksum check, the list by page (optionally one desa). */
import { z } from "zod";
import { getDatabase } from "../../../db/connection.server";
import { decreeDesa, decreeItems, decreeRoles, getDecree, previousVersion, verifyDecree } from "../../../db/verval/decree.server";
import { PDF_MAX_ROWS } from "../../../db/verval/decree-export.server";
import { requireAccount } from "~/auth/session.server";

export const ITEMS_PAGE = 100;

const ParamsSchema = z.object({
  desa: z.string().regex(/^\d{10}$/).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loadDecree(request: Request, idParam: string | undefined) {
  const account = await requireAccount(request, decreeRoles);
  const id = z.coerce.number().int().positive().safeParse(idParam);
  if (!id.success) throw new Response("SK tidak ditemukan", { status: 404 });
  const p = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { pool } = await getDatabase();
  const snapshot = await getDecree(pool, account, id.data);
  const offset = (p.hal - 1) * ITEMS_PAGE;
  const [verified, desa, items, previous] = await Promise.all([
    verifyDecree(pool, snapshot),
    decreeDesa(pool, snapshot.id),
    // Unfiltered pages seek by rank (ranks are 1..n); a desa filter pages by offset.
    p.desa ? decreeItems(pool, snapshot.id, 0, ITEMS_PAGE, { kodeDesa: p.desa, offset }) : decreeItems(pool, snapshot.id, offset, ITEMS_PAGE),
    previousVersion(pool, snapshot),
  ]);
  const total = p.desa ? desa.find((x) => x.code === p.desa)?.n ?? 0 : snapshot.rowCount;
  return { snapshot, verified, desa, items, total, previous, params: p, pageSize: ITEMS_PAGE, pdfMaxRows: PDF_MAX_ROWS };
}
