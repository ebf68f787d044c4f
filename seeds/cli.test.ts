/** The `seed` command's argument handling and its files-only mode (no database writes). */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../tests/db";
import { runSeedCommand } from "./cli.server";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tepat-seed-cli-"));
});
afterAll(async () => {
  await resetData(await testDatabase());
  await rm(tmp, { recursive: true, force: true });
});

describe("npm run tepat -- seed", () => {
  it("rejects bad arguments with exit code 2", async () => {
    expect(await runSeedCommand(["--households", "-5"])).toBe(2);
    expect(await runSeedCommand(["--households", "abc"])).toBe(2);
    expect(await runSeedCommand(["--unknown"])).toBe(2);
    expect(await runSeedCommand(["--seed", "a b"])).toBe(2);
  });

  it("--files-only writes every import file and the ground truth", async () => {
    const out = join(tmp, "files");
    expect(await runSeedCommand(["--households", "300", "--seed", "9", "--out", out, "--files-only"])).toBe(0);
    for (const f of ["wilayah.geojson", "program.csv", "rumah_tangga.csv", "anggota.csv", "penduduk.csv", "penerima.csv", "planted.csv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, "rumah_tangga.csv"), "utf8").trim().split("\n")).toHaveLength(301);
    expect(readFileSync(join(out, "program.csv"), "utf8")).toContain("BLT_DD,BLT Dana Desa,keluarga,dana_desa,PKH");
  });

  it("refuses to seed over existing households unless --reset", async () => {
    const database = await testDatabase();
    await resetData(database);
    const n = async () => (await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM households")).rows[0].n;
    expect(await runSeedCommand(["--households", "200", "--seed", "3", "--out", join(tmp, "db1")])).toBe(0);
    expect(await n()).toBe(200);
    expect(await runSeedCommand(["--households", "150", "--seed", "4", "--out", join(tmp, "db2")])).toBe(3);
    expect(await n()).toBe(200);
    expect(await runSeedCommand(["--households", "150", "--seed", "4", "--out", join(tmp, "db2"), "--reset"])).toBe(0);
    expect(await n()).toBe(150);
    const { rows } = await database.pool.query<{ value: { seed: number } }>("SELECT value FROM dataset_info WHERE key = 'seed'");
    expect(rows[0].value.seed).toBe(4);
  }, 300_000);
});
