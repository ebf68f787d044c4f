/** The `seed` command's argument handling and its files-only mode (no database writes). */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeedCommand } from "./cli.server";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tepat-seed-cli-"));
});
afterAll(async () => {
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
});
