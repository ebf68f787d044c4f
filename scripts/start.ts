/**
 * `npm start` (builds first when build/ is missing or stale) and `npm run serve` (never builds): open the database (embedded PostGIS
 * unless DATABASE_URL; migrations run on open), seed the demo region when there are no
 * households, then serve the Remix build with express.
 *
 * Flags: --no-build (never build; fail if build/ is missing), --no-seed, --port N (else PORT,
 * default 3000; 0 = any free port), --host H (default 0.0.0.0), --build-dir D and --assets-dir D
 * (a snapshot of build/ and public/build/: browser tests use one so a concurrent rebuild cannot
 * pull the assets from under a running test).
 */
import fs from "node:fs";
import type http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { createRequestHandler } from "@remix-run/express";
import { type ServerBuild, broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import type pg from "pg";
import express from "express";
import { z } from "zod";
import type * as SeedsModule from "../seeds/index.server";

type SeedModule = typeof SeedsModule;

process.env.NODE_ENV ??= "production";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    port: { type: "string" },
    host: { type: "string", default: "0.0.0.0" },
    "build-dir": { type: "string", default: path.join(root, "build") },
    "assets-dir": { type: "string", default: path.join(root, "public", "build") },
  },
  strict: true,
});

const seconds = () => (performance.now() / 1000).toLocaleString("id-ID", { maximumFractionDigits: 1 });
const log = (msg: string) => console.log(`[tepat ${seconds()} s] ${msg}`);

async function seedIfEmpty(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT 1 FROM households LIMIT 1) h");
  if (rows[0].n > 0) return;
  if (flags["no-seed"]) {
    log("Basis data kosong; --no-seed: data demo tidak dimuat.");
    return;
  }
  // Loaded lazily: an existing database never pays for the generator's imports.
  let seeds: SeedModule;
  try {
    seeds = await import("../seeds/index.server");
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
    log(`Basis data kosong, dan pembuat data demo (seeds/index.server.ts) ${missing ? "belum tersedia" : "gagal dimuat"}.`);
    if (!missing) console.error(err);
    log("Aplikasi tetap berjalan tanpa data; muat data dengan `npm run tepat -- import …`.");
    return;
  }
  log("Basis data kosong: memuat data demo Kabupaten Lumajang (20.000 rumah tangga, seed 1)…");
  const started = performance.now();
  let nextReport = 0;
  try {
    await seeds.seedDatabase({
      households: 20_000,
      seed: 1,
      log: (line) => log(`  seed: ${line}`),
      onProgress: (p) => {
        // Generation reports per household: print every 5,000.
        if (p.phase === "generate" && p.households >= nextReport) {
          log(`  seed: membuat rumah tangga ${p.households.toLocaleString("id-ID")}/${p.total.toLocaleString("id-ID")}`);
          nextReport = p.households + 5_000;
        }
      },
    });
  } catch (err) {
    // Serve anyway: the home page then explains how to load data, and the next start retries.
    console.error(err);
    log("Data demo GAGAL dimuat (lihat galat di atas); aplikasi tetap berjalan.");
    return;
  }
  log(`Data demo dimuat dalam ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** The seeded demo gets one account per role (README, demo only); real data never does. */
async function ensureDemoAccountsForSeed(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query("SELECT 1 FROM dataset_info WHERE key = 'seed'");
  if (!rows.length) return;
  const { ensureDemoAccounts, DEMO_PASSWORD, demoUsernames } = await import("../db/accounts/demo-accounts.server");
  if ((await ensureDemoAccounts(pool)) > 0) {
    log(`Akun demo dibuat: ${Object.values(demoUsernames).join(", ")} (kata sandi ${DEMO_PASSWORD}).`);
  }
  // A few registrations in every status, so the verval pages of the demo are not empty.
  const { seedDemoApplications } = await import("../db/verval/demo-seed.server");
  const applications = await seedDemoApplications(pool);
  if (applications > 0) log(`Permohonan demo dibuat: ${applications}.`);
}

/**
 * After the server answers: compute targeting findings for the latest period when none exist yet
 * (a fresh demo), so the verification views are not empty. Runs in the background.
 */
async function computeFindingsIfMissing(pool: pg.Pool): Promise<void> {
  try {
    const { rows } = await pool.query<{ periode: string | null; findings: number }>(
      `SELECT (SELECT max(periode) FROM recipients) AS periode, (SELECT count(*)::int FROM targeting_snapshots) AS findings`,
    );
    const periode = rows[0]?.periode;
    if (!periode || rows[0]!.findings > 0) return;
    log(`Menghitung temuan penargetan periode ${periode} di latar belakang…`);
    const started = performance.now();
    const { refreshTargetingSnapshot } = await import("../analytics/targeting/snapshot.server");
    await refreshTargetingSnapshot(periode);
    log(`Temuan penargetan ${periode} selesai dalam ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    // Pemadanan findings become field-verification tasks (deceased, moved, NIK problems, no location).
    const { raisePemadananTasks } = await import("../db/verval/tasks.server");
    const raised = await raisePemadananTasks(pool);
    log(`Tugas verifikasi dari pemadanan dibuat: ${raised.inserted}.`);
  } catch (err) {
    log(`Temuan penargetan gagal dihitung: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A problem the user can fix (port taken, build missing): printed without a stack trace. */
class StartError extends Error {}

const portInUse = (port: number) => new StartError(`Port ${port} sudah dipakai: jalankan dengan PORT=<port lain>.`);

/** Fails before the (possibly long) database work when another process holds the port. */
function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "EADDRINUSE" ? portInUse(port) : err));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const buildEntry = path.resolve(flags["build-dir"], "index.js");

/** Newest modification time under the folders the server bundle is built from. */
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "db", "analytics", "geo"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["remix.config.js", "package-lock.json"]) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/**
 * Builds only when build/ is missing or older than the sources, so a second `npm start` does
 * not pay ~15 s for an identical bundle.
 */
async function loadBuild(): Promise<ServerBuild> {
  const missing = !fs.existsSync(buildEntry);
  if (missing && flags["no-build"]) throw new StartError(`Build tidak ditemukan (${buildEntry}): jalankan dulu \`npm run build\`.`);
  if (!flags["no-build"] && (missing || fs.statSync(buildEntry).mtimeMs < newestSourceMtime())) {
    log(missing ? "Build tidak ditemukan: menjalankan `npm run build`…" : "Sumber berubah sejak build terakhir: menjalankan `npm run build`…");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    log("Build selesai.");
  }
  return importBuild();
}

