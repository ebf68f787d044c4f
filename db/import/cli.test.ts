/** The import command as a user runs it: a child process, its exit code and its stderr. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import { parseImportArgs } from "./cli.server";

const root = path.resolve(__dirname, "../..");
const fixture = (name: string) => path.join(__dirname, "fixtures", name);

function tepat(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "cli/tepat.ts", ...args], { cwd: root, env: process.env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await resetData(await testDatabase());
});

describe("tepat import", () => {
  it("parses its arguments", () => {
    expect(parseImportArgs(["wilayah", "a.geojson", "--kode-property", "KODE", "--dry-run"])).toEqual({
      kind: "wilayah",
      file: "a.geojson",
      dryRun: true,
      codeProperty: "KODE",
      nameProperty: undefined,
    });
    expect(parseImportArgs(["rumah", "x.csv"])).toMatch(/jenis impor tidak dikenal: rumah/);
    expect(parseImportArgs(["program"])).toMatch(/^Penggunaan/);
  });

  it("exits 1 on a bad file, printing file:row:column errors on stderr", async () => {
    const r = tepat("import", "rumah_tangga", fixture("bad-code.csv"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad-code.csv:3:lantai: nilai "plastik" tidak dikenal (allowed: marmer_granit,');
    expect(r.stderr).toMatch(/Impor dibatalkan: 1 kesalahan/);
  });

  it("exits 0 with a one-line summary and progress on stderr", async () => {
    const r = tepat("import", "program", fixture("program.csv"));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^program: 6 baris — 6 baru, 0 diperbarui, 0 tidak berubah/);
    expect(r.stderr).toMatch(/baris\/detik/);
    const db = await testDatabase();
    const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM programs");
    expect(rows[0].n).toBe(6);
  });
});
