/** Login and logout through the real route actions and the real database. */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { resetData, testDatabase } from "../../tests/db";
import { action as logout } from "../routes/keluar";
import { action as login } from "../routes/masuk";
import { getAccount, requireAccount, safeRedirectTarget } from "./session.server";

function loginRequest(fields: Record<string, string>): Request {
  return new Request("http://localhost/masuk", { method: "POST", body: new URLSearchParams(fields) });
}

function cookieOf(response: Response): string {
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

describe("login and logout", () => {
  beforeEach(async () => {
    const { pool } = await testDatabase();
    await resetData(await testDatabase());
    await createAccount(pool, {
      username: "kec.sukodono",
      displayName: "Operator Kecamatan",
      password: "kecamatan-2026",
      role: "kecamatan",
      scopeCode: "350801",
    });
  });
  afterAll(async () => resetData(await testDatabase()));

  it("signs in, returns to the requested page, and signs out", async () => {
    const response = await login({ request: loginRequest({ username: "kec.sukodono", password: "kecamatan-2026", ke: "/peta?x=1" }), params: {}, context: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/peta?x=1");
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(response);
    const withCookie = new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(await getAccount(withCookie)).toMatchObject({ role: "kecamatan", scopeCode: "350801" });

    const out = await logout({ request: new Request("http://localhost/keluar", { method: "POST", headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(out.status).toBe(302);
    expect(await getAccount(withCookie)).toBeNull();
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const response = (await login({ request: loginRequest({ username: "kec.sukodono", password: "salah-2026xx" }), params: {}, context: {} })) as Response;
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Nama pengguna atau kata sandi salah." });
  });

  it("sends anonymous visitors of protected pages to /masuk and back", async () => {
    const thrown = await requireAccount(new Request("http://localhost/data?a=1")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/masuk?ke=%2Fdata%3Fa%3D1");
  });

  it("never redirects off-site after login", () => {
    expect(safeRedirectTarget("//evil.example/x")).toBe("/");
    expect(safeRedirectTarget("https://evil.example")).toBe("/");
    expect(safeRedirectTarget("/wilayah/3508")).toBe("/wilayah/3508");
  });
});

describe("session cookie over http and https", () => {
  it("is Secure only when the request came over https", async () => {
    const { serializeSessionCookie } = await import("./session.server");
    expect(await serializeSessionCookie("abc", new Request("http://10.0.0.5:3000/masuk"))).not.toMatch(/Secure/i);
    expect(await serializeSessionCookie("abc", new Request("https://tepat.lumajangkab.go.id/masuk"))).toMatch(/Secure/i);
    const proxied = new Request("http://127.0.0.1:3000/masuk", { headers: { "X-Forwarded-Proto": "https" } });
    expect(await serializeSessionCookie("abc", proxied)).toMatch(/Secure/i);
  });
});
