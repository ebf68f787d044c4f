/** Loader and action of the add-member page: role and wilayah scope first, then db/households/members. */
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { canWrite } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { memberSchema } from "../../../db/households/member-schema";
import { addMember } from "../../../db/households/members.server";
import { invalidateTiles } from "../../../geo/tiles/tiles.server";
import { requireAccount } from "~/auth/session.server";
import { operatorRoles } from "../rumah-tangga._index/data.server";

async function householdInScope(request: Request, idRt: string) {
  const account = await requireAccount(request, operatorRoles);
  const { pool } = await getDatabase();
  const { rows } = await pool.query<{ kode_desa: string; no_kk: string | null }>(
    `SELECT h.kode_desa, (SELECT m.no_kk FROM members m WHERE m.id_rt = h.id_rt ORDER BY (m.hubungan_krt = 'kepala') DESC NULLS LAST, m.id LIMIT 1) AS no_kk
       FROM households h WHERE h.id_rt = $1`,
    [idRt],
  );
  const household = rows[0];
  if (!household) throw new Response("Rumah tangga tidak ditemukan", { status: 404 });
  if (!canWrite(account, "member", household.kode_desa)) throw new Response("Akses ditolak", { status: 403 });
  return { account, pool, household };
}

export async function loadNewMember(request: Request, idRt: string) {
  const { household } = await householdInScope(request, idRt);
  // The head's No. KK is the likeliest for a newborn; the operator changes it for another family.
  return { idRt, defaultNoKk: household.no_kk ?? "" };
}

export async function newMemberAction(request: Request, idRt: string): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { account, pool } = await householdInScope(request, idRt);
  const submission = parseWithZod(await request.formData(), { schema: memberSchema() });
  if (submission.status !== "success") return { result: submission.reply() };
  const result = await addMember(pool, account, idRt, submission.value);
  if (result.ok) {
    invalidateTiles();
    return new Response(null, { status: 303, headers: { Location: `/rumah-tangga/${encodeURIComponent(idRt)}?disimpan=baru#riwayat` } });
  }
  if (result.error === "forbidden") throw new Response("Akses ditolak", { status: 403 });
  if (result.error === "not_found") throw new Response("Rumah tangga tidak ditemukan", { status: 404 });
  return { result: submission.reply(result.error === "invalid" ? { fieldErrors: result.fieldErrors } : {}) };
}
