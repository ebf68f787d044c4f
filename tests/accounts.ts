/**
 * Signed-in sessions for route authorization tests: one account per role, each with a wilayah
 * scope, and the session cookie a browser would send. Requests built with `requestAs` carry the
 * role's cookie; "anonymous" sends none.
 */
import type pg from "pg";
import type { Role } from "../analytics/access/roles";
import { createAccount, createSession } from "../db/accounts/accounts.server";
import { serializeSessionCookie } from "../app/auth/session.server";

export type Visitor = Role | "anonymous";
export type RoleCookies = Record<Visitor, string>;

/** Default scope per role: admin and guest everything, kabupaten 3508, kecamatan 350801, desa 3508012001. */
export const defaultRoleScopes: Record<Role, string> = { admin: "", kabupaten: "3508", kecamatan: "350801", desa: "3508012001", guest: "" };

/**
 * Creates the accounts `<usernamePrefix>.<role>` (password "matriks-akses-2026") with the given
 * scopes and returns each role's session cookie (`name=value`, no attributes); anonymous = "".
 */
export async function createRoleCookies(
  pool: pg.Pool,
  usernamePrefix: string,
  scopes: Record<Role, string> = defaultRoleScopes,
): Promise<RoleCookies> {
  const cookies = { anonymous: "" } as RoleCookies;
  for (const role of Object.keys(scopes) as Role[]) {
    const account = await createAccount(pool, {
      username: `${usernamePrefix}.${role}`,
      displayName: role,
      password: "matriks-akses-2026",
      role,
      scopeCode: scopes[role],
    });
    cookies[role] = (await serializeSessionCookie(await createSession(pool, account.id))).split(";")[0]!;
  }
  return cookies;
}

/** A request to `http://localhost<path>` carrying the visitor's session cookie (if any). */
export function requestAs(cookies: Partial<RoleCookies>, path: string, visitor: Visitor, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookies[visitor]) headers.set("Cookie", cookies[visitor]!);
  return new Request(`http://localhost${path}`, { ...init, headers });
}
