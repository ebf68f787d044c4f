/**
 * /peta in Debian's Chromium on fixture data (geo/tiles/fixture.server.ts): the map reaches
 * idle, the legend shows the computed classes, choropleth features render, clicking a desa opens
 * a panel whose figures match the database, filters change URL and legend, PNG export yields an
 * image, household points appear from z12. Screenshots go to test-results/screenshots/peta-*.png.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../analytics/classify/breaks";
import { measureValues } from "../../analytics/measures/values.server";
import type { Database } from "../../db/connection.server";
import { fixtureDesaBounds, insertMapFixture } from "../../geo/tiles/fixture.server";
import { invalidateTiles } from "../../geo/tiles/tiles.server";
import { resetData, testDatabase } from "../db";
import { launchBrowser, newPage, screenshot, signIn, startApp, waitForHydration, type RunningApp, type RunningBrowser } from "./harness";
import { createAccount } from "../../db/accounts/accounts.server";
import { statusOf } from "../route-status";

/** Tile requests that maplibre cancels while zooming or panning are not failures. */
const realProblems = (problems: string[]) =>
  problems.filter((p) => !p.includes("favicon") && !(p.includes("/peta/tiles/") && p.includes("ERR_ABORTED")) && !p.startsWith("console: Failed to load resource"));

type MapWindow = Window & {
  __tepatMap: {
    queryRenderedFeatures(opts: { layers: string[] }): { properties: Record<string, unknown> }[];
    project(lngLat: [number, number]): { x: number; y: number };
    jumpTo(opts: { center: [number, number]; zoom: number }): void;
    getZoom(): number;
  };
};

async function waitForIdle(page: Page, after = 0) {
  await page.waitForFunction((n) => Number(document.querySelector("[data-testid=peta-canvas]")?.getAttribute("data-idle") ?? 0) > n, after, {
    timeout: 30_000,
  });
}
const idleCount = (page: Page) => page.evaluate(() => Number(document.querySelector("[data-testid=peta-canvas]")?.getAttribute("data-idle") ?? 0));
const legendClasses = (page: Page) => page.locator("[data-testid=legend] li[data-class]").allTextContents();

