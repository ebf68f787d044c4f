/**
 * The desa operator's field visit on a 360 px phone, with the network switched off: open a task,
 * go offline, take a (mocked) GPS fix and a house photo carrying EXIF GPS, save → "Menunggu
 * sinkron"; reload while still offline (the service worker serves the page, IndexedDB keeps the
 * visit); come back online → the visit syncs exactly once (one visits row in the database).
 * Run under the build lock: flock /tmp/tepat-build.lock npx vitest run tests/browser/kunjungan.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../db/accounts/accounts.server";
import { type Database } from "../../db/connection.server";
import { jpegWithGps } from "../../app/offline/exif-gps";
import { resetData, testDatabase } from "../db";
import { type RunningApp, type RunningBrowser, desaOperator, newPage, phoneAsDesaOperator, screenshot, signIn, startAppAndBrowser, tempurejoRegionsSql, waitForHydration } from "./harness";

const gps = { latitude: -8.19, longitude: 113.01, accuracy: 12 };
const photoGps = { lat: -8.190139, lon: 113.010278 };

describe("field visit offline on a phone (browser)", () => {
  let db: Database;
  let app: RunningApp;
  let chrome: RunningBrowser;
  let taskId = 0;

  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await db.pool.query(`${tempurejoRegionsSql}
      INSERT INTO households (id_rt, kode_desa, alamat, rt, rw) VALUES ('RT-001', '3508012001', 'Dusun Krajan', '01', '02');
      INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt) VALUES
        ('RT-001', '3508014107900001', '3508010101100001', 'Siti Aminah', '3508012001', 'kepala'),
        ('RT-001', '3508010101800002', '3508010101100001', 'Slamet Riyadi', '3508012001', 'pasangan');`);
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO verification_tasks (kind, source_key, id_rt, kode_desa, title, due_date)
       VALUES ('tanpa_lokasi', 'tanpa_lokasi::RT-001', 'RT-001', '3508012001', 'Rumah tangga belum memiliki lokasi', '2026-12-31') RETURNING id`,
    );
    taskId = rows[0]!.id;
    await createAccount(db.pool, desaOperator);
    await createAccount(db.pool, { username: "camat.tempursari", displayName: "Operator Kecamatan", password: "tempursari-2026", role: "kecamatan", scopeCode: "350801" });
    [app, chrome] = await startAppAndBrowser();
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.stop();
    await resetData(db);
  });

  const visitCount = async () => (await db.pool.query("SELECT count(*)::int AS n FROM visits")).rows[0].n as number;

  it("saves a visit offline, keeps it across a reload, and syncs it once when back online", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 360, height: 780 }, { mobile: true });
    const context = page.context();
    await context.grantPermissions(["geolocation"], { origin: app.url });
    await context.setGeolocation(gps);

    await signIn(page, app.url, desaOperator.username, desaOperator.password, "/verifikasi/tugas");
    await expect(page.getByTestId("task-total").innerText()).resolves.toContain("1 dari 1 tugas");
    await screenshot(page, "tugas-phone");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    await page.getByRole("link", { name: "Buka" }).click();
    await page.waitForURL(`**/verifikasi/tugas/${taskId}`);
    await waitForHydration(page);
    // The service worker holds this page and its files before we cut the network.
    await page.locator('[data-testid="visit-workspace"][data-offline-ready="1"]').waitFor({ timeout: 30_000 });

    // A camera-sized photo (2400×1800) made by the browser, with EXIF GPS added as a camera would.
    const dataUrl = await page.evaluate(() => {
      const c = document.createElement("canvas");
      c.width = 2400;
      c.height = 1800;
      const g = c.getContext("2d")!;
      const grad = g.createLinearGradient(0, 0, 2400, 1800);
      grad.addColorStop(0, "#8fbf7a");
      grad.addColorStop(1, "#c9a66b");
      g.fillStyle = grad;
      g.fillRect(0, 0, 2400, 1800);
      g.fillStyle = "#7a4b2a";
      g.fillRect(700, 700, 1000, 800);
      return c.toDataURL("image/jpeg", 0.95);
    });
    const photo = Buffer.from(jpegWithGps(new Uint8Array(Buffer.from(dataUrl.split(",")[1]!, "base64")), photoGps.lat, photoGps.lon));

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("net-state").innerText(), { timeout: 10_000 }).toContain("luring");
    await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
    await expect.poll(() => page.getByTestId("visit-gps").innerText(), { timeout: 10_000 }).toBe("-8.190000, 113.010000 (akurasi ± 12 m)");
    await page.getByLabel("Foto rumah").setInputFiles({ name: "rumah.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByTestId("photo-info").waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId("photo-info").innerText(), { timeout: 10_000 }).toMatch(/^Foto siap: 1600×1200 px, \d+ KB$/);
    await expect.poll(() => page.getByTestId("photo-exif").innerText(), { timeout: 10_000 }).toMatch(/^Lokasi di foto \(EXIF\): -8\.190139, 113\.010278 · \d+ m dari lokasi GPS$/);
    await page.getByLabel("Temuan di lapangan").fill("Rumah dihuni, titik lokasi diambil di depan rumah.");
    await page.getByText("Valid", { exact: true }).click();
    await screenshot(page, "kunjungan-phone-form");
    await page.getByRole("button", { name: "Simpan kunjungan" }).click();
    await expect.poll(() => page.getByTestId("queued-state").innerText(), { timeout: 10_000 }).toBe("Menunggu sinkron");
    await screenshot(page, "kunjungan-phone-offline");
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    // Still offline: the page comes from the service worker, the visit from IndexedDB.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await waitForHydration(page);
    await expect.poll(() => page.getByTestId("net-state").innerText(), { timeout: 10_000 }).toContain("luring");
    await expect.poll(() => page.getByTestId("queued-state").innerText(), { timeout: 10_000 }).toBe("Menunggu sinkron");
    await screenshot(page, "kunjungan-phone-reloaded-offline");
    expect(await visitCount()).toBe(0);

    // Back online: the `online` event sends it, once.
    await context.setOffline(false);
    await page.getByText("Belum ada kunjungan tersimpan di ponsel ini.").waitFor({ timeout: 20_000 });
    expect(await visitCount()).toBe(1);
    await page.getByTestId("server-visits").waitFor({ timeout: 10_000 });
    // A reload online syncs again on load: nothing left to send, still one row.
    await page.reload();
    await waitForHydration(page);
    await page.getByText("Belum ada kunjungan tersimpan di ponsel ini.").waitFor();
    await page.waitForTimeout(500);
    expect(await visitCount()).toBe(1);
    await screenshot(page, "kunjungan-phone-synced");

    const { rows } = await db.pool.query(
      `SELECT v.officer, v.result, v.conflict, round(ST_Y(v.location)::numeric, 6)::float8 AS lat, v.accuracy_m,
              p.mime, p.bytes <= 1048576 + 200 AS small, round(p.exif_lat::numeric, 5)::float8 AS exif_lat, t.status
         FROM visits v JOIN photos p ON p.id = v.photo_id JOIN verification_tasks t ON t.id = v.task_id`,
    );
    expect(rows).toEqual([
      { officer: "op.tempurejo", result: "valid", conflict: false, lat: -8.19, accuracy_m: 12, mime: "image/jpeg", small: true, exif_lat: -8.19014, status: "selesai" },
    ]);
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
    await close();
  });

  it("shows a conflict instead of overwriting, and resends on the newest version when asked", async () => {
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO verification_tasks (kind, source_key, id_rt, nik, kode_desa, title)
       VALUES ('nik_ganda', 'nik_ganda:3508010101800002:RT-001', 'RT-001', '3508010101800002', '3508012001', 'NIK tercatat di 2 rumah tangga') RETURNING id`,
    );
    const conflictTask = rows[0]!.id;
    const { page, problems, close } = await phoneAsDesaOperator(chrome, app, `/verifikasi/tugas/${conflictTask}`);
    await waitForHydration(page);
    await page.getByTestId("net-state").waitFor();
    // Meanwhile the kecamatan reassigns the task: its version moves on.
    await db.pool.query("UPDATE verification_tasks SET version = version + 1 WHERE id = $1", [conflictTask]);
    await page.getByText("Tidak valid", { exact: true }).click();
    await page.getByLabel("Temuan di lapangan").fill("NIK milik anggota rumah tangga lain.");
    await page.getByRole("button", { name: "Simpan kunjungan" }).click();
    await page.getByTestId("queued-state").filter({ hasText: "Konflik" }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole("alert").filter({ hasText: "versi 1 → 2" }).count()).resolves.toBe(1);
    await screenshot(page, "kunjungan-phone-conflict");
    const task = async () => (await db.pool.query("SELECT status, version FROM verification_tasks WHERE id = $1", [conflictTask])).rows[0];
    expect(await task()).toEqual({ status: "terbuka", version: 2 });
    await page.getByRole("button", { name: "Kirim ulang atas versi terbaru" }).click();
    await page.getByText("Belum ada kunjungan tersimpan di ponsel ini.").waitFor({ timeout: 10_000 });
    expect(await task()).toEqual({ status: "selesai", version: 3 });
    const visits = await db.pool.query("SELECT base_version, conflict, result FROM visits WHERE task_id = $1 ORDER BY id", [conflictTask]);
    expect(visits.rows).toEqual([
      { base_version: 1, conflict: true, result: "tidak_valid" },
      { base_version: 2, conflict: false, result: "tidak_valid" },
    ]);
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
    await close();
  });

  it("desktop (1280 px): the queue and the visited task as a kecamatan operator", async () => {
    const { page, problems, close } = await newPage(chrome.browser, { width: 1280, height: 900 });
    await signIn(page, app.url, "camat.tempursari", "tempursari-2026", "/verifikasi/tugas");
    await page.getByLabel("Status").selectOption("semua");
    await page.getByRole("button", { name: "Terapkan" }).click();
    await page.waitForURL("**status=semua**");
    await page.getByTestId("task-total").filter({ hasText: "2 dari 2 tugas" }).waitFor();
    await screenshot(page, "tugas-desktop");
    await page.goto(`${app.url}/verifikasi/tugas/${taskId}`);
    await waitForHydration(page);
    await page.locator("img[alt='Foto rumah dari kunjungan']").evaluate((img: HTMLImageElement) =>
      img.complete && img.naturalWidth > 0 ? null : new Promise((r) => img.addEventListener("load", r, { once: true })),
    );
    await screenshot(page, "kunjungan-desktop");
    expect(problems).toEqual([]);
    await close();
  });
});
