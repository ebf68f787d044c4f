/**
 * Verification queue benchmark (issue 7): raising pemadanan tasks on whatever is loaded (the
 * findings of the last run, Dukcapil deaths/moves, households without a location) — first run
 * (inserts) and a second run (idempotent, inserts nothing) — and the queue list as the admin, a
 * kecamatan and a desa operator (p50/p95 of 10 reads each). The raised pemadanan tasks are
 * removed afterwards so the benchmark leaves the data as it found it.
 */
import { performance } from "node:perf_hooks";
import type { Account } from "../db/accounts/accounts.server";
import { getDatabase } from "../db/connection.server";
import { listTasks, raisePemadananTasks } from "../db/verval/tasks.server";

const round = (n: number) => Math.round(n * 10) / 10;
function p(sorted: number[], q: number) {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

export async function benchVervalTasks(): Promise<Record<string, unknown>> {
  const { pool } = await getDatabase();
  await pool.query("DELETE FROM verification_tasks WHERE application_id IS NULL AND source_key IS NOT NULL");
  const { rows: size } = await pool.query<{ households: number; findings: number }>(
    "SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM findings)::int AS findings",
  );
  let t = performance.now();
  const first = await raisePemadananTasks(pool);
  const firstMs = performance.now() - t;
  t = performance.now();
  const again = await raisePemadananTasks(pool);
  const againMs = performance.now() - t;

  const { rows: desa } = await pool.query<{ kode_desa: string }>(
    "SELECT kode_desa FROM verification_tasks GROUP BY kode_desa ORDER BY count(*) DESC LIMIT 1",
  );
  const kode = desa[0]?.kode_desa ?? "3508012001";
  const viewers: Record<string, Account> = {
    admin: { id: 0, username: "bench", displayName: "bench", role: "admin", scopeCode: "" },
    kecamatan: { id: 0, username: "bench", displayName: "bench", role: "kecamatan", scopeCode: kode.slice(0, 6) },
    desa: { id: 0, username: "bench", displayName: "bench", role: "desa", scopeCode: kode },
  };
  const list: Record<string, { p50: number; p95: number }> = {};
  for (const [name, account] of Object.entries(viewers)) {
    const ms: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await listTasks(pool, account);
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    list[name] = { p50: round(p(ms, 0.5)), p95: round(p(ms, 0.95)) };
  }
  await pool.query("DELETE FROM verification_tasks WHERE application_id IS NULL AND source_key IS NOT NULL");
  return {
    households: size[0]!.households,
    findings: size[0]!.findings,
    raised: first.inserted,
    byKind: first.byKind,
    raiseMs: Math.round(firstMs),
    reraiseMs: Math.round(againMs),
    reraiseInserted: again.inserted,
    listMs: list,
  };
}
