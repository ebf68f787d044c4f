/**
 * Who is asking. The session cookie carries only a random id; the session lives in the database
 * (db/accounts), so logout and expiry take effect at once. Every loader and action starts here.
 */
import { createCookie, redirect } from "@remix-run/node";
import { hasPersonalDataRights, type Role } from "../../analytics/access/roles";
import { canViewPersonalData } from "../../analytics/access/scope";
import {
  SESSION_TTL_MS,
  accountForSession,
  createSession,
  deleteSession,
  type Account,
} from "../../db/accounts/accounts.server";
import { getDatabase } from "../../db/connection.server";

const sessionCookie = createCookie("tepat_sid", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  // Secure is decided per request (see isHttps): many kabupaten LANs serve plain http, where a
  // Secure cookie would make login silently fail.
  maxAge: SESSION_TTL_MS / 1000,
});

/** The public: no account. Sees published aggregates only, like a guest. */
export const publicVisitor: Account = { id: 0, username: "publik", displayName: "Publik", role: "guest", scopeCode: "" };

async function sessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in account, or null. */
export async function getAccount(request: Request): Promise<Account | null> {
  const sid = await sessionId(request);
  if (!sid) return null;
  const { pool } = await getDatabase();
  return accountForSession(pool, sid);
}

/** Only a path on this site: an open redirect would let a phishing link borrow our login page. */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) return fallback;
  return target;
}

/** The signed-in account; otherwise a redirect to /masuk that comes back here afterwards. */
export async function requireAccount(request: Request, allowed?: readonly Role[]): Promise<Account> {
  const account = await getAccount(request);
  if (!account) {
    const url = new URL(request.url);
    throw redirect(`/masuk?ke=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (allowed && !allowed.includes(account.role)) throw new Response("Akses ditolak", { status: 403 });
  return account;
}

/** Throws 403 unless the account may see personal data of households in `kodeDesa`. */
export function assertPersonalDataAccess(account: Account, kodeDesa: string): void {
  if (!canViewPersonalData(account, kodeDesa)) throw new Response("Akses ditolak", { status: 403 });
}

export function mayViewPersonalData(account: Account): boolean {
  return hasPersonalDataRights(account.role);
}

/** True when the browser reached us over https (directly or through a TLS-terminating proxy). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

/** The Set-Cookie value carrying a session id (tests use it to act as a given account). */
export function serializeSessionCookie(sessionId: string, request?: Request): Promise<string> {
  return sessionCookie.serialize(sessionId, { secure: request ? isHttps(request) : false });
}

/** Starts a session and returns the Set-Cookie header value. */
export async function startSession(account: Account, request: Request): Promise<string> {
  const { pool } = await getDatabase();
  const sid = await createSession(pool, account.id, request.headers.get("User-Agent") ?? undefined);
  return serializeSessionCookie(sid, request);
}

/** Ends the current session (if any) and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const sid = await sessionId(request);
  if (sid) await deleteSession((await getDatabase()).pool, sid);
  return sessionCookie.serialize("", { maxAge: 0, secure: isHttps(request) });
}
