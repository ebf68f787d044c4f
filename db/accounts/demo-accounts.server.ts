/**
 * One demo account per role for the seeded demo (listed in the README; demo only). Scopes are the
 * kabupaten, its first kecamatan and that kecamatan's first desa, so each role has real data.
 */
import type pg from "pg";
import type { Role } from "../../analytics/access/roles";
import { createAccount } from "./accounts.server";

export const DEMO_PASSWORD = "tepat-demo-2026";

export const demoUsernames: Record<Role, string> = {
  admin: "admin",
  kabupaten: "bappeda",
  kecamatan: "kecamatan",
  desa: "desa",
  guest: "tamu",
};

/** Creates the missing demo accounts; returns how many were created. */
export async function ensureDemoAccounts(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ kabupaten: string | null; kecamatan: string | null; desa: string | null }>(
    `SELECT (SELECT min(code) FROM regions WHERE level = 'kabupaten') AS kabupaten,
            (SELECT min(code) FROM regions WHERE level = 'kecamatan') AS kecamatan,
            (SELECT min(code) FROM regions WHERE level = 'desa'
               AND left(code, 6) = (SELECT min(code) FROM regions WHERE level = 'kecamatan')) AS desa`,
  );
  const scope = rows[0];
  if (!scope?.kabupaten || !scope.kecamatan || !scope.desa) return 0;
  const scopes: Record<Role, string> = {
    admin: "",
    kabupaten: scope.kabupaten,
    kecamatan: scope.kecamatan,
    desa: scope.desa,
    guest: "",
  };
  const names: Record<Role, string> = {
    admin: "Admin Data Kabupaten",
    kabupaten: "Bappeda / OPD",
    kecamatan: "Operator Kecamatan",
    desa: "Operator Desa",
    guest: "Tamu",
  };
  let created = 0;
  for (const role of Object.keys(demoUsernames) as Role[]) {
    const exists = await pool.query("SELECT 1 FROM accounts WHERE lower(username) = $1", [demoUsernames[role]]);
    if (exists.rowCount) continue;
    await createAccount(pool, {
      username: demoUsernames[role],
      displayName: names[role],
      password: DEMO_PASSWORD,
      role,
      scopeCode: scopes[role],
    });
    created++;
  }
  return created;
}
