import { requireAccount } from "~/auth/session.server";
import { getDatabase } from "../../../db/connection.server";
import { editableHouseholdColumns } from "../../../db/households/edit-schema";
import { queueRoles, taskDetail } from "../../../db/verval/tasks.server";

/** One task for the visit form: operators of the task's wilayah only (403 outside, 404 unknown). */
export async function loadVisitTask(request: Request, idParam: string | undefined) {
  const account = await requireAccount(request, queueRoles);
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new Response("Tidak ditemukan", { status: 404 });
  const detail = await taskDetail((await getDatabase()).pool, account, id);
  if (detail === null) throw new Response("Tidak ditemukan", { status: 404 });
  if (detail === "forbidden") throw new Response("Akses ditolak", { status: 403 });
  return { ...detail, username: account.username, fields: editableHouseholdColumns as readonly string[] };
}
