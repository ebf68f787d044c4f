/**
 * Targeting snapshots: one findings run also yields coverage for every program and level (same
 * build of E and B); both are stored so /analisis reads a row instead of rebuilding E and B per
 * request. The overlap matrix is counted per household straight from recipients (ids resolved at
 * import), which stays fast even on the embedded database.
 */
import type { Database } from "../../db/connection.server";
import { getDatabase } from "../../db/connection.server";
import type { CoverageRow } from "./coverage.server";
import { runFindings } from "./findings.server";

export interface TargetingSnapshot {
  periode: string;
  computedAt: string;
  coverage: CoverageRow[];
  findingCounts: Record<string, number>;
  ms: number;
}

/** Runs findings for every program of `periode` and stores coverage at all levels with them. */
export async function refreshTargetingSnapshot(periode: string, database?: Database): Promise<TargetingSnapshot> {
  const db = database ?? (await getDatabase());
  const result = await runFindings({ periode, coverage: ["kabupaten", "kecamatan", "desa"] }, db);
  const { rows } = await db.pool.query<{ computedAt: string }>(
    `INSERT INTO targeting_snapshots (periode, tahap, coverage, finding_counts, ms) VALUES ($1, 'realisasi', $2, $3, $4)
     ON CONFLICT (periode, tahap) DO UPDATE SET coverage = EXCLUDED.coverage, finding_counts = EXCLUDED.finding_counts,
       ms = EXCLUDED.ms, computed_at = now()
     RETURNING to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "computedAt"`,
    [periode, JSON.stringify(result.coverage ?? []), JSON.stringify(result.counts), result.ms],
  );
  return { periode, computedAt: rows[0]!.computedAt, coverage: result.coverage ?? [], findingCounts: result.counts, ms: result.ms };
}

export async function readTargetingSnapshot(periode: string, database?: Database): Promise<TargetingSnapshot | null> {
  const db = database ?? (await getDatabase());
  const { rows } = await db.pool.query<TargetingSnapshot>(
    `SELECT periode, to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "computedAt",
            coverage, finding_counts AS "findingCounts", ms
       FROM targeting_snapshots WHERE periode = $1 AND tahap = 'realisasi'`,
    [periode],
  );
  return rows[0] ?? null;
}

export interface HouseholdOverlap {
  programA: string;
  programB: string;
  households: number;
}

/** Households receiving both programs in `periode` (diagonal: households receiving the program). */
export async function householdOverlap(periode: string, database?: Database): Promise<HouseholdOverlap[]> {
  const db = database ?? (await getDatabase());
  const { rows } = await db.pool.query<HouseholdOverlap>(
    `WITH r AS (SELECT DISTINCT program, id_rt FROM recipients WHERE periode = $1 AND tahap = 'realisasi' AND id_rt IS NOT NULL)
     SELECT a.program AS "programA", b.program AS "programB", count(*)::int AS households
       FROM r a JOIN r b ON a.id_rt = b.id_rt GROUP BY 1, 2 ORDER BY 1, 2`,
    [periode],
  );
  return rows;
}
