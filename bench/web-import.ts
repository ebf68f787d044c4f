/**
 * Web import vs CLI importer on the same seed files, in the same run (goal: web rows/s ≥ 0.8 × CLI).
 *
 * CLI side: `importFile` in this process, the code the CLI runs, timed by the importer itself
 * (durationMs, no process start). Web side: a running built app (`scripts/start.ts --no-build`
 * against the same PostgreSQL database) taking each file as a real multipart HTTP upload to
 * /data/impor, then polled on /data/impor/status/:id every 200 ms until the job is done; timed
 * from the first byte sent to the first poll that sees the job done (upload, parsing the
 * multipart body to disk, the import, and polling latency). Both start from empty dataset tables.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAccount } from "../db/accounts/accounts.server";
import { getDatabase, type Database } from "../db/connection.server";
import { datasetTables } from "../db/data-tables";
import { importFile } from "../db/import/index.server";
import { rollbackBatch } from "../db/import/rollback.server";
import { benchFiles } from "./import-bench";

const PORT = 3911;
const USER = "bench.impor";
const PASSWORD = "bench-impor-2026";
const round = (n: number) => Math.round(n);

async function emptyDatasets(database: Database): Promise<void> {
  await database.pool.query(`TRUNCATE ${datasetTables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build", "--no-seed", "--port", String(PORT)], {
    env: { ...process.env, TEPAT_DATA_DIR: dataDir, PORT: String(PORT), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${PORT}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() - started > 180_000) throw new Error(`app did not answer in 180 s: ${stderr}`);
    try {
      if ((await fetch(`${base}/masuk`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/masuk`, {
    method: "POST",
    body: new URLSearchParams({ username: USER, password: PASSWORD, ke: "/data/impor" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0];
}

interface WebOutcome {
  seconds: number;
  serverSeconds: number;
  rows: number;
}

async function webImport(base: string, cookie: string, kind: string, file: string): Promise<WebOutcome> {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", await fs.openAsBlob(file), path.basename(file));
  const started = performance.now();
  // `_data` asks Remix for the action's JSON (what useFetcher does), not the rendered page.
  const res = await fetch(`${base}/data/impor?_data=routes%2Fdata_.impor`, { method: "POST", body: form, headers: { Cookie: cookie } });
  if (!res.ok) throw new Error(`upload ${kind}: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const s = await fetch(`${base}/data/impor/status/${jobId}`, { headers: { Cookie: cookie } });
    if (!s.ok) continue;
    const status = (await s.json()) as { state: string; message: string | null; result: { rowsTotal: number; durationMs: number } | null };
    if (status.state === "running") continue;
    if (status.state !== "done" || !status.result) throw new Error(`web import ${kind} failed: ${status.message}`);
    return { seconds: (performance.now() - started) / 1000, serverSeconds: status.result.durationMs / 1000, rows: status.result.rowsTotal };
  }
}

export async function benchWebImport(dir: string): Promise<Record<string, unknown>> {
  const database = await getDatabase();
  const files = benchFiles.map(([kind, name]) => [kind, path.join(dir, name)] as const).filter(([, f]) => fs.existsSync(f));
  const figures: Record<string, unknown> = {};

  // CLI path.
  await emptyDatasets(database);
  const cli: Record<string, { rows: number; seconds: number }> = {};
  for (const [kind, file] of files) {
    const r = await importFile(database, { kind, filePath: file, importedBy: "cli" });
    cli[kind] = { rows: r.rowsTotal, seconds: r.durationMs / 1000 };
  }

  // Web path, same files, from empty tables again.
  await emptyDatasets(database);
  await database.pool.query("DELETE FROM accounts WHERE username = $1", [USER]);
  await createAccount(database.pool, { username: USER, displayName: "Bench", password: PASSWORD, role: "admin" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-bench-web-"));
  const { child, base } = await startServer(dataDir);
  let webRows = 0;
  let webSeconds = 0;
  let cliRows = 0;
  let cliSeconds = 0;
  try {
    const cookie = await signIn(base);
    for (const [kind, file] of files) {
      const w = await webImport(base, cookie, kind, file);
      const c = cli[kind];
      const webRate = w.rows / Math.max(w.seconds, 1e-3);
      const cliRate = c.rows / Math.max(c.seconds, 1e-3);
      figures[`${kind}_rows`] = w.rows;
      figures[`${kind}_cli_rows_per_s`] = round(cliRate);
      figures[`${kind}_web_rows_per_s`] = round(webRate);
      figures[`${kind}_web_server_job_s`] = Number(w.serverSeconds.toFixed(2));
      figures[`${kind}_web_total_s`] = Number(w.seconds.toFixed(2));
      figures[`${kind}_ratio_web_vs_cli`] = Number((webRate / cliRate).toFixed(3));
      if (kind === "wilayah") continue;
      webRows += w.rows;
      webSeconds += w.seconds;
      cliRows += c.rows;
      cliSeconds += c.seconds;
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.pool.query("DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE username = $1)", [USER]);
    await database.pool.query("DELETE FROM accounts WHERE username = $1", [USER]);
  }
  Object.assign(figures, await benchRollback(database, dir));
  figures.total_cli_rows_per_s = round(cliRows / cliSeconds);
  figures.total_web_rows_per_s = round(webRows / webSeconds);
  figures.total_ratio_web_vs_cli = Number((webRows / webSeconds / (cliRows / cliSeconds)).toFixed(3));
  figures.goal_ratio = 0.8;
  return figures;
}

/** rumah_tangga.csv with every desil changed (n → n mod 10 + 1, empty → 1): a re-import updates every row. */
async function changedHouseholds(dir: string): Promise<string> {
  const out = path.join(os.tmpdir(), `tepat-bench-rt-changed-${process.pid}.csv`);
  const lines = fs.readFileSync(path.join(dir, "rumah_tangga.csv"), "utf8").split("\n");
  const col = lines[0].split(",").indexOf("desil");
  if (col < 0 || lines.some((l) => l.includes('"'))) throw new Error("unexpected rumah_tangga.csv shape");
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const cells = lines[i].split(",");
    cells[col] = String(((Number(cells[col]) || 0) % 10) + 1);
    lines[i] = cells.join(",");
  }
  fs.writeFileSync(out, lines.join("\n"));
  return out;
}

