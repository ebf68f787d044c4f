/**
 * Home page in a real browser against the real database: the region summary shows the fixture's
 * counts formatted id-ID, at desktop width and at 360 px, and the empty state explains how to load data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { type Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, launchBrowser, newPage, screenshot, startApp, waitForHydration } from "./harness";

const HOUSEHOLDS = 1234; // big enough to show id-ID grouping: "1.234"
const EXTRA_KK = 10; // households holding a second family card

/** Kabupaten Lumajang, 2 kecamatan, 3 desa; households, members, a program with recipients. */
async function insertFixture(db: Database) {
  await db.pool.query(`
    INSERT INTO regions (code, level, name, parent_code) VALUES
      ('3508', 'kabupaten', 'Lumajang', '35'),
      ('350801', 'kecamatan', 'Tempursari', '3508'),
      ('350802', 'kecamatan', 'Pronojiwo', '3508'),
      ('3508012001', 'desa', 'Tempurejo', '350801'),
      ('3508012002', 'desa', 'Pundungsari', '350801'),
      ('3508022001', 'desa', 'Supiturang', '350802');
    INSERT INTO households (id_rt, kode_desa)
      SELECT 'RT' || lpad(i::text, 6, '0'),
             CASE WHEN i <= 800 THEN '3508012001' WHEN i <= 1000 THEN '3508012002' ELSE '3508022001' END
      FROM generate_series(1, ${HOUSEHOLDS}) i;
    -- two members per household; the first ${EXTRA_KK} households' second member has their own KK
    INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa)
      SELECT h.id_rt, lpad((3508010000000000 + i * 2 + m)::text, 16, '0'),
             lpad((3508019000000000 + i + CASE WHEN m = 1 AND i <= ${EXTRA_KK} THEN 100000 ELSE 0 END)::text, 16, '0'),
             'Warga ' || i || '-' || m, h.kode_desa
      FROM generate_series(1, ${HOUSEHOLDS}) i
      JOIN households h ON h.id_rt = 'RT' || lpad(i::text, 6, '0')
      CROSS JOIN generate_series(0, 1) m;
    INSERT INTO programs (kode, nama, unit, sumber_dana, rule)
      VALUES ('PKH', 'Program Keluarga Harapan', 'keluarga', 'apbn', '{}'::jsonb);
    INSERT INTO recipients (program, periode, tahap, unit_key)
      SELECT 'PKH', '2025-S1', 'realisasi'::recipient_stage, 'K' || i FROM generate_series(1, 50) i
      UNION ALL SELECT 'PKH', '2025-S2', 'realisasi', 'K' || i FROM generate_series(1, 42) i
      UNION ALL SELECT 'PKH', '2025-S2', 'usulan', 'K' || i FROM generate_series(1, 60) i;
    INSERT INTO import_batches (kind, file_name, checksum, imported_by, started_at, finished_at, rows_total, rows_inserted, rows_updated)
      VALUES ('anggota', 'anggota_lumajang.csv', repeat('a', 64), 'operator.dinsos',
              '2026-03-02T01:00:00Z', '2026-03-02T01:00:05Z', ${HOUSEHOLDS * 2}, ${HOUSEHOLDS * 2}, 0);
  `);
}

