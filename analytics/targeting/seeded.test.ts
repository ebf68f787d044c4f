/**
 * Ground truth: the seed generator plants every finding kind (seed_planted_findings). Recall
 * (planted ⊆ found) for every kind; precision too (found = planted) for the kinds the generator
 * plants exhaustively (seeds/README.md): exclusion and inclusion plants are only a clear-cut
 * subset of the true gaps, so their precision is not measurable here.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.server";
import { findingKinds, type FindingKind } from "../../db/codes";
import { resetData, testDatabase } from "../../tests/db";
import { seedDatabase, SEED_PERIODE } from "../../seeds/index.server";
import { computeCoverage } from "./coverage.server";
import { runFindings, type RunFindingsResult } from "./findings.server";

const HOUSEHOLDS = 2000;
// The seed plants every finding of these kinds; exclusion/inclusion only clear-cut cases.
const exhaustive: FindingKind[] = findingKinds.filter((k) => k !== "exclusion" && k !== "inclusion");

interface Row {
  jenis: FindingKind;
  program: string | null;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
}

let database: Database;
let tmp: string;
let result: RunFindingsResult;
const units: Record<string, "nik" | "no_kk" | "id_rt"> = {};

/** The identity of a finding as the generator records it (seeds/README.md). */
function key(r: Row): string {
  if (!r.program) return `${r.jenis}:${r.nik}`;
  if (r.jenis === "name_mismatch" || r.jenis === "deceased" || r.jenis === "moved") return `${r.jenis}:${r.program}:${r.nik}`;
  return `${r.jenis}:${r.program}:${r[units[r.program]]}`;
}

async function keys(table: "findings" | "seed_planted_findings", jenis: FindingKind): Promise<Set<string>> {
  const { rows } = await database.pool.query<Row>(
    `SELECT jenis, program, nik, no_kk, id_rt FROM ${table} WHERE jenis = $1`,
    [jenis],
  );
  return new Set(rows.map(key));
}

beforeAll(async () => {
  database = await testDatabase();
  tmp = await mkdtemp(join(tmpdir(), "tepat-h5-seed-"));
  await resetData(database);
  await seedDatabase({ households: HOUSEHOLDS, seed: 11, outDir: join(tmp, "seed"), database });
  const { rows } = await database.pool.query<{ kode: string; unit: string }>(`SELECT kode, unit FROM programs`);
  for (const r of rows) units[r.kode] = r.unit === "individu" ? "nik" : r.unit === "keluarga" ? "no_kk" : "id_rt";
  result = await runFindings({ periode: SEED_PERIODE }, database);
}, 300_000);

afterAll(async () => {
  await resetData(database);
  await rm(tmp, { recursive: true, force: true });
});

describe(`findings on a ${HOUSEHOLDS}-household seed`, () => {
  it("plants every kind", async () => {
    for (const jenis of findingKinds) expect((await keys("seed_planted_findings", jenis)).size, jenis).toBeGreaterThan(0);
  });

  it.each(findingKinds)("finds every planted %s (recall 1.0)", async (jenis) => {
    const planted = await keys("seed_planted_findings", jenis);
    const found = await keys("findings", jenis);
    expect([...planted].filter((k) => !found.has(k))).toEqual([]);
  });

  it.each(exhaustive)("finds nothing but the planted %s (precision 1.0)", async (jenis) => {
    const planted = await keys("seed_planted_findings", jenis);
    const found = await keys("findings", jenis);
    expect([...found].filter((k) => !planted.has(k))).toEqual([]);
  });

  it("agrees with the coverage report on exclusions and inclusions", async () => {
    const kab = await computeCoverage({ periode: SEED_PERIODE, tingkat: "kabupaten" }, database);
    const { rows } = await database.pool.query<{ program: string; jenis: string; n: number }>(
      `SELECT program, jenis::text, count(*)::int AS n FROM findings
       WHERE jenis IN ('exclusion','inclusion','not_in_dtks') GROUP BY 1, 2`,
    );
    const n = (program: string, jenis: string) => rows.find((r) => r.program === program && r.jenis === jenis)?.n ?? 0;
    for (const c of kab) {
      expect(c.eligible - c.tepat, `${c.program} exclusion`).toBe(n(c.program, "exclusion"));
      expect(c.penerima - c.tepat, `${c.program} inclusion`).toBe(n(c.program, "inclusion") + n(c.program, "not_in_dtks"));
      expect(c.eligible).toBe(result.eligible[c.program]);
    }
  });
});
