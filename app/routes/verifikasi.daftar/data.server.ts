/** Loader and action of /verifikasi/daftar: role and wilayah first, then db/verval/applications. */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { getDatabase } from "../../../db/connection.server";
import { createApplication, desaInScope, registrarRoles, viewerRoles } from "../../../db/verval/applications.server";
import { RegistrationSchema } from "../../../db/verval/registration-schema";
import { requireAccount } from "~/auth/session.server";
import { t } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";

const mayRegister = (role: string) => (registrarRoles as readonly string[]).includes(role);

export async function loadRegistration(request: Request) {
  const account = await requireAccount(request, viewerRoles);
  const { pool } = await getDatabase();
  const desa = mayRegister(account.role) ? await desaInScope(pool, account) : [];
  return {
    canRegister: mayRegister(account.role),
    officer: account.displayName,
    desaOptions: desa,
    // A desa operator registers only in its own desa: no choice to make.
    fixedDesa: account.role === "desa" ? (desa.find((d) => d.code === account.scopeCode) ?? null) : null,
  };
}

export type RegistrationActionResult =
  | { kind: "reply"; status: 400 | 403; reply: SubmissionResult<string[]> }
  | { kind: "created"; id: number };

export async function registrationAction(request: Request): Promise<RegistrationActionResult> {
  const account = await requireAccount(request, registrarRoles);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RegistrationSchema });
  // Not a final submit (adding/removing a member without JS) or invalid: back to the form.
  if (submission.status !== "success") return { kind: "reply", status: 400, reply: submission.reply() };
  const { pool } = await getDatabase();
  const result = await createApplication(pool, account, submission.value);
  if (result.ok) return { kind: "created", id: result.id };
  if (result.error === "forbidden") return { kind: "reply", status: 403, reply: submission.reply({ formErrors: [s.forbidden] }) };
  if (result.error === "duplicate") {
    return { kind: "reply", status: 400, reply: submission.reply({ formErrors: [t(s.duplicate, { id: result.existingId })] }) };
  }
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.issues) (fieldErrors[issue.path] ??= []).push(issue.message);
  return { kind: "reply", status: 400, reply: submission.reply({ fieldErrors }) };
}
