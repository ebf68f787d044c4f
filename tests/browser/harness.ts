/**
 * Browser-test harness: runs the real app (scripts/start.ts, as a child process, on the test
 * DATABASE_URL and a free port) and drives Debian's Chromium through playwright-core.
 * It builds only when build/ is missing, so `npm test` works on a fresh clone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshotDir = path.join(root, "test-results", "screenshots");
const CHROMIUM = process.env.TEPAT_CHROMIUM ?? "/usr/bin/chromium";

/** Flags measured to work on these machines (../shared/stack-notes.md). */
const chromiumArgs = (userDataDir: string) => [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  `--user-data-dir=${userDataDir}`,
  "--remote-debugging-pipe",
  "--no-startup-window",
];

/** Source folders the Remix bundles are built from (routes import db/, analytics/, geo/ code). */
const sourceDirs = ["app", "db", "analytics", "geo", "remix.config.js"];

function newestSourceMtime(): number {
  let newest = 0;
  for (const entry of sourceDirs) {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) continue;
    const files = fs.statSync(full).isDirectory()
      ? fs.readdirSync(full, { recursive: true, encoding: "utf8" }).map((f) => path.join(full, f))
      : [full];
    for (const f of files) {
      if (/\.test\.tsx?$/.test(f)) continue;
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st?.isFile() && st.mtimeMs > newest) newest = st.mtimeMs;
    }
  }
  return newest;
}

/**
 * Builds the app when build/ is missing (a fresh clone running `npm test`) or older than the
 * sources, so browser tests never drive an old bundle. TEPAT_TEST_REBUILD=0 keeps a stale build
 * (with a warning) when a server from this working tree must not see public/build swapped.
 */
export function ensureBuild(): void {
  const entry = path.join(root, "build", "index.js");
  const exists = fs.existsSync(entry);
  if (exists) {
    if (fs.statSync(entry).mtimeMs >= newestSourceMtime()) return;
    if (process.env.TEPAT_TEST_REBUILD === "0") {
      console.warn("build/ is older than the sources: browser tests run the old bundle (npm run build, or unset TEPAT_TEST_REBUILD)");
      return;
    }
  }
  console.log(exists ? "build/ is stale: rebuilding for the browser tests" : "no build/: building once");
  // vitest sets NODE_ENV=test, which would make remix emit jsxDEV calls that the production
  // server's React lacks ("jsxDEV is not a function"): build for production explicitly.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  execFileSync(process.execPath, [path.join(root, "scripts", "copy-maplibre-worker.mjs")], { cwd: root, stdio: "inherit", env });
  execFileSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit", env });
}

/**
 * Copies build/ and public/build/ into test-results/app-build/ and returns the two directories.
 * The working tree is shared: someone's `npm run build` would otherwise swap the hashed assets
 * while a test runs (404 on /build/*.js). Retries when the build changed during the copy.
 */
function snapshotBuild(): { buildDir: string; assetsDir: string } {
  const target = path.join(root, "test-results", "app-build", String(process.pid));
  const buildDir = path.join(target, "build");
  const assetsDir = path.join(target, "assets");
  for (let attempt = 1; ; attempt++) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(path.join(root, "build"), buildDir, { recursive: true });
    fs.cpSync(path.join(root, "public", "build"), assetsDir, { recursive: true });
    // Consistent when every asset the server build names exists in the copied assets.
    const named = fs.readFileSync(path.join(buildDir, "index.js"), "utf8").match(/"\/build\/[^"]+"/g) ?? [];
    const missing = named.map((s) => s.slice(8, -1)).filter((f) => !fs.existsSync(path.join(assetsDir, f)));
    if (missing.length === 0) return { buildDir, assetsDir };
    if (attempt >= 10) throw new Error(`build/ and public/build/ disagree (a rebuild running?): missing ${missing.join(", ")}`);
    execFileSync("sleep", ["2"]);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  /** Everything the server printed, for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts scripts/start.ts without build or seed against the test database. */
export async function startApp(opts: { timeoutMs?: number } = {}): Promise<RunningApp> {
  if (!process.env.DATABASE_URL) throw new Error("startApp needs DATABASE_URL (set by tests/global-setup.ts)");
  ensureBuild();
  const snapshot = snapshotBuild();
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "start.ts"), "--no-build", "--no-seed", "--port", String(port), "--host", "127.0.0.1",
     "--build-dir", snapshot.buildDir, "--assets-dir", snapshot.assetsDir],
    { cwd: root, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${output}`)), opts.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Tepat berjalan di")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(path.dirname(snapshot.buildDir), { recursive: true, force: true });
    },
  };
}

export interface RunningBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<RunningBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-chromium-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, ignoreDefaultArgs: true, args: chromiumArgs(userDataDir) });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page at the given viewport (desktop unless `mobile`) that collects console errors and failed requests. */
export async function newPage(browser: Browser, viewport: { width: number; height: number }, opts: { mobile?: boolean } = {}) {
  // mobile: a phone's overlay scrollbars, touch and meta-viewport handling.
  const context = await browser.newContext({
    viewport,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // ERR_ABORTED is the browser cancelling a request because the page moved on (a loader
    // revalidation, a favicon, an image still loading): nothing failed on the server. CI saw both
    // kinds once each. Server errors still show as console errors and failed assertions.
    if (error === "net::ERR_ABORTED") return;
    problems.push(`requestfailed: ${req.url()} ${error}`);
  });
  return { page, problems, close: () => context.close() };
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Resolves once React has hydrated (root.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { timeout: 20_000 });
}

/** Signs in through /masuk (the real form) and waits until the app has sent us on to `returnTo`. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string, returnTo = "/"): Promise<void> {
  await page.goto(`${baseUrl}/masuk?ke=${encodeURIComponent(returnTo)}`);
  await waitForHydration(page);
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.locator("main").getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
}

/** The Tempurejo desa operator (scope desa 3508012001) the phone tests create and sign in as. */
export const desaOperator = {
  username: "op.tempurejo",
  displayName: "Operator Tempurejo",
  password: "tempurejo-2026",
  role: "desa",
  scopeCode: "3508012001",
} as const;

/** Starts the app and Chromium side by side (a test's beforeAll). */
export async function startAppAndBrowser(): Promise<[RunningApp, RunningBrowser]> {
  return Promise.all([startApp(), launchBrowser()]);
}

/** A 360×780 phone page (see newPage) signed in as `desaOperator` and sent on to `returnTo`. */
export async function phoneAsDesaOperator(chrome: RunningBrowser, app: RunningApp, returnTo: string) {
  const opened = await newPage(chrome.browser, { width: 360, height: 780 }, { mobile: true });
  await signIn(opened.page, app.url, desaOperator.username, desaOperator.password, returnTo);
  return opened;
}

/** SQL seeding kabupaten Lumajang (3508), kecamatan Tempursari (350801) and desa Tempurejo (3508012001, a 0.02° square at 113.00–113.02 E, 8.18–8.20 S). */
export const tempurejoRegionsSql = `
      INSERT INTO regions (code, level, name, parent_code, geom) VALUES
        ('3508', 'kabupaten', 'Lumajang', NULL, NULL),
        ('350801', 'kecamatan', 'Tempursari', '3508', NULL),
        ('3508012001', 'desa', 'Tempurejo', '350801', ST_Multi(ST_MakeEnvelope(113.00, -8.20, 113.02, -8.18, 4326)));`;
