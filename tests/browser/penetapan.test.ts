/**
 * The admin's decree work in the browser: freeze an SK snapshot, change the data, freeze a second
 * version, and compare the two — against the real server and database. Also looks at the
 * verification dashboard and the ranking page at 1280 px and 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { type Database } from "../../db/connection.server";
import { fixtureInstrument, loadRankingFixture } from "../../db/verval/ranking-fixture";
import { saveInstrument } from "../../db/verval/ranking.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, launchBrowser, newPage, screenshot, signIn, startApp, waitForHydration } from "./harness";

describe("penetapan (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await loadRankingFixture(db.pool);
    const admin = await createAccount(db.pool, { username: "admin.sk", displayName: "Admin SK", password: "penetapan-2026", role: "admin", scopeCode: "" });
    await saveInstrument(db.pool, { ...admin, scopeCode: "" }, { name: "TKPK 2026", weights: fixtureInstrument.weights, note: "rapat TKPK" });
    await db.pool.query(`INSERT INTO verification_tasks (kind, id_rt, kode_desa, title, status, due_date) VALUES
      ('meninggal', 'RT01', '3508012001', 'Anggota meninggal', 'terbuka', current_date - 3),
      ('tanpa_lokasi', 'RT02', '3508012001', 'Tanpa lokasi', 'ditugaskan', current_date + 7),
      ('nik_ganda', 'RT04', '3508012002', 'NIK ganda', 'selesai', NULL)`);
    [app, chrome] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("creates a decree snapshot, then a second version, and compares them", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, "admin.sk", "penetapan-2026", "/verifikasi");
    await expect(page.getByTestId("verval-figures").innerText()).resolves.toMatch(/Tugas lewat tenggat\s*1/);
    await page.getByTestId("status-chart").locator("svg").waitFor({ timeout: 15_000 });
    await page.getByTestId("pending-map").locator("canvas").waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    await screenshot(page, "verifikasi-dashboard-desktop");

    await page.goto(`${app.url}/verifikasi/peringkat?periode=2026&wilayah=3508`);
    await waitForHydration(page);
    const ranks = await page.getByTestId("ranking-table").locator("tbody tr td:first-child").allInnerTexts();
    expect(ranks).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    await screenshot(page, "verifikasi-peringkat-desktop");

    const freeze = async (number: string) => {
      await page.goto(`${app.url}/verifikasi/penetapan`);
      await waitForHydration(page);
      await page.getByLabel("Nomor SK").fill(number);
      await page.getByLabel("Penanda tangan").fill("Bupati Lumajang");
      await page.getByLabel("Periode").fill("2026");
      await page.getByLabel("Wilayah SK").selectOption("3508");
      await page.getByRole("button", { name: "Tetapkan dan bekukan" }).click();
      await page.getByTestId("decree-created").waitFor({ timeout: 20_000 });
    };
    await freeze("400.9/123/427.12/2026");
    await expect(page.getByTestId("decree-created").innerText()).resolves.toContain("SK versi 1 dibekukan: 7 rumah tangga");
    await screenshot(page, "verifikasi-penetapan-desktop");

    // The data changes before the correction: RT05 gets desil 1, RT02's members die.
    await db.pool.query(`UPDATE households SET desil = 1 WHERE id_rt = 'RT05'`);
    await db.pool.query(`INSERT INTO population (nik, status, tanggal_status) VALUES ('3508010101500002', 'meninggal', '2025-01-01'), ('3508010101000003', 'pindah', '2025-01-01')`);
    await freeze("400.9/150/427.12/2026");
    await expect(page.getByTestId("decree-created").innerText()).resolves.toContain("SK versi 2 dibekukan: 6 rumah tangga");

    await page.getByTestId("decree-created").getByRole("link", { name: "Buka" }).click();
    await page.waitForURL("**/verifikasi/penetapan/2");
    await expect(page.getByTestId("checksum-status").innerText()).resolves.toContain("Checksum cocok");
    const pdf = await page.request.get(`${app.url}/verifikasi/penetapan/2/unduh?format=pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = await page.request.get(`${app.url}/verifikasi/penetapan/2/unduh?format=xlsx`);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    await screenshot(page, "verifikasi-sk-desktop");

    await page.getByRole("link", { name: "Bandingkan dengan versi sebelumnya" }).click();
    await page.waitForURL("**/verifikasi/penetapan/banding?a=1&b=2");
    const counts = await page.getByTestId("compare-counts").innerText();
    // v1 RT01 RT03 RT04 RT02 RT05 app RT06 → v2 RT05 RT01 RT03 RT04 app RT06: RT02 left, every other rank moved.
    expect(counts).toMatch(/Masuk\s*0/);
    expect(counts).toMatch(/Keluar\s*1/);
    expect(counts).toMatch(/Berubah\s*6/);
    await expect(page.getByTestId("compare-table").locator("tbody tr").count()).resolves.toBe(7);
    await screenshot(page, "verifikasi-banding-desktop");
    expect(problems).toEqual([]);
    await close();
  });

  it("reads on a 360 px phone without sideways scrolling", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 360, height: 780 }, { mobile: true });
    await signIn(page, app.url, "admin.sk", "penetapan-2026", "/verifikasi");
    await page.getByTestId("pending-map").locator("canvas").waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    for (const [path, name] of [
      ["/verifikasi", "verifikasi-dashboard-phone"],
      ["/verifikasi/peringkat?periode=2026", "verifikasi-peringkat-phone"],
      ["/verifikasi/penetapan", "verifikasi-penetapan-phone"],
      ["/verifikasi/penetapan/banding?a=1&b=2", "verifikasi-banding-phone"],
      ["/verifikasi/peringkat/RT03?periode=2026", "verifikasi-rincian-phone"],
    ] as const) {
      if (path !== "/verifikasi") {
        await page.goto(app.url + path);
        await waitForHydration(page);
      }
      await screenshot(page, name);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
    }
    expect(problems).toEqual([]);
    await close();
  });
});
