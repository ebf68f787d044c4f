/**
 * /analisis/aturan in Debian's Chromium as a Bappeda (kabupaten) operator: the versions of each
 * program with their plain-language summary, a rejected rule with its problems in Bahasa
 * Indonesia, then a new version saved; screenshots at 1280 and 360 px
 * (test-results/screenshots/aturan-*.png), no horizontal overflow on the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import type { Database } from "../../db/connection.server";
import { defaultPrograms } from "../../analytics/eligibility/rule";
import { resetData, testDatabase } from "../db";
import { launchBrowser, newPage, screenshot, signIn, startApp, waitForHydration, type RunningApp, type RunningBrowser } from "./harness";

describe("/analisis/aturan in the browser", () => {
  let db: Database;
  let app: RunningApp;
  let browser: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    for (const p of defaultPrograms) {
      await db.pool.query(
        `INSERT INTO programs (kode, nama, unit, sumber_dana, tidak_boleh_bersama, rule) VALUES ($1, $2, $3, $4, $5, $6)`,
        [p.kode, p.nama, p.unit, p.sumberDana, p.tidakBolehBersama, JSON.stringify(p.rule)],
      );
      await db.pool.query(
        `INSERT INTO program_rules (program, version, berlaku_mulai, rule, tidak_boleh_bersama, created_by, note)
         VALUES ($1, 1, '2000-01', $2, $3, 'migrasi', 'aturan awal')`,
        [p.kode, JSON.stringify(p.rule), p.tidakBolehBersama],
      );
    }
    await createAccount(db.pool, { username: "uji.bappeda", displayName: "Bappeda Uji", password: "bappeda-uji-2026", role: "kabupaten", scopeCode: "3508" });
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await resetData(db);
  });

  for (const [name, viewport, mobile, month] of [
    ["desktop", { width: 1280, height: 900 }, false, "2026-07"],
    ["phone", { width: 360, height: 780 }, true, "2026-08"],
  ] as const) {
    it(`shows the versions, rejects a bad rule and saves a new version (${name})`, async () => {
      const { page, close } = await newPage(browser.browser, viewport, { mobile });
      await signIn(page, app.url, "uji.bappeda", "bappeda-uji-2026", "/analisis/aturan");
      await waitForHydration(page);
      await expect(page.getByTestId("versi-PKH-1").innerText()).resolves.toContain("Desil rumah tangga paling tinggi 4");
      const pkh = page.locator("article", { has: page.locator("#program-PKH") });
      await pkh.locator("summary", { hasText: "Tambah versi aturan" }).click();
      await pkh.locator("input[name=berlakuMulai]").fill(month);
      await pkh.locator("textarea[name=rule]").fill('{"maxDesil": 12}');
      await pkh.getByRole("button", { name: "Simpan versi" }).click();
      await expect(pkh.locator("[role=alert]").innerText()).resolves.toContain("desil maksimum: paling besar 10");
      await pkh.locator("textarea[name=rule]").fill('{"maxDesil": 3, "anyMemberComponent": [{"kind": "hamil"}]}');
      await pkh.getByRole("button", { name: "Simpan versi" }).click();
      await pkh.locator("[role=status]").waitFor();
      await expect(pkh.locator("[role=status]").innerText()).resolves.toContain(`versi 2, berlaku mulai ${month}`);
      await page.getByTestId("versi-PKH-2").scrollIntoViewIfNeeded();
      await screenshot(page, `aturan-${name}`);
      if (mobile) await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      await db.pool.query(`DELETE FROM program_rules WHERE program = 'PKH' AND version > 1`);
      await close();
    });
  }
});