/**
 * What rollback costs at this size: a re-import that updates every household with the
 * before-image trigger on vs off (same file, same starting rows), the before-images' size, and
 * the rollback itself (restore every row).
 */
export async function benchRollback(database: Database, dir: string): Promise<Record<string, unknown>> {
  const file = await changedHouseholds(dir);
  try {
    const withCapture = await importFile(database, { kind: "rumah_tangga", filePath: file, importedBy: "bench" });
    const { rows } = await database.pool.query<{ n: number; mb: number }>(
      `SELECT count(*)::int AS n, round(sum(pg_column_size(before) + pg_column_size(row_key)) / 1048576.0)::int AS mb FROM import_batch_rows WHERE batch_id = $1`,
      [withCapture.batchId],
    );
    const t0 = performance.now();
    const undone = await rollbackBatch(database, { batchId: withCapture.batchId!, actor: "bench", accountId: null });
    const rollbackSeconds = (performance.now() - t0) / 1000;
    await database.pool.query("ALTER TABLE households DISABLE TRIGGER households_import_before");
    let without;
    try {
      without = await importFile(database, { kind: "rumah_tangga", filePath: file, importedBy: "bench" });
    } finally {
      await database.pool.query("ALTER TABLE households ENABLE TRIGGER households_import_before");
    }
    // Back to the file's values, as the web path left them.
    await database.pool.query("UPDATE import_batches SET rolled_back_at = now() WHERE id = $1", [without.batchId]);
    await importFile(database, { kind: "rumah_tangga", filePath: path.join(dir, "rumah_tangga.csv"), importedBy: "bench" });
    return {
      rollback_update_rows: withCapture.rowsUpdated,
      rollback_update_with_before_images_s: Number((withCapture.durationMs / 1000).toFixed(2)),
      rollback_update_without_before_images_s: Number((without.durationMs / 1000).toFixed(2)),
      rollback_capture_overhead: Number((withCapture.durationMs / without.durationMs - 1).toFixed(3)),
      rollback_before_images: rows[0].n,
      rollback_before_images_mb: rows[0].mb,
      rollback_restore_s: Number(rollbackSeconds.toFixed(2)),
      rollback_restored_rows: undone.restored.households ?? 0,
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
