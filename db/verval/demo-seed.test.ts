/**
 * The demo registrations: on a small seeded database they cover every status and both match
 * kinds, go through the module API (events and tasks exist), run once, and are deterministic.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../seeds/index.server";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../connection.server";
import { seedDemoApplications } from "./demo-seed.server";

let db: Database;
let tmp: string;

beforeAll(async () => {
  db = await testDatabase();
  tmp = await mkdtemp(join(tmpdir(), "tepat-verval-demo-"));
  await resetData(db);
  await seedDatabase({ households: 1000, seed: 3, outDir: tmp, database: db });
}, 300_000);
afterAll(async () => {
  await resetData(db);
  await rm(tmp, { recursive: true, force: true });
});

const snapshot = async () =>
  (
    await db.pool.query(
      `SELECT id, status, match, channel, kode_desa, nik_kepala, id_rt, override_eligible,
              (SELECT count(*)::int FROM application_events e WHERE e.application_id = a.id) AS events
         FROM applications a ORDER BY id`,
    )
  ).rows;

describe("seedDemoApplications", () => {
  it("creates every status and both match kinds, once, the same way each time", async () => {
    expect(await seedDemoApplications(db.pool, 24)).toBe(24);
    const first = await snapshot();
    expect(new Set(first.map((r) => r.status))).toEqual(new Set(["draft", "submitted", "verified", "rejected", "approved", "proposed", "decreed"]));
    expect(new Set(first.map((r) => r.match))).toEqual(new Set(["baru", "terdaftar"]));
    expect(first.some((r) => r.override_eligible === true)).toBe(true);
    // The demo desa operator's desa (first desa of the first kecamatan) holds half.
    const { rows } = await db.pool.query(
      `SELECT min(code) AS code FROM regions WHERE level = 'desa' AND left(code, 6) = (SELECT min(code) FROM regions WHERE level = 'kecamatan')`,
    );
    expect(first.filter((r) => r.kode_desa === rows[0].code).length).toBeGreaterThanOrEqual(12);
    // Every submitted application has its verification task.
    const tasks = await db.pool.query(
      `SELECT count(*)::int AS n FROM applications a WHERE a.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM verification_tasks t WHERE t.application_id = a.id)`,
    );
    expect(tasks.rows[0].n).toBe(0);
    expect(await seedDemoApplications(db.pool, 24)).toBe(0);

    await db.pool.query("TRUNCATE applications, application_events, verification_tasks RESTART IDENTITY CASCADE");
    expect(await seedDemoApplications(db.pool, 24)).toBe(24);
    expect(await snapshot()).toEqual(first);
  });
});
