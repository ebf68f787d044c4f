/**
 * The desa operator's field job on a 360 px phone: sign in, open the location list, tap the map
 * inside the desa to place a household, save, and see the progress count go up — against the
 * real server and database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { type Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, desaOperator, phoneAsDesaOperator, screenshot, startAppAndBrowser, tempurejoRegionsSql, waitForHydration } from "./harness";

describe("location work on a phone (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await db.pool.query(`${tempurejoRegionsSql}
      INSERT INTO households (id_rt, kode_desa, alamat) VALUES
        ('RT-001', '3508012001', 'Dusun Krajan RT 01'), ('RT-002', '3508012001', 'Dusun Krajan RT 02');
      INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt) VALUES
        ('RT-001', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala'),
        ('RT-002', '3508010101800002', '3508010101100002', 'Slamet Riyadi', '3508012001', 'kepala');`);
    await createAccount(db.pool, desaOperator);
    [app, chrome] = await startAppAndBrowser();
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("places a household by tapping the map and the progress count changes", async () => {
    const { page, problems, close } = await phoneAsDesaOperator(chrome, app, "/lokasi");
    await expect(page.getByTestId("location-progress").innerText()).resolves.toContain("0 dari 2 rumah tangga sudah berlokasi");
    await screenshot(page, "lokasi-phone-before");

    await page.getByRole("link", { name: "Buka" }).first().click();
    await page.waitForURL("**/rumah-tangga/RT-001*");
    await waitForHydration(page);
    const picker = page.getByTestId("location-picker");
    await picker.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-testid="location-picker"] canvas') !== null);
    // The map fits the desa square; its centre is inside the desa.
    const box = (await picker.boundingBox())!;
    await page.waitForTimeout(500);
    await picker.tap({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect(page.getByTestId("picked-point").innerText()).resolves.toMatch(/^-8\.1\d+, 113\.0\d+/);
    await screenshot(page, "lokasi-phone-picked");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.getByRole("button", { name: "Simpan lokasi" }).click();
    await page.getByText("Lokasi disimpan.").waitFor({ timeout: 10_000 });

    const { rows } = await db.pool.query(
      `SELECT h.location_source, h.location_by, ST_Covers(r.geom, h.location) AS inside
         FROM households h JOIN regions r ON r.code = h.kode_desa WHERE h.id_rt = 'RT-001'`,
    );
    expect(rows[0]).toEqual({ location_source: "map", location_by: "op.tempurejo", inside: true });

    await page.goto(app.url + "/lokasi");
    await expect(page.getByTestId("location-progress").innerText()).resolves.toContain("1 dari 2 rumah tangga sudah berlokasi");
    await screenshot(page, "lokasi-phone-after");
    // No horizontal overflow on the phone.
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    expect(problems).toEqual([]);
    await close();
  });
});
