import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import { authenticate } from "../../db/accounts/accounts.server";
import { getDatabase } from "../../db/connection.server";
import { getAccount, safeRedirectTarget, startSession } from "~/auth/session.server";
import { auth } from "~/i18n/id/auth";

/** Already signed in → where to go instead of the form. */
export async function loginLoader(request: Request): Promise<string | null> {
  const account = await getAccount(request);
  return account ? safeRedirectTarget(new URL(request.url).searchParams.get("ke")) : null;
}

export async function loginAction(
  request: Request,
  schema: z.ZodType<{ username: string; password: string; ke?: string | undefined }>,
) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: auth.required }, { status: 400 });
  const { pool } = await getDatabase();
  const account = await authenticate(pool, parsed.data.username, parsed.data.password);
  if (!account) return json({ error: auth.wrongCredentials }, { status: 401 });
  return redirect(safeRedirectTarget(parsed.data.ke), { headers: { "Set-Cookie": await startSession(account, request) } });
}
