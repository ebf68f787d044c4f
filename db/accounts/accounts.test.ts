import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "../audit.server";
import { resetData, testDatabase } from "../../tests/db";
import {
  AccountError,
  SESSION_TTL_MS,
  accountForSession,
  authenticate,
  createAccount,
  createSession,
  deleteSession,
} from "./accounts.server";
import { checkNewPassword } from "./password";

describe("accounts and sessions (real database)", () => {
  beforeEach(async () => resetData(await testDatabase()));
  afterAll(async () => resetData(await testDatabase()));

  it("stores a bcrypt hash, never the password, and authenticates case-insensitively by username", async () => {
    const { pool } = await testDatabase();
    const created = await createAccount(pool, {
      username: "op.desa1",
      displayName: "Operator Desa",
      password: "rahasia-desa-2026",
      role: "desa",
      scopeCode: "35.08.01.2001",
    });
    expect(created.scopeCode).toBe("3508012001");
    const { rows } = await pool.query("SELECT password_hash FROM accounts");
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$10\$/);
    expect(rows[0].password_hash).not.toContain("rahasia");
    expect(await authenticate(pool, "OP.DESA1", "rahasia-desa-2026")).toMatchObject({ role: "desa" });
    expect(await authenticate(pool, "op.desa1", "salah-sandi-2026")).toBeNull();
    expect(await authenticate(pool, "tidak.ada", "rahasia-desa-2026")).toBeNull();
  });

  it("refuses weak passwords and scopes that do not fit the role", async () => {
    const { pool } = await testDatabase();
    await expect(
      createAccount(pool, { username: "kec1", displayName: "K", password: "pendek1", role: "kecamatan", scopeCode: "3508" }),
    ).rejects.toBeInstanceOf(AccountError);
    expect(checkNewPassword("tanpaangkasamasekali", "x")).toContain("Kata sandi harus memuat angka");
    expect(checkNewPassword("admin12345678", "admin")).toContain("Kata sandi tidak boleh memuat nama pengguna");
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM accounts");
    expect(rows[0].n).toBe(0);
  });

  it("ends sessions at expiry and at logout", async () => {
    const { pool } = await testDatabase();
    const account = await createAccount(pool, {
      username: "bappeda",
      displayName: "Bappeda",
      password: "perencanaan-2026",
      role: "kabupaten",
      scopeCode: "3508",
    });
    const now = new Date("2026-11-23T08:00:00Z");
    const sid = await createSession(pool, account.id, "vitest", now);
    expect(await accountForSession(pool, sid, now)).toMatchObject({ username: "bappeda" });
    expect(await accountForSession(pool, sid, new Date(now.getTime() + SESSION_TTL_MS + 1000))).toBeNull();
    await deleteSession(pool, sid);
    expect(await accountForSession(pool, sid, now)).toBeNull();
  });

  it("records audit entries with before and after", async () => {
    const { pool } = await testDatabase();
    await recordAudit(pool, {
      accountId: null,
      actor: "cli",
      entity: "location",
      entityKey: "RT-1",
      action: "update",
      kodeDesa: "3508012001",
      before: { lon: 113.1, lat: -8.1 },
      after: { lon: 113.2, lat: -8.2 },
      reason: "GPS di lapangan",
    });
    const { rows } = await pool.query("SELECT actor, entity, before, after, reason FROM audit_log");
    expect(rows).toEqual([
      { actor: "cli", entity: "location", before: { lon: 113.1, lat: -8.1 }, after: { lon: 113.2, lat: -8.2 }, reason: "GPS di lapangan" },
    ]);
  });
});

describe("demo accounts", () => {
  it("creates one account per role scoped to the seeded region, once", async () => {
    const { pool } = await testDatabase();
    await resetData(await testDatabase());
    const { ensureDemoAccounts, DEMO_PASSWORD } = await import("./demo-accounts.server");
    expect(await ensureDemoAccounts(pool)).toBe(0); // no regions yet
    await pool.query(`INSERT INTO regions (code, level, name) VALUES
      ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'Tempursari'), ('350802', 'kecamatan', 'Pronojiwo'),
      ('3508012002', 'desa', 'B'), ('3508012001', 'desa', 'A'), ('3508022001', 'desa', 'C')`);
    expect(await ensureDemoAccounts(pool)).toBe(5);
    expect(await ensureDemoAccounts(pool)).toBe(0);
    const { rows } = await pool.query("SELECT username, role, scope_code FROM accounts ORDER BY id");
    expect(rows).toEqual([
      { username: "admin", role: "admin", scope_code: "" },
      { username: "bappeda", role: "kabupaten", scope_code: "3508" },
      { username: "kecamatan", role: "kecamatan", scope_code: "350801" },
      { username: "desa", role: "desa", scope_code: "3508012001" },
      { username: "tamu", role: "guest", scope_code: "" },
    ]);
    expect(await authenticate(pool, "desa", DEMO_PASSWORD)).toMatchObject({ scopeCode: "3508012001" });
  });
});
