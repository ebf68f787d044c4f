/**
 * `benchFindingsPage()`: the findings list page for one desa (/analisis/temuan?desa=…), measured
 * through its real loader body (`loadTemuanPage`, what the route's loader returns as JSON) with a
 * real session of a desa operator: program list, counts per kind, one page of 50 findings and the
 * desa options, plus JSON serialisation. The desa with the most findings; requests cycle through
 * every program with findings, first and a later page. Goal: p95 < 150 ms (issue 5).
 */
import { createAccount, createSession } from "../db/accounts/accounts.server";
import { getDatabase } from "../db/connection.server";
import { serializeSessionCookie } from "../app/auth/session.server";
import { loadTemuanPage } from "../app/routes/analisis_.temuan/data.server";

const SAMPLES = 60;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function benchFindingsPage(): Promise<Record<string, unknown>> {
  const db = await getDatabase();
  const { rows: top } = await db.pool.query<{ kode_desa: string; periode: string; n: number }>(
    `SELECT kode_desa, periode, count(*)::int AS n FROM findings
      WHERE kode_desa IS NOT NULL AND program IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
  );
  if (!top.length) return { skipped: "no findings (run the targeting section first)" };
  const { kode_desa: desa, periode } = top[0];
  const { rows: programs } = await db.pool.query<{ program: string; n: number }>(
    `SELECT program, count(*)::int AS n FROM findings WHERE kode_desa = $1 AND periode = $2 AND program IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [desa, periode],
  );
  const username = `bench.desa.${Date.now()}`;
  const account = await createAccount(db.pool, { username, displayName: "Bench desa", password: "bench-findings-2026", role: "desa", scopeCode: desa });
  try {
    const cookie = (await serializeSessionCookie(await createSession(db.pool, account.id))).split(";")[0]!;
    const url = (i: number) => {
      const p = programs[i % programs.length];
      const page = i % 2 === 0 ? 1 : Math.max(1, Math.ceil(p.n / 50 / 2));
      return `http://localhost/analisis/temuan?program=${p.program}&periode=${periode}&desa=${desa}&hal=${page}`;
    };
    const run = async (i: number) => {
      const t0 = performance.now();
      const data = await loadTemuanPage(new Request(url(i), { headers: { Cookie: cookie } }));
      const bytes = JSON.stringify(data).length;
      return { ms: performance.now() - t0, bytes, rows: data.empty ? 0 : (data.rows?.length ?? 0) };
    };
    for (let i = 0; i < 3; i++) await run(i); // warm-up: connections, plans
    const samples: { ms: number; bytes: number; rows: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await run(i));
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    return {
      desa,
      periode,
      findings_in_desa: programs.reduce((a, p) => a + p.n, 0),
      programs: programs.length,
      requests: SAMPLES,
      median_ms: Math.round(percentile(ms, 50) * 10) / 10,
      p95_ms: Math.round(percentile(ms, 95) * 10) / 10,
      max_ms: Math.round(ms[ms.length - 1] * 10) / 10,
      "goal p95 (ms)": 150,
      rows_per_page: Math.max(...samples.map((s) => s.rows)),
      json_kb: Math.round(Math.max(...samples.map((s) => s.bytes)) / 1024),
    };
  } finally {
    await db.pool.query(`DELETE FROM sessions WHERE account_id = $1`, [account.id]).catch(() => {});
    await db.pool.query(`DELETE FROM accounts WHERE id = $1`, [account.id]).catch(() => {});
  }
}
