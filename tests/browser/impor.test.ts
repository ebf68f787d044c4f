/**
 * Web import in a real browser: an admin uploads a CSV, watches the job finish, sees the counts
 * and the import in the history; a bad file shows its row errors and a download link.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { type Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, launchBrowser, newPage, screenshot, signIn, startApp, waitForHydration } from "./harness";

const fixtures = path.resolve("db/import/fixtures");

describe("web import (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await db.pool.query(`INSERT INTO regions (code, level, name) VALUES ('3508', 'kabupaten', 'Lumajang'),
      ('350801', 'kecamatan', 'K'), ('3508012001', 'desa', 'A'), ('3508012002', 'desa', 'B'), ('3508012003', 'desa', 'C')`);
    await createAccount(db.pool, { username: "admin.uji", displayName: "Admin Uji", password: "admin-uji-2026", role: "admin" });
    [app, chrome] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("uploads, shows progress to the end, and lists the import; a bad file shows its rows", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, "admin.uji", "admin-uji-2026", "/data/impor");
    await waitForHydration(page);

    await page.getByLabel("Jenis data").selectOption("rumah_tangga");
    await page.getByLabel("Berkas").setInputFiles(path.join(fixtures, "rumah_tangga.csv"));
    await page.getByLabel("Uji coba saja").uncheck();
    await page.getByRole("button", { name: "Unggah dan proses" }).click();
    await page.locator('[data-testid="import-job"][data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("import-result").innerText()).resolves.toMatch(/^Impor selesai: \d+ baris/);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM households");
    expect(rows[0].n).toBeGreaterThan(0);
    await page.locator("table", { hasText: "rumah_tangga.csv" }).waitFor({ timeout: 10_000 });
    await screenshot(page, "impor-done");

    await page.getByLabel("Berkas").setInputFiles(path.join(fixtures, "bad-code.csv"));
    await page.getByRole("button", { name: "Unggah dan proses" }).click();
    await page.locator('[data-testid="import-job"][data-state="failed"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("import-failed").innerText()).resolves.toContain("tidak ada data yang ditulis");
    await expect(page.getByRole("link", { name: "Unduh laporan kesalahan (CSV)" }).count()).resolves.toBe(1);
    await expect(page.locator("td.mono", { hasText: "lantai" }).count()).resolves.toBe(1);
    await screenshot(page, "impor-failed");
    // A status poll may fail transiently on the embedded database (pglite-socket, see
    // docs/decisions/0001); the page retries, so only a failed poll may appear here.
    expect(problems.filter((p) => !p.includes("/data/impor/status/") && !p.includes("500 (Internal Server Error)"))).toEqual([]);
    await close();
  });
});
