/**
 * The desa operator's member work on a 360 px phone: open a household, open a member, see the
 * form refuse a malformed NIK before sending, change the education, save, and read the change in
 * the household's history. Then a colleague's save in between shows the conflict with both values
 * (desktop, 1280 px). Real server, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { updateMember } from "../../db/households/members.server";
import { type Database } from "../../db/connection.server";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, desaOperator, newPage, phoneAsDesaOperator, screenshot, signIn, startAppAndBrowser, tempurejoRegionsSql, waitForHydration } from "./harness";

describe("member edits on a phone (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;
  let budiId = 0;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await db.pool.query(`${tempurejoRegionsSql}
      INSERT INTO households (id_rt, kode_desa, alamat, desil) VALUES ('RT-001', '3508012001', 'Dusun Krajan RT 01', 2);
      INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, jenis_kelamin, tanggal_lahir, partisipasi_sekolah, jenjang_pendidikan) VALUES
        ('RT-001', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala', 'P', '1990-07-01', 'tidak_lagi', 'smp'),
        ('RT-001', '3508011203080002', '3508010101100001', 'Budi Santoso', '3508012001', 'anak', 'L', '2008-03-12', 'masih_sekolah', 'smp');`);
    budiId = (await db.pool.query<{ id: number }>("SELECT id FROM members WHERE nama = 'Budi Santoso'")).rows[0]!.id;
    await createAccount(db.pool, desaOperator);
    [app, chrome] = await startAppAndBrowser();
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  it("edits a member's education at 360 px and sees it in the history", async () => {
    const { page, problems, close } = await phoneAsDesaOperator(chrome, app, "/rumah-tangga/RT-001");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Ubah anggota: Budi Santoso" }).click();
    await page.waitForURL(`**/rumah-tangga/RT-001/anggota/${budiId}`);
    await waitForHydration(page);

    // The shared schema refuses a malformed NIK on the phone, under its field, before any request.
    const nik = page.getByLabel("NIK", { exact: false }).first();
    await nik.fill("9908011203080002");
    await nik.blur();
    await expect(page.locator('[data-field-error="nik"]').innerText()).resolves.toBe("kode provinsi pada NIK tidak dikenal");
    await screenshot(page, "anggota-phone-invalid");
    await nik.fill("3508011203080002");
    await nik.blur();
    await page.locator('[data-field-error="nik"]').waitFor({ state: "detached" });

    await page.getByLabel("Jenjang pendidikan tertinggi").selectOption("sma");
    await screenshot(page, "anggota-phone-form");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.getByRole("button", { name: "Simpan" }).click();

    await page.waitForURL("**/rumah-tangga/RT-001?disimpan=anggota*");
    await expect(page.getByTestId("saved-notice").innerText()).resolves.toBe("Data anggota disimpan.");
    const history = page.getByTestId("history");
    await expect(history.innerText()).resolves.toContain("Data anggota Budi Santoso diubah");
    await expect(history.innerText()).resolves.toMatch(/Jenjang pendidikan tertinggi:\s*SMP\/sederajat\s*→\s*SMA\/sederajat/);
    await expect(history.innerText()).resolves.toContain("op.tempurejo");
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, "anggota-phone-history");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    const { rows } = await db.pool.query("SELECT jenjang_pendidikan, version FROM members WHERE id = $1", [budiId]);
    expect(rows[0]).toEqual({ jenjang_pendidikan: "sma", version: 2 });
    expect(problems).toEqual([]);
    await close();
  });

  it("shows a colleague's conflicting save with both values (1280 px)", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, desaOperator.username, desaOperator.password, `/rumah-tangga/RT-001/anggota/${budiId}`);
    await waitForHydration(page);
    await screenshot(page, "anggota-desktop-form");
    // A colleague saves first: the version the form holds is now stale.
    const colleague = { id: 0, username: "op.rekan", displayName: "Rekan", role: "desa" as const, scopeCode: "3508012001" };
    const { rows: before } = await db.pool.query("SELECT version FROM members WHERE id = $1", [budiId]);
    const saved = await updateMember(db.pool, colleague, "RT-001", budiId, before[0].version, {
      nik: "3508011203080002",
      no_kk: "3508010101100001",
      nama: "Budi Santoso",
      hubungan_krt: "anak",
      jenis_kelamin: "L",
      tanggal_lahir: "2008-03-12",
      partisipasi_sekolah: "masih_sekolah",
      jenjang_pendidikan: "sma",
      status_bekerja: "bekerja",
      lapangan_usaha: "pertanian",
    });
    expect(saved).toMatchObject({ ok: true });
    await page.getByLabel("Status bekerja").selectOption("tidak_bekerja");
    await page.getByRole("button", { name: "Simpan" }).click();
    const conflict = page.getByTestId("conflict");
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toContain("baru saja diubah oleh pengguna lain");
    expect(text).toContain("Diubah terakhir oleh op.rekan");
    expect(text).toMatch(/Status bekerja\s+Tidak bekerja\s+Bekerja/);
    expect(text).toMatch(/Lapangan usaha\s+\(kosong\)\s+Pertanian/);
    await screenshot(page, "anggota-desktop-conflict");
    const { rows } = await db.pool.query("SELECT status_bekerja FROM members WHERE id = $1", [budiId]);
    expect(rows[0].status_bekerja).toBe("bekerja");
    // Having seen both, the operator saves again on purpose: the form now holds the new version.
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.waitForURL("**/rumah-tangga/RT-001?disimpan=anggota*");
    const { rows: after } = await db.pool.query("SELECT status_bekerja, lapangan_usaha FROM members WHERE id = $1", [budiId]);
    expect(after[0]).toEqual({ status_bekerja: "tidak_bekerja", lapangan_usaha: null });

    await screenshot(page, "anggota-desktop-household");
    // The 409 of the conflicting save is the expected answer, not a problem of the page.
    expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
    await close();
  });
});