describe("home page (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    [app, chrome] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("explains how to load data when the database is empty", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 800 });
    await page.goto(app.url + "/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Belum ada data");
    await expect(page.getByText("npm run tepat -- seed").count()).resolves.toBe(1);
    await screenshot(page, "home-empty-desktop");
    expect(problems).toEqual([]);
    await close();
  });

  it("shows who is signed in in the header, with Keluar", async () => {
    await createAccount(db.pool, {
      username: "kab.lumajang",
      displayName: "Admin Dinsos",
      password: "kabupaten-2026",
      role: "kabupaten",
      scopeCode: "3508",
    });
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 800 });
    await page.goto(app.url + "/wilayah");
    await waitForHydration(page);
    // Signed out: "Masuk" leads to the login page and back to where we were.
    await page.getByRole("banner").getByRole("link", { name: "Masuk" }).click();
    await page.waitForURL("**/masuk?ke=%2Fwilayah");
    await page.getByLabel("Nama pengguna").fill("kab.lumajang");
    await page.getByLabel("Kata sandi").fill("kabupaten-2026");
    await page.locator("main").getByRole("button", { name: "Masuk" }).click();
    await page.locator(".account-name", { hasText: "Admin Dinsos" }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe("/wilayah");
    await expect(page.locator(".account-name").innerText()).resolves.toBe("Admin Dinsos · Kabupaten/OPD");
    await screenshot(page, "header-signed-in");
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.getByRole("banner").getByRole("link", { name: "Masuk" }).waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
    await close();
  });

  describe("with a loaded region", () => {
  beforeAll(() => insertFixture(db));

  for (const viewport of [
    { name: "desktop", width: 1280, height: 900, mobile: false },
    { name: "360px", width: 360, height: 780, mobile: true },
  ]) {
    it(`shows the region summary in Indonesian (${viewport.name})`, async () => {
      const { page, problems, close } = await newPage(chrome.browser, { width: viewport.width, height: viewport.height }, { mobile: viewport.mobile });
      await page.goto(app.url + "/");
      await waitForHydration(page);

      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("id");
      await expect(page.locator("h1").textContent()).resolves.toBe("Kabupaten Lumajang");
      // [label, value] of one summary figure
      const stat = async (key: string) => {
        const item = page.locator(`[data-stat="${key}"]`);
        return [await item.locator("dt").innerText(), await item.locator("dd").innerText()];
      };
      await expect(stat("households")).resolves.toEqual(["Rumah tangga", "1.234"]);
      await expect(stat("families")).resolves.toEqual(["Keluarga (KK)", "1.244"]);
      await expect(stat("people")).resolves.toEqual(["Jiwa", "2.468"]);
      await expect(stat("kecamatan")).resolves.toEqual(["Kecamatan", "2"]);
      await expect(stat("desa")).resolves.toEqual(["Desa/kelurahan", "3"]);
      await expect(stat("programs")).resolves.toEqual(["Program bantuan", "1"]);
      // latest period 2025-S2, its most advanced stage (realisasi): 42, not the 60 proposals
      await expect(stat("recipients")).resolves.toEqual(["Penerimaan 2025-S2, semua program", "42"]);

      const lastImport = await page.getByTestId("last-import").innerText();
      expect(lastImport).toContain("Anggota rumah tangga");
      expect(lastImport).toContain("anggota_lumajang.csv");
      expect(lastImport).toContain("operator.dinsos");
      expect(lastImport).toContain("2 Maret 2026"); // 08.00 WIB
      expect(lastImport).toContain("2.468 baris");

      // The chart is drawn client-side (echarts, SVG) with one bar label per kecamatan.
      await page.waitForSelector('[data-testid="kecamatan-chart"][data-ready="1"] svg');
      const chartText = await page.getByTestId("kecamatan-chart").innerText();
      expect(chartText).toContain("Tempursari");
      expect(chartText).toContain("1.000");

      // Nothing overflows sideways, even at 360 px (the nav scrolls inside its own strip).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link").allInnerTexts()).resolves.toEqual([
        "Peta",
        "Wilayah",
        "Analisis",
        "Data",
        "Verifikasi",
      ]);

      await screenshot(page, `home-${viewport.name}`);

      if (!viewport.mobile) {
        // Print (A4): the navigation and the map button disappear, the figures stay.
        await page.emulateMedia({ media: "print" });
        await expect(page.getByRole("navigation", { name: "Navigasi utama" }).isVisible()).resolves.toBe(false);
        await expect(page.getByRole("link", { name: "Buka peta" }).isVisible()).resolves.toBe(false);
        await expect(page.locator('[data-stat="households"] dd').isVisible()).resolves.toBe(true);
        await screenshot(page, "home-print");
        await page.emulateMedia({ media: "screen" });
      }

      // The skip link is the first tab stop and becomes visible on focus.
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Lewati ke konten utama");

      // Wilayah leads to the kabupaten's profile, whose figures match the summary's.
      await page.getByRole("link", { name: "Wilayah" }).click();
      // Client-side navigation: the URL changes a moment before the new page renders.
      await page.locator("h1", { hasText: "Kabupaten Lumajang" }).waitFor({ timeout: 30_000 });
      await page.getByTestId("region-figures").waitFor();
      expect(new URL(page.url()).pathname).toBe("/wilayah/3508");
      await expect(page.locator('[data-testid="region-figures"] [data-stat="households"] dd').innerText()).resolves.toBe("1.234");
      // Children sorted by the share of desil 1–2 by default; sorting by name is one click.
      await page.getByRole("button", { name: "Urutkan menurut Nama" }).click();
      await expect(page.locator('[data-testid="children-table"] tbody tr td:first-child').allInnerTexts()).resolves.toEqual(["Pronojiwo", "Tempursari"]);
      await screenshot(page, `wilayah-${viewport.name}`);

      expect(problems).toEqual([]);
      await close();
    });
  }
  });
});
