import { json } from "@remix-run/node";
import { z } from "zod";
import { roles } from "../../../analytics/access/roles";
import { AccountError } from "../../../db/accounts/accounts.server";
import { createAccountAudited, listAccounts, toggleAccountActive } from "../../../db/accounts/admin.server";
import { getDatabase } from "../../../db/connection.server";
import { requireAccount } from "~/auth/session.server";

export async function loadAccounts(request: Request) {
  const me = await requireAccount(request, ["admin"]);
  const { pool } = await getDatabase();
  return { me: me.id, accounts: await listAccounts(pool) };
}

const CreateSchema = z.object({
  username: z.string().trim(),
  displayName: z.string().trim().min(1, "Nama tampilan wajib diisi"),
  password: z.string(),
  role: z.enum(roles),
  scopeCode: z.string().trim().default(""),
});

export async function accountAction(request: Request) {
  const me = await requireAccount(request, ["admin"]);
  const { pool } = await getDatabase();
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "toggle") {
    const result = await toggleAccountActive(pool, me, Number(form.id));
    return json({ ok: result !== null, problems: result === null ? ["Akun tidak dapat diubah"] : [], created: null });
  }
  const parsed = CreateSchema.safeParse(form);
  if (!parsed.success) return json({ ok: false, problems: parsed.error.issues.map((i) => i.message), created: null }, { status: 400 });
  try {
    const created = await createAccountAudited(pool, me, parsed.data);
    return json({ ok: true, problems: [], created: created.username });
  } catch (err) {
    if (err instanceof AccountError) return json({ ok: false, problems: err.problems, created: null }, { status: 400 });
    if ((err as { code?: string }).code === "23505") return json({ ok: false, problems: ["Nama pengguna sudah dipakai"], created: null }, { status: 400 });
    throw err;
  }
}
