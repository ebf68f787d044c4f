/**
 * `benchTargeting()`: times the findings engine and the coverage report on whatever data is
 * loaded (every program, the latest period with recipients), for `npm run bench`.
 */
import { getDatabase } from "../../db/connection.server";
import { computeCoverage } from "./coverage.server";
import { runFindings } from "./findings.server";

/**
 * Findings and coverage at every level from one build of E and B (runFindings `coverage`), as
 * refreshTargetingSnapshot does for /analisis: the figure the app actually waits for.
 */
async function combined(periode: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const r = await runFindings({ periode, coverage: ["kabupaten", "kecamatan", "desa"] });
  return {
    combined_findings_coverage_s: Math.round((performance.now() - t0) / 100) / 10,
    /** The rerun compares with the stored rows and writes only what changed. */
    combined_steps_ms: r.steps,
    combined_coverage_rows: r.coverage?.length,
  };
}

export async function benchTargeting(): Promise<Record<string, unknown>> {
  const database = await getDatabase();
  const { rows } = await database.pool.query<{ periode: string | null; households: number; recipients: number }>(
    `SELECT (SELECT max(periode) FROM recipients WHERE tahap = 'realisasi') AS periode,
            (SELECT count(*)::int FROM households) AS households,
            (SELECT count(*)::int FROM recipients) AS recipients`,
  );
  const { periode, households, recipients } = rows[0];
  if (!periode) return { skipped: "no recipients loaded" };
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const findings = await runFindings({ periode }, database);
  const t1 = performance.now();
  const desa = await computeCoverage({ periode, tingkat: "desa" }, database);
  const t2 = performance.now();
  const all = await computeCoverage({ periode, tingkat: ["kabupaten", "kecamatan", "desa"] }, database);
  const t3 = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a);
  return {
    periode,
    households,
    recipients,
    programs: findings.programs.length,
    findings: findings.counts,
    findings_ms: ms(t0, t1),
    findings_steps_ms: findings.steps,
    coverage_desa_ms: ms(t1, t2),
    coverage_desa_rows: desa.length,
    coverage_all_levels_ms: ms(t2, t3),
    coverage_all_levels_rows: all.length,
    /** The benchmark's figure: all findings plus coverage at every level. */
    findings_and_coverage_s: Math.round((t1 - t0 + t3 - t2) / 100) / 10,
    ...(await combined(periode)),
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    rss_delta_mb: Math.round((process.memoryUsage().rss - rss0) / 2 ** 20),
  };
}
