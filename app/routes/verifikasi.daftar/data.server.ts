/** Loader and action of /verifikasi/daftar: role and wilayah first, then db/verval/applications. */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { getDatabase } from "../../../db/connection.server";
import { isInScope } from "../../../analytics/access/scope";
import {
  createApplication,
  desaInScope,
  getApplication,
  registrarRoles,
  updateApplication,
  viewerRoles,
  type ApplicationDetail,
} from "../../../db/verval/applications.server";
import { RegistrationSchema } from "../../../db/verval/registration-schema";
import { requireAccount } from "~/auth/session.server";
import { t } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";

const mayRegister = (role: string) => (registrarRoles as readonly string[]).includes(role);

/** `?ubah=<id>`: the application to correct (edit mode), or null for a new registration. */
function editId(request: Request): number | null {
  const raw = new URL(request.url).searchParams.get("ubah");
  if (raw === null) return null;
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Permohonan tidak ditemukan", { status: 404 });
  return id;
}

/** The stored registration as form values (yes/no as "ya"/"tidak", unknown as empty). */
function formValues(a: ApplicationDetail): Record<string, unknown> {
  const tri = (v: unknown) => (v === true ? "ya" : v === false ? "tidak" : v === null || v === undefined ? "" : v);
  const obj = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, tri(v)]));
  return {
    channel: a.channel,
    kode_desa: a.kode_desa,
    registering_officer: a.registering_officer,
    sktm_ref: a.sktm_ref ?? "",
    rt_report: a.rt_report ?? "",
    household: obj(a.household),
    members: a.members.map((m) => obj(m as unknown as Record<string, unknown>)),
  };
}

export async function loadRegistration(request: Request) {
  const account = await requireAccount(request, viewerRoles);
  const id = editId(request);
  const { pool } = await getDatabase();
  let edit: { id: number; version: number; defaultValue: Record<string, unknown>; action: string } | null = null;
  if (id !== null) {
    const found = await getApplication(pool, account, id);
    if (!found.ok) throw new Response(found.error === "forbidden" ? "Akses ditolak" : "Permohonan tidak ditemukan", { status: found.error === "forbidden" ? 403 : 404 });
    const a = found.application;
    // Only drafts, only registrar roles inside the application's wilayah.
    if (!mayRegister(account.role) || !isInScope(account, a.kode_desa)) throw new Response("Akses ditolak", { status: 403 });
    if (a.status !== "draft") throw new Response(s.notEditable, { status: 409 });
    edit = { id: a.id, version: a.version, defaultValue: formValues(a), action: `/verifikasi/daftar?ubah=${a.id}` };
  }
  const desa = mayRegister(account.role) ? await desaInScope(pool, account) : [];
  return {
    edit,
    canRegister: mayRegister(account.role),
    officer: account.displayName,
    desaOptions: desa,
    // A desa operator registers only in its own desa: no choice to make.
    fixedDesa: account.role === "desa" ? (desa.find((d) => d.code === account.scopeCode) ?? null) : null,
  };
}

export type RegistrationActionResult =
  | { kind: "reply"; status: 400 | 403 | 409; reply: SubmissionResult<string[]> }
  | { kind: "created"; id: number }
  | { kind: "updated"; id: number };

export async function registrationAction(request: Request): Promise<RegistrationActionResult> {
  const account = await requireAccount(request, registrarRoles);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RegistrationSchema });
  // Not a final submit (adding/removing a member without JS) or invalid: back to the form.
  if (submission.status !== "success") return { kind: "reply", status: 400, reply: submission.reply() };
  const { pool } = await getDatabase();
  const id = editId(request);
  if (id !== null) {
    const updated = await updateApplication(pool, account, id, submission.value, Number(formData.get("version")));
    if (updated.ok) return { kind: "updated", id };
    if (updated.error === "not_found") throw new Response("Permohonan tidak ditemukan", { status: 404 });
    if (updated.error === "forbidden") return { kind: "reply", status: 403, reply: submission.reply({ formErrors: [s.forbidden] }) };
    if (updated.error === "stale") return { kind: "reply", status: 409, reply: submission.reply({ formErrors: [s.stale] }) };
    if (updated.error === "not_allowed") return { kind: "reply", status: 409, reply: submission.reply({ formErrors: [s.notEditable] }) };
    if (updated.error === "duplicate") {
      return { kind: "reply", status: 400, reply: submission.reply({ formErrors: [t(s.duplicate, { id: updated.existingId })] }) };
    }
    return { kind: "reply", status: 400, reply: submission.reply({ fieldErrors: issuesToFieldErrors("issues" in updated ? updated.issues : []) }) };
  }
  const result = await createApplication(pool, account, submission.value);
  if (result.ok) return { kind: "created", id: result.id };
  if (result.error === "forbidden") return { kind: "reply", status: 403, reply: submission.reply({ formErrors: [s.forbidden] }) };
  if (result.error === "duplicate") {
    return { kind: "reply", status: 400, reply: submission.reply({ formErrors: [t(s.duplicate, { id: result.existingId })] }) };
  }
  return { kind: "reply", status: 400, reply: submission.reply({ fieldErrors: issuesToFieldErrors(result.issues) }) };
}

function issuesToFieldErrors(issues: { path: string; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path] ??= []).push(issue.message);
  return fieldErrors;
}
