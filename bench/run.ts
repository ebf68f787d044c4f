/**
 * `npm run bench`: the figures the issues ask for, printed as numbers and as ratios against
 * baselines measured in the same run. Benchmarks run on a real PostGIS server (DATABASE_URL, else
 * a `tepat_bench` database created on the local server), never as timed tests.
 *
 *   npm run bench [-- --households 300000] [--seed 1] [--only import,indicators,targeting,tiles,start]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseBenchArgs } from "./args";
import { printSection, type Figures } from "./report";

const args = parseBenchArgs(process.argv.slice(2));
const results: Record<string, Figures> = {};

async function ensureBenchDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const admin = "postgres://postgres@127.0.0.1:5432/postgres";
  const url = "postgres://postgres@127.0.0.1:5432/tepat_bench";
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query("DROP DATABASE IF EXISTS tepat_bench WITH (FORCE)");
    await client.query("CREATE DATABASE tepat_bench");
  } finally {
    await client.end();
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query("CREATE EXTENSION IF NOT EXISTS postgis");
  await db.end();
  return url;
}

async function section(name: string, run: () => Promise<Figures>): Promise<void> {
  if (args.only && !args.only.includes(name)) return;
  const started = Date.now();
  try {
    results[name] = await run();
  } catch (err) {
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
  printSection(name, results[name], Date.now() - started);
}

/** Time from spawning `scripts/start.ts --no-build` to the first 200 on `/`. */
async function timeToFirstPage(dataDir: string, port: number): Promise<number> {
  const started = Date.now();
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const env = { ...inherited, TEPAT_DATA_DIR: dataDir, PORT: String(port) };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() - started > 600_000) throw new Error("no page after 600 s");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function main(): Promise<void> {
  const url = await ensureBenchDatabase();
  process.env.DATABASE_URL = url;
  console.log(`Tepat benchmarks — ${os.cpus().length} cores, database ${url.replace(/\/\/.*@/, "//…@")}`);
  const seedDir = path.resolve("data", `bench-seed-${args.households}-${args.seed}`);

  await section("seed-files", async () => {
    const { generateSeedFiles } = await import("../seeds/index.server");
    if (fs.existsSync(path.join(seedDir, "penerima.csv"))) return { cached: seedDir };
    const t0 = Date.now();
    const out = await generateSeedFiles({ households: args.households, seed: args.seed, outDir: seedDir });
    return { households: args.households, seconds: (Date.now() - t0) / 1000, planted: out.plantedCount };
  });

  await section("import", async () => {
    const { benchImport } = await import("./import-bench");
    return benchImport(seedDir);
  });

  await section("web-import", async () => {
    const { benchWebImport } = await import("./web-import");
    return benchWebImport(seedDir);
  });

  await section("indicators", async () => {
    const { benchIndicators } = await import("../analytics/indicators/bench");
    return benchIndicators();
  });

  await section("targeting", async () => {
    const { benchTargeting } = await import("../analytics/targeting/bench");
    return benchTargeting();
  });

  await section("findings-page", async () => {
    const { benchFindingsPage } = await import("./findings-page");
    return benchFindingsPage();
  });

  await section("tiles", async () => {
    const { benchTiles } = await import("../geo/tiles/bench");
    return benchTiles();
  });

  await section("search", async () => {
    const { benchSearch } = await import("./search");
    return benchSearch();
  });

  await section("decree", async () => {
    const { benchDecree } = await import("./decree");
    return benchDecree();
  });

  await section("verval-tasks", async () => {
    const { benchVervalTasks } = await import("./verval-tasks");
    return benchVervalTasks();
  });

  const { closeDatabaseIfOpen } = await import("../db/connection.server");
  await closeDatabaseIfOpen();

  await section("start", async () => {
    if (!fs.existsSync("build/server/index.js") && !fs.existsSync("build/index.js")) {
      throw new Error("run `npm run build` first");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-bench-start-"));
    try {
      const emptyMs = await timeToFirstPage(dir, 3901);
      const existingMs = await timeToFirstPage(dir, 3902);
      return {
        "empty embedded DB → first page (s)": emptyMs / 1000,
        "goal empty (s)": 90,
        "existing embedded DB → first page (s)": existingMs / 1000,
        "goal existing (s)": 15,
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  fs.mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ args, results }, null, 2));
  console.log(`\nResults written to ${file}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