/** `?t=` defeats the ESM cache so `npm run dev` picks up each rebuild. */
async function importBuild(): Promise<ServerBuild> {
  const stamp = fs.statSync(buildEntry).mtimeMs;
  return (await import(`${pathToFileURL(buildEntry).href}?t=${stamp}`)) as ServerBuild;
}

/**
 * `npm run dev` (remix dev --manual) rebuilds into build/ and waits for the app to announce the
 * new build; re-import it when build/version.txt changes.
 */
function watchDevBuild(current: { build: ServerBuild }): void {
  const versionFile = path.join(path.dirname(buildEntry), "version.txt");
  let timer: NodeJS.Timeout | undefined;
  fs.watch(path.dirname(buildEntry), (_event, file) => {
    if (file !== "version.txt" || !fs.existsSync(versionFile)) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        current.build = await importBuild();
        await broadcastDevReady(current.build);
        log("Build baru dimuat.");
      } catch (err) {
        console.error(err);
      }
    }, 50);
  });
}

async function main() {
  const { getDatabase, closeDatabaseIfOpen } = await import("../db/connection.server");
  const { env } = await import("../app/env.server");
  const port = flags.port !== undefined ? z.coerce.number().int().min(0).parse(flags.port) : env().PORT;

  // Registered before the database opens: Ctrl-C during a long first seed must still close the
  // embedded PGlite cleanly (an abrupt exit can leave its data directory inconsistent).
  const running: { server?: http.Server } = {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: menghentikan server…`);
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    const { server } = running;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await closeDatabaseIfOpen();
    log("Berhenti.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await assertPortFree(port, flags.host);
  log(env().DATABASE_URL ? "Membuka basis data (DATABASE_URL)…" : "Membuka basis data tertanam (PGlite + PostGIS)…");
  const database = await getDatabase();
  log(`Basis data siap${database.embedded ? " (tertanam)" : ""}; migrasi diterapkan.`);
  await seedIfEmpty(database.pool);
  await ensureDemoAccountsForSeed(database.pool);

  const current = { build: await loadBuild() };
  const dev = process.env.NODE_ENV === "development";
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  // Fingerprinted assets never change: cache them for a year.
  app.use("/build", express.static(path.resolve(flags["assets-dir"]), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build: dev ? async () => current.build : current.build, mode: process.env.NODE_ENV }));

  const server = app.listen(port, flags.host);
  running.server = server;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? portInUse(port) : err),
    );
  });
  const actualPort = (server.address() as AddressInfo).port;
  console.log(`Tepat berjalan di http://localhost:${actualPort}`);
  log(`Siap dalam ${seconds()} s sejak proses dimulai.`);
  void computeFindingsIfMissing(database.pool);
  if (dev) {
    await broadcastDevReady(current.build);
    watchDevBuild(current);
  }
}

main().catch(async (err) => {
  console.error(err instanceof StartError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
  try {
    const { closeDatabaseIfOpen } = await import("../db/connection.server");
    await closeDatabaseIfOpen();
  } finally {
    process.exit(1);
  }
});
