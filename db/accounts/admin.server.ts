/** Account administration: list, create, (de)activate — each change audited in its transaction. */
import type pg from "pg";
import type { Role } from "../../analytics/access/roles";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";
import { createAccount, type Account } from "./accounts.server";

export interface AccountListRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  active: boolean;
}

export async function listAccounts(pool: Pick<pg.Pool, "query">): Promise<AccountListRow[]> {
  const { rows } = await pool.query<AccountListRow>(
    `SELECT id, username, display_name AS "displayName", role, scope_code AS "scopeCode", active FROM accounts ORDER BY role, username`,
  );
  return rows;
}

export async function createAccountAudited(
  pool: pg.Pool,
  by: Account,
  input: { username: string; displayName: string; password: string; role: Role; scopeCode: string },
): Promise<Account> {
  return withTransaction(pool, async (client) => {
    const created = await createAccount(client, input);
    await recordAudit(client, {
      accountId: by.id || null,
      actor: by.username,
      entity: "account",
      entityKey: created.username,
      action: "create",
      after: { role: created.role, scopeCode: created.scopeCode, displayName: created.displayName },
    });
    return created;
  });
}

/** Flips `active`; an administrator cannot lock themself out. Returns the new state. */
export async function toggleAccountActive(pool: pg.Pool, by: Account, accountId: number): Promise<boolean | null> {
  if (accountId === by.id) return null;
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ username: string; active: boolean }>(
      "UPDATE accounts SET active = NOT active, version = version + 1 WHERE id = $1 RETURNING username, active",
      [accountId],
    );
    const row = rows[0];
    if (!row) return null;
    await recordAudit(client, {
      accountId: by.id || null,
      actor: by.username,
      entity: "account",
      entityKey: row.username,
      action: "update",
      before: { active: !row.active },
      after: { active: row.active },
    });
    return row.active;
  });
}