describe("/peta in the browser", () => {
  let db: Database;
  let app: RunningApp;
  let browser: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await insertMapFixture(db.pool);
    await createAccount(db.pool, { username: "peta.admin", displayName: "Admin Peta", password: "peta-admin-2026", role: "admin" });
    invalidateTiles();
    app = await startApp();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await resetData(db);
  });

  it("shows the choropleth, legend, panel, filters, export and points", async () => {
    const { page, problems, close } = await newPage(browser.browser, { width: 1280, height: 800 });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
    });
    // Household points are personal data: this test works as an admin.
    await signIn(page, app.url, "peta.admin", "peta-admin-2026", "/peta");
    await waitForHydration(page);
    await waitForIdle(page);

    // Legend: as many classes as the classification of the DB values gives, plus "no data".
    const rows = await measureValues({ measure: "households", level: "desa" }, db.pool);
    const expected = classify(
      rows.map((r) => r.value),
      "quantile",
      5,
    );
    expect(await legendClasses(page)).toHaveLength(expected.classes);
    await expect(page.locator("[data-testid=legend] li[data-nodata]").count()).resolves.toBe(1);

    // The choropleth is rendered: maplibre finds its features.
    const codes = await page.evaluate(() =>
      (window as unknown as MapWindow).__tepatMap.queryRenderedFeatures({ layers: ["isi-desa"] }).map((f) => String(f.properties.code)),
    );
    expect(new Set(codes).size).toBe(rows.length);
    await screenshot(page, "peta-desktop");

    // Click the middle of a desa → panel with the figures of the database.
    const code = "3508012002";
    const [w, s, e, n] = fixtureDesaBounds(code);
    const pt = await page.evaluate((c) => (window as unknown as MapWindow).__tepatMap.project(c), [(w + e) / 2, (s + n) / 2] as [number, number]);
    const box = (await page.locator("[data-testid=peta-canvas]").boundingBox())!;
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    const panel = page.locator(`[data-testid=region-panel][data-code="${code}"]`);
    await panel.waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`wilayah=${code}`);
    const { rows: db1 } = await db.pool.query<{ households: number; people: number }>(
      `SELECT (SELECT count(*)::int FROM households WHERE kode_desa = $1) AS households,
              (SELECT count(*)::int FROM members WHERE kode_desa = $1) AS people`,
      [code],
    );
    const nf = new Intl.NumberFormat("id-ID");
    await expect(panel.locator("[data-figure=households] dd").textContent()).resolves.toBe(nf.format(db1[0].households));
    await expect(panel.locator("[data-figure=people] dd").textContent()).resolves.toBe(nf.format(db1[0].people));
    const { rows: pkh } = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT unit_key)::int AS n FROM recipients WHERE kode_desa = $1 AND program = 'PKH' AND periode = '2025-S1' AND tahap = 'realisasi'`,
      [code],
    );
    await expect(panel.locator("[data-figure=recipients-PKH] dd").textContent()).resolves.toBe(nf.format(pkh[0].n));
    await panel.locator("[data-testid=desil-chart] svg").waitFor({ timeout: 10_000 });
    await expect(panel.locator(`a[href="/wilayah/${code}"]`).count()).resolves.toBe(1);
    await screenshot(page, "peta-panel");

    // A filter changes URL and legend.
    const before = await legendClasses(page);
    let idle = await idleCount(page);
    await page.selectOption("select[name=desil_max]", "4");
    await page.waitForURL(/desil_max=4/);
    await page.waitForFunction(
      (prev) => JSON.stringify([...document.querySelectorAll("[data-testid=legend] li[data-class]")].map((li) => li.textContent)) !== prev,
      JSON.stringify(before),
    );
    expect(await legendClasses(page)).not.toEqual(before);
    await page.selectOption("select[name=ukuran]", "desil_1_2_pct");
    await page.waitForURL(/ukuran=desil_1_2_pct/);
    await waitForIdle(page, idle);
    expect(page.url()).toContain("desil_max=4");

    // PNG export: a real, non-empty PNG.
    const download = page.waitForEvent("download");
    await page.click("[data-testid=export-png]");
    const file = await (await download).path();
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width: map + margins
    expect(png.byteLength).toBeGreaterThan(10_000);
    fs.mkdirSync("test-results/screenshots", { recursive: true });
    fs.copyFileSync(file, "test-results/screenshots/peta-export.png");

    // Zoomed in: household points from z12, click one → household summary.
    await page.goto(`${app.url}/peta?titik=program&program=PKH`);
    await waitForHydration(page);
    await waitForIdle(page);
    idle = await idleCount(page);
    const [w2, s2, e2, n2] = fixtureDesaBounds("3508012001");
    await page.evaluate((c) => (window as unknown as MapWindow).__tepatMap.jumpTo({ center: c, zoom: 15 }), [(w2 + e2) / 2, (s2 + n2) / 2] as [number, number]);
    await waitForIdle(page, idle);
    await page.waitForTimeout(500);
    await waitForIdle(page, idle);
    await screenshot(page, "peta-points");
    const { rows: hh } = await db.pool.query<{ id_rt: string; lon: number; lat: number }>(
      `SELECT id_rt, ST_X(location) AS lon, ST_Y(location) AS lat FROM households WHERE kode_desa = '3508012001' ORDER BY id_rt LIMIT 1 OFFSET 1`,
    );
    const hp = await page.evaluate((c) => (window as unknown as MapWindow).__tepatMap.project(c), [hh[0].lon, hh[0].lat] as [number, number]);
    await page.mouse.click(box.x + hp.x, box.y + hp.y);
    const hpanel = page.locator("[data-testid=household-panel]");
    await hpanel.waitFor({ timeout: 15_000 });
    await expect(hpanel.textContent()).resolves.toContain(hh[0].id_rt);
    await expect(hpanel.textContent()).resolves.toMatch(/\d{4}\*{10}\d{2}/);

    expect(realProblems(problems)).toEqual([]);
    await close();
  }, 180_000);

  it("works on a 360 px phone screen with the keyboard region list", async () => {
    const { page, problems, close } = await newPage(browser.browser, { width: 360, height: 740 });
    await page.goto(`${app.url}/peta`);
    await waitForHydration(page);
    await waitForIdle(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.click(".peta-controls > summary");
    const item = page.locator('.peta-region-list button[data-code="3508022001"]');
    await item.focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid=region-panel][data-code="3508022001"]').waitFor({ timeout: 15_000 });
    // The controls fold away on a phone once a region is chosen, so the map shows it.
    await expect(page.evaluate(() => (document.querySelector(".peta-controls") as HTMLDetailsElement).open)).resolves.toBe(false);
    await page.waitForTimeout(1000);
    const visible = await page.evaluate(() =>
      (window as unknown as MapWindow).__tepatMap.queryRenderedFeatures({ layers: ["isi-desa"] }).some((f) => f.properties.code === "3508022001"),
    );
    expect(visible).toBe(true);
    await screenshot(page, "peta-phone");
    expect(realProblems(problems)).toEqual([]);
    await close();
  }, 120_000);
});

describe("/peta household data for the public", () => {
  it("never serves household points or summaries without an account with personal-data rights", async () => {
    const { loader: tileLoader } = await import("../../app/routes/peta_.tiles.$layer.$z.$x.$y[.]mvt");
    const { loader: rtLoader } = await import("../../app/routes/peta_.rt.$idRt");
    const status = statusOf;
    const tileParams = { layer: "rumah_tangga", z: "14", x: "13480", y: "8726" };
    expect(await status(() => tileLoader({ request: new Request("http://localhost/peta/tiles/x"), params: tileParams, context: {} }))).toBe(403);
    expect(await status(() => rtLoader({ request: new Request("http://localhost/peta/rt/RT-1"), params: { idRt: "RT-1" }, context: {} }))).toBe(403);
    // Region tiles stay public.
    const regionParams = { layer: "desa", z: "9", x: "416", y: "269" };
    expect(await status(() => tileLoader({ request: new Request("http://localhost/peta/tiles/x"), params: regionParams, context: {} }))).not.toBe(403);
  });
});
