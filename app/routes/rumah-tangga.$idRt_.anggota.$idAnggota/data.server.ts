/** Loader and actions of the member page: role and wilayah scope first, then db/households/members. */
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { canWrite } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { memberExitSchema, memberSchema, toMemberForm } from "../../../db/households/member-schema";
import { exitMember, getMember, updateMember, type LastChange } from "../../../db/households/members.server";
import { invalidateTiles } from "../../../geo/tiles/tiles.server";
import { requireAccount } from "~/auth/session.server";
import { operatorRoles } from "../rumah-tangga._index/data.server";

function memberId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Anggota tidak ditemukan", { status: 404 });
  return id;
}

export async function loadMember(request: Request, idRt: string, rawId: string | undefined) {
  const account = await requireAccount(request, operatorRoles);
  const { pool } = await getDatabase();
  const member = await getMember(pool, idRt, memberId(rawId));
  if (!member) throw new Response("Anggota tidak ditemukan", { status: 404 });
  // Editing is the only thing this page does: without write rights on the desa there is nothing to show.
  if (!canWrite(account, "member", member.kode_desa)) throw new Response("Akses ditolak", { status: 403 });
  return { idRt, id: member.id, version: member.version, nik: member.nik as string, noKk: member.no_kk as string, values: toMemberForm(member) };
}

export type MemberActionResult =
  | { intent: "ubah" | "keluar"; status: "invalid"; result: SubmissionResult<string[]> }
  | {
      intent: "ubah" | "keluar";
      status: "stale";
      result: SubmissionResult<string[]>;
      conflict: { mine: Record<string, string>; stored: Record<string, string>; lastChange: LastChange | null };
    }
  | { intent: "ubah"; status: "unchanged"; result: SubmissionResult<string[]> };

/** Returns a redirect Response on success, else what the form shows; throws 403/404 Responses. */
export async function memberAction(request: Request, idRt: string, rawId: string | undefined): Promise<MemberActionResult | Response> {
  const account = await requireAccount(request, operatorRoles);
  const { pool } = await getDatabase();
  const id = memberId(rawId);
  const member = await getMember(pool, idRt, id);
  if (!member) throw new Response("Anggota tidak ditemukan", { status: 404 });
  if (!canWrite(account, "member", member.kode_desa)) throw new Response("Akses ditolak", { status: 403 });
  const formData = await request.formData();
  const intent = formData.get("intent") === "keluar" ? "keluar" : "ubah";
  const version = Number(formData.get("version"));
  const submission =
    intent === "keluar"
      ? parseWithZod(formData, { schema: memberExitSchema })
      : parseWithZod(formData, { schema: memberSchema({ currentNik: member.nik as string, currentNoKk: member.no_kk as string }) });
  if (submission.status !== "success") return { intent, status: "invalid", result: submission.reply() };
  const result =
    intent === "keluar"
      ? await exitMember(pool, account, idRt, id, version, submission.value)
      : await updateMember(pool, account, idRt, id, version, submission.value);
  if (result.ok) {
    // A member left or changed: the household's point tile properties (head name) may change.
    invalidateTiles();
    if (intent === "ubah" && result.changed.length === 0) return { intent: "ubah", status: "unchanged", result: submission.reply() };
    const done = intent === "keluar" ? "keluar" : "anggota";
    return new Response(null, { status: 303, headers: { Location: `/rumah-tangga/${encodeURIComponent(idRt)}?disimpan=${done}#riwayat` } });
  }
  switch (result.error) {
    case "not_found":
      throw new Response("Anggota tidak ditemukan", { status: 404 });
    case "forbidden":
      throw new Response("Akses ditolak", { status: 403 });
    case "invalid":
      return { intent, status: "invalid", result: submission.reply({ fieldErrors: result.fieldErrors }) };
    case "stale":
      return {
        intent,
        status: "stale",
        result: submission.reply(),
        conflict: { mine: toMemberForm(intent === "ubah" ? (submission.value as Record<string, unknown>) : {}), stored: result.current, lastChange: result.lastChange },
      };
  }
}
