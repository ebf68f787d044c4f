/**
 * A desa operator on a 360 px phone registers a household (members added and removed, a NIK typo
 * caught in the browser before sending), then sees the initial assessment with each of the five
 * conditions and the verdict, and submits an eligible one for verification — against the real
 * server and database. Screenshots at 360 and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createAccount, type Account } from "../../db/accounts/accounts.server";
import { createApplication } from "../../db/verval/applications.server";
import { type Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, desaOperator, newPage, phoneAsDesaOperator, screenshot, screenshotDir, signIn, startAppAndBrowser, waitForHydration } from "./harness";

/** A viewport-sized screenshot (full-page phone shots are too tall to read) of the part around `selector`. */
async function viewShot(page: Page, selector: string, name: string) {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

async function tri(page: Page, legend: string, answer: "Ya" | "Tidak") {
  await page
    .locator("fieldset.tri", { has: page.locator("legend", { hasText: new RegExp(`^${legend}$`) }) })
    .locator("label.tri-option", { hasText: new RegExp(`^${answer}$`) })
    .click();
}

describe("registration on a phone (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;
  let operator: Account;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await db.pool.query(`
      INSERT INTO regions (code, level, name, parent_code) VALUES
        ('3508', 'kabupaten', 'Lumajang', NULL), ('350801', 'kecamatan', 'Tempursari', '3508'),
        ('3508012001', 'desa', 'Tempurejo', '350801');
      INSERT INTO households (id_rt, kode_desa, lantai) VALUES ('RT-001', '3508012001', 'keramik');
      INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt) VALUES
        ('RT-001', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala');`);
    operator = await createAccount(db.pool, desaOperator);
    [app, chrome] = await startAppAndBrowser();
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("registers a new household, shows the 5-condition assessment, and submits it", async () => {
    const { page, problems, close } = await phoneAsDesaOperator(chrome, app, "/verifikasi/daftar");
    await waitForHydration(page);
    await expect(page.locator('input[name="registering_officer"]').inputValue()).resolves.toBe("Operator Tempurejo");
    await expect(page.getByText("Tempurejo, Tempursari").isVisible()).resolves.toBe(true);
    await screenshot(page, "pendaftaran-phone-empty");

    // Head of household, with a NIK typo (15 digits) the browser catches before sending.
    await page.locator('input[name="members[0].nama"]').fill("Ani Lestari");
    await page.locator('input[name="members[0].nik"]').fill("350801450592000");
    await page.locator('input[name="members[0].no_kk"]').fill("3508010202200020");
    await expect(page.locator('input[name="members[0].nik"]').getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByText("NIK tidak terdiri dari 16 digit").isVisible()).resolves.toBe(true);
    await page.locator('input[name="members[0].nik"]').fill("3508014505920003");
    await page.locator('select[name="members[0].jenis_kelamin"]').selectOption("P");

    // Add two members, remove the second again.
    await page.getByRole("button", { name: "+ Tambah anggota" }).click();
    await page.getByRole("button", { name: "+ Tambah anggota" }).click();
    await expect(page.getByTestId("member-row").count()).resolves.toBe(3);
    await page.locator('input[name="members[1].nama"]').fill("Dedi Kurnia");
    await page.locator('input[name="members[1].nik"]').fill("3508010808950004");
    await page.locator('input[name="members[1].no_kk"]').fill("3508010202200020");
    await page.locator('select[name="members[1].hubungan_krt"]').selectOption("pasangan");
    await page.getByTestId("member-row").nth(2).getByRole("button", { name: "Hapus anggota ini" }).click();
    await expect(page.getByTestId("member-row").count()).resolves.toBe(2);

    // House: own house, masonry + tile + ceramic, and an AC: 3 of the 5 conditions.
    await page.locator('select[name="household.status_bangunan"]').selectOption("milik_sendiri");
    await page.locator('select[name="household.dinding"]').selectOption("tembok");
    await page.locator('select[name="household.atap"]').selectOption("genteng");
    await page.locator('select[name="household.lantai"]').selectOption("keramik");
    await tri(page, "Mobil", "Tidak");
    await tri(page, "AC", "Ya");
    await tri(page, "Tabung gas 5,5 kg atau lebih", "Tidak");
    await screenshot(page, "pendaftaran-phone-filled");
    await viewShot(page, "#langkah-2", "pendaftaran-phone-view-members");
    await viewShot(page, "#langkah-4", "pendaftaran-phone-view-assets");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    await page.getByRole("button", { name: "Simpan dan identifikasi" }).click();
    await page.waitForURL("**/verifikasi/permohonan/*");
    await waitForHydration(page);
    const assessment = page.getByTestId("assessment");
    await expect(page.getByTestId("match").innerText()).resolves.toBe("Baru (belum terdaftar di DTKS)");
    await expect(assessment.locator('[data-holds="true"]').count()).resolves.toBe(3);
    await expect(assessment.locator('[data-holds="false"]').count()).resolves.toBe(2);
    await expect(page.getByTestId("assessment-verdict").innerText()).resolves.toBe("Tidak layak: 3 kondisi terpenuhi (batas 3)");
    await expect(page.getByTestId("move-submitted").count()).resolves.toBe(0);
    await screenshot(page, "pendaftaran-phone-assessment");
    await page.screenshot({ path: `${screenshotDir}/pendaftaran-phone-view-top.png` });
    await viewShot(page, '[data-testid="assessment-verdict"]', "pendaftaran-phone-view-assessment");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    // The officer overrides with a reason; then the application can be submitted.
    await page.locator('textarea[name="reason"]').fill("AC milik pemilik rumah sebelumnya, sudah rusak; penghasilan harian");
    await page.getByRole("button", { name: "Simpan koreksi" }).click();
    await page.getByTestId("assessment-override").waitFor();
    await page.getByTestId("move-submitted").getByRole("button", { name: "Ajukan untuk verifikasi" }).click();
    await page.getByTestId("status").filter({ hasText: /^Diajukan$/ }).waitFor({ timeout: 10_000 });
    await expect(page.getByTestId("timeline").locator("li").count()).resolves.toBe(3);

    const { rows } = await db.pool.query(
      `SELECT a.status, a.match, a.nik_kepala, a.registering_officer, jsonb_array_length(a.members) AS members, (a.assessment->>'metCount')::int AS met,
              a.override_eligible, t.kind
         FROM applications a JOIN verification_tasks t ON t.application_id = a.id`,
    );
    expect(rows).toEqual([
      {
        status: "submitted",
        match: "baru",
        nik_kepala: "3508014505920003",
        registering_officer: "Operator Tempurejo",
        members: 2,
        met: 3,
        override_eligible: true,
        kind: "pendaftaran_baru",
      },
    ]);
    await screenshot(page, "pendaftaran-phone-submitted");
    expect(problems).toEqual([]);
    await close();
  });

  it("shows the application and the list on a desktop", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, desaOperator.username, desaOperator.password, "/verifikasi/permohonan");
    await expect(page.getByTestId("application-count").innerText()).resolves.toBe("1 permohonan");
    await screenshot(page, "permohonan-list-desktop");
    await page.getByRole("link", { name: /Ani Lestari/ }).click();
    await page.waitForURL("**/verifikasi/permohonan/*");
    await page.getByTestId("timeline").waitFor();
    await screenshot(page, "permohonan-desktop");
    await page.goto(`${app.url}/verifikasi/daftar`);
    await page.getByTestId("registration-form").waitFor();
    await screenshot(page, "pendaftaran-desktop");
    expect(problems).toEqual([]);
    await close();
  });

  it("corrects a draft on a phone: 'Ubah data' opens the prefilled form, saving re-runs the assessment", async () => {
    const created = await createApplication(db.pool, operator, {
      channel: "aktif",
      kode_desa: "3508012001",
      registering_officer: "Operator Tempurejo",
      household: { alamat: "Dusun Krajan", status_bangunan: "milik_sendiri", dinding: "tembok", atap: "genteng", lantai: "keramik", aset_mobil: false, aset_ac: true, aset_tabung_gas_5_5kg: false },
      members: [{ nik: "3508010808950004", no_kk: "3508010202200021", nama: "Dedi Kurnia", hubungan_krt: "kepala", jenis_kelamin: "L" }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.passes).toBe(false);
    const { page, problems, close } = await phoneAsDesaOperator(chrome, app, `/verifikasi/permohonan/${created.id}`);
    await waitForHydration(page);
    await page.getByTestId("edit-link").click();
    await page.waitForURL(`**/verifikasi/daftar?ubah=${created.id}`);
    await waitForHydration(page);
    await expect(page.locator('input[name="members[0].nama"]').inputValue()).resolves.toBe("Dedi Kurnia");
    await expect(page.locator('select[name="household.dinding"]').inputValue()).resolves.toBe("tembok");
    await expect(page.locator('input[name="version"]').inputValue()).resolves.toBe(String(created.version));
    await page.screenshot({ path: `${screenshotDir}/pendaftaran-phone-edit.png` });
    await tri(page, "AC", "Tidak");
    await viewShot(page, "#langkah-4", "pendaftaran-phone-edit-assets");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.getByRole("button", { name: "Simpan perubahan" }).click();
    await page.waitForURL(`**/verifikasi/permohonan/${created.id}?diubah=1`);
    await page.getByTestId("edit-saved").waitFor();
    await expect(page.getByTestId("assessment").locator('[data-holds="true"]').count()).resolves.toBe(2);
    const { rows } = await db.pool.query("SELECT version, (assessment->>'eligible')::boolean AS eligible FROM applications WHERE id = $1", [created.id]);
    expect(rows[0]).toEqual({ version: created.version + 1, eligible: true });
    expect(problems).toEqual([]);
    await close();
  });
});
