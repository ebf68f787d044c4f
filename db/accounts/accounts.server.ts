/** Accounts and sessions in the database. Routes reach them through app/auth/session.server.ts. */
import crypto from "node:crypto";
import type pg from "pg";
import { AccountScopeSchema, type Role } from "../../analytics/access/roles";
import { plainCode } from "../../analytics/access/scope";
import { checkNewPassword, hashPassword, verifyPassword } from "./password";

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** Sessions end after this long, active or not (one working day in the field). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export class AccountError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
    this.name = "AccountError";
  }
}

const accountColumns = `id, username, display_name AS "displayName", role, scope_code AS "scopeCode"`;

export async function createAccount(
  db: Queryable,
  input: { username: string; displayName: string; password: string; role: Role; scopeCode?: string },
): Promise<Account> {
  const scope = AccountScopeSchema.safeParse({ role: input.role, scopeCode: plainCode(input.scopeCode ?? "") });
  const problems = [
    ...(scope.success ? [] : scope.error.issues.map((i) => i.message)),
    ...checkNewPassword(input.password, input.username),
  ];
  if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) problems.push("Nama pengguna 3–64 huruf, angka, titik, garis");
  if (problems.length) throw new AccountError(problems);
  const { rows } = await db.query<Account>(
    `INSERT INTO accounts (username, display_name, password_hash, role, scope_code)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${accountColumns}`,
    [input.username, input.displayName, await hashPassword(input.password), input.role, scope.data!.scopeCode],
  );
  return rows[0]!;
}

/** The account for a username and password, or null; the same answer for unknown user and wrong password. */
export async function authenticate(db: Queryable, username: string, password: string): Promise<Account | null> {
  const { rows } = await db.query<Account & { passwordHash: string }>(
    `SELECT ${accountColumns}, password_hash AS "passwordHash" FROM accounts WHERE lower(username) = lower($1) AND active`,
    [username],
  );
  const row = rows[0];
  // Compare against a dummy hash when the user is unknown so timing does not reveal accounts.
  const hash = row?.passwordHash ?? (await dummyHash());
  const ok = await verifyPassword(password, hash);
  if (!row || !ok) return null;
  const { passwordHash: _hidden, ...account } = row;
  return account;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword("tepat-no-such-account-1");
  return dummy;
}

export async function createSession(db: Queryable, accountId: number, userAgent?: string, now = new Date()): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  await db.query("INSERT INTO sessions (id, account_id, expires_at, user_agent) VALUES ($1, $2, $3, $4)", [
    id,
    accountId,
    new Date(now.getTime() + SESSION_TTL_MS),
    userAgent ?? null,
  ]);
  return id;
}

/** The live account behind a session id; expired sessions and deactivated accounts give null. */
export async function accountForSession(db: Queryable, sessionId: string, now = new Date()): Promise<Account | null> {
  const { rows } = await db.query<Account>(
    `SELECT a.id, a.username, a.display_name AS "displayName", a.role, a.scope_code AS "scopeCode"
       FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.id = $1 AND s.expires_at > $2 AND a.active`,
    [sessionId, now],
  );
  return rows[0] ?? null;
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE id = $1", [sessionId]);
}
