/**
 * /analisis/sasaran in Debian's Chromium as a Bappeda (kabupaten) operator on the hand-built
 * targeting fixture: pick a program, see the desa table (sorted by gap) and the overlap heatmap,
 * drill down to a desa's findings; screenshots at 1280 and 360 px
 * (test-results/screenshots/sasaran-*.png), no horizontal overflow on the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import type { Database } from "../../db/connection.server";
import { kk, loadFixture } from "../../analytics/targeting/fixture.server";
import { refreshTargetingSnapshot } from "../../analytics/targeting/snapshot.server";
import { resetData, testDatabase } from "../db";
import { launchBrowser, newPage, screenshot, signIn, startApp, waitForHydration, type RunningApp, type RunningBrowser } from "./harness";

describe("/analisis/sasaran in the browser", () => {
  let db: Database;
  let app: RunningApp;
  let browser: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await loadFixture(db.pool);
    // The fixture writes recipients by NIK / No. KK only; the importer resolves their household.
    await db.pool.query(`UPDATE recipients r SET id_rt = m.id_rt FROM members m
                          WHERE r.id_rt IS NULL AND (m.nik = r.nik OR (r.nik IS NULL AND m.no_kk = r.no_kk))`);
    // Three adjacent desa squares (and their parents) so /peta can draw the hot-spot layer.
    await db.pool.query(`
      UPDATE regions SET geom = ST_Multi(CASE code
        WHEN '3508012001' THEN ST_MakeEnvelope(113.00, -8.10, 113.05, -8.05, 4326)
        WHEN '3508012002' THEN ST_MakeEnvelope(113.05, -8.10, 113.10, -8.05, 4326)
        WHEN '3508022001' THEN ST_MakeEnvelope(113.00, -8.15, 113.10, -8.10, 4326)
        WHEN '350801' THEN ST_MakeEnvelope(113.00, -8.10, 113.10, -8.05, 4326)
        WHEN '350802' THEN ST_MakeEnvelope(113.00, -8.15, 113.10, -8.10, 4326)
        ELSE ST_MakeEnvelope(113.00, -8.15, 113.10, -8.05, 4326) END) WHERE level <> 'provinsi'`);
    await refreshTargetingSnapshot("2026-S1", db);
    await createAccount(db.pool, { username: "uji.bappeda", displayName: "Bappeda Uji", password: "bappeda-uji-2026", role: "kabupaten", scopeCode: "3508" });
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await resetData(db);
  });

  it("shows candidates, screens an uploaded proposal list and draws the hot-spot layer (desktop)", async () => {
    const { page, problems, close } = await newPage(browser.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, "uji.bappeda", "bappeda-uji-2026", "/analisis/calon?program=BPNT&periode=2026-S1");
    await page.getByTestId("candidate-table").waitFor();
    await expect(page.getByTestId("candidate-table").locator("tbody tr").count()).resolves.toBe(1); // KK6
    await screenshot(page, "sasaran-calon-desktop");

    await page.goto(`${app.url}/analisis/usulan`);
    await waitForHydration(page);
    await page.locator("form.upload-form input[type=file]").setInputFiles({
      name: "usulan.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`program,periode,no_kk,nama\nBPNT,2026-S1,${kk.kk6},Joko\nBPNT,2026-S1,${kk.kk3},Hendra\nBPNT,2026-S1,${kk.kk1},Budi\n`),
    });
    await page.getByRole("button", { name: "Saring usulan" }).click();
    await page.getByTestId("screening-table").waitFor();
    await expect(page.locator("[data-testid=screening-table] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))).resolves.toEqual([
      "layak",
      "tidak_layak",
      "perlu_dicek",
    ]);
    await screenshot(page, "sasaran-usulan-desktop");

    await page.goto(`${app.url}/peta?ukuran=hotspot_eksklusi&program=PBI_JKN&periode=2026-S1`);
    await waitForHydration(page);
    await page.getByTestId("legend").waitFor();
    await expect(page.getByTestId("legend").innerText()).resolves.toContain("Panas, keyakinan 99%");
    await page.getByTestId("legend-method").locator("summary").click();
    await expect(page.getByTestId("legend-method").innerText()).resolves.toContain("queen");
    await page.waitForTimeout(1500);
    await screenshot(page, "sasaran-peta-hotspot-desktop");
    expect(problems.filter((p) => !p.includes("favicon") && !p.includes("ERR_ABORTED") && !p.startsWith("console: Failed to load resource"))).toEqual([]);
    await close();
  });

  for (const [name, viewport, mobile] of [
    ["desktop", { width: 1280, height: 900 }, false],
    ["phone", { width: 360, height: 780 }, true],
  ] as const) {
    it(`picks a program and shows the desa table and the heatmap (${name})`, async () => {
      const { page, problems, close } = await newPage(browser.browser, viewport, { mobile });
      await signIn(page, app.url, "uji.bappeda", "bappeda-uji-2026", "/analisis/sasaran");
      await waitForHydration(page);
      await page.locator("select[name=program]").selectOption("BPNT");
      await page.waitForURL((u) => u.searchParams.get("program") === "BPNT");
      await page.getByTestId("desa-table").waitFor();
      // BPNT eligible: KK1, KK4, KK5, KK6; KK6 (desa C) is the only one not receiving.
      const first = page.getByTestId("desa-table").locator("tbody tr").first();
      await expect(first.getAttribute("data-code")).resolves.toBe("3508022001");
      await expect(page.getByTestId("coverage-figures").innerText()).resolves.toContain("75,0%");
      await page.waitForSelector("[data-testid=overlap-heatmap][data-ready='1']", { timeout: 20_000 });
      await expect(page.locator("[data-testid=overlap-heatmap] svg path").count()).resolves.toBeGreaterThan(0);
      const mapLink = page.getByTestId("map-links").getByRole("link", { name: "Titik panas eksklusi (Gi*)" });
      await expect(mapLink.getAttribute("href")).resolves.toContain("ukuran=hotspot_eksklusi");
      await screenshot(page, `sasaran-${name}`);
      if (mobile) await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

      await first.getByRole("link").click();
      await page.waitForURL((u) => u.pathname === "/analisis/temuan" && u.searchParams.get("desa") === "3508022001");
      await page.getByTestId("findings-table").waitFor();
      await expect(page.getByTestId("findings-table").innerText()).resolves.toContain("Memenuhi syarat BPNT");
      await screenshot(page, `sasaran-temuan-${name}`);
      if (mobile) await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      expect(problems.filter((p) => !p.includes("favicon"))).toEqual([]);
      await close();
    });
  }
});
