/** Cell parsers and CSV header handling of the data contract's common rules. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildingTenures, sexes } from "../codes";
import { detectSeparator, normalizeHeader, openCsv } from "./csv";
import { boolean, cellSchema, codeOf, date, decimal, integer, nik16, parseCell, periode, regionCode, type CellSchema } from "./fields";

const ok = (s: CellSchema, raw: string) => {
  const r = parseCell(s, raw);
  if (!r.ok) throw new Error(`expected ok for ${raw}: ${r.problem.message}`);
  return r.value;
};
const problem = (s: CellSchema, raw: string) => {
  const r = parseCell(s, raw);
  if (r.ok) throw new Error(`expected a problem for ${raw}`);
  return r.problem;
};

describe("cell parsers", () => {
  it("treats an empty cell as unknown (null), never zero", () => {
    expect(ok(integer(), "")).toBeNull();
    expect(ok(boolean(), "  ")).toBeNull();
  });

  it("accepts code variants (case, spaces, dashes) and lists the allowed values otherwise", () => {
    const s = codeOf(buildingTenures);
    expect(ok(s, "MILIK SENDIRI")).toBe("milik_sendiri");
    expect(ok(s, "kontrak-sewa")).toBe("kontrak_sewa");
    expect(ok(codeOf(sexes), "p")).toBe("P");
    expect(problem(s, "pinjam")).toEqual({ message: 'nilai "pinjam" tidak dikenal', allowed: buildingTenures });
  });

  it("reads booleans 1/0, ya/tidak, true/false", () => {
    expect(["1", "Ya", "TRUE", "0", "tidak", "false"].map((v) => ok(boolean(), v))).toEqual(["true", "true", "true", "false", "false", "false"]);
    expect(problem(boolean(), "mungkin").allowed).toContain("ya");
  });

  it("reads three date formats and rejects dates that do not exist", () => {
    expect(ok(date(), "2024-02-29")).toBe("2024-02-29");
    expect(ok(date(), "29-02-2024")).toBe("2024-02-29");
    expect(ok(date(), "1/2/2024")).toBe("2024-02-01");
    expect(problem(date(), "2023-02-29").message).toMatch(/kalender/);
    expect(problem(date(), "2024/02/01").allowed).toEqual(["YYYY-MM-DD", "DD-MM-YYYY", "DD/MM/YYYY"]);
  });

  it("keeps NIK as 16-digit text and explains 15 digits and Excel notation", () => {
    expect(ok(nik16("NIK"), "0108011203800001")).toBe("0108011203800001");
    expect(ok(nik16("NIK"), "'3508011203800001")).toBe("3508011203800001");
    expect(problem(nik16("NIK"), "350801120380000").message).toBe("NIK harus tepat 16 digit, bukan 15 digit");
    expect(problem(nik16("No. KK"), "3.5E+15").message).toMatch(/^No\. KK "3\.5E\+15" telah dirusak Excel/);
    expect(problem(nik16("NIK"), "3,50801E+15").message).toMatch(/Excel/);
  });

  it("reads dotted and plain region codes of the right length", () => {
    expect(ok(regionCode("desa"), "35.08.01.2001")).toBe("3508012001");
    expect(ok(regionCode("desa"), "3508012001")).toBe("3508012001");
    expect(problem(regionCode("desa"), "35.08.01").message).toMatch(/10 digit/);
  });

  it("wraps a parser as a zod schema carrying the allowed values", () => {
    const s = cellSchema(codeOf(sexes));
    expect(s.parse(" l ")).toBe("L");
    const r = s.safeParse("X");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ message: 'nilai "X" tidak dikenal', params: { allowed: sexes } });
  });

  it("reads periods and numbers", () => {
    expect(["2024", "2024-s1", "2024-Q4", "2024-03"].map((v) => ok(periode(), v))).toEqual(["2024", "2024-S1", "2024-Q4", "2024-03"]);
    expect(problem(periode(), "2024-13").allowed).toContain("YYYY-MM");
    expect(ok(decimal(-90, 90), "-8,25")).toBe("-8.25");
    expect(problem(decimal(-90, 90), "91").message).toMatch(/rentang/);
    expect(problem(integer(1, 10), "1.5").message).toMatch(/bilangan bulat/);
  });
});

describe("CSV reading", () => {
  it("normalises header names and detects the separator outside quotes", () => {
    expect(normalizeHeader(" Kode-Desa ")).toBe("kode_desa");
    expect(normalizeHeader("ID RT")).toBe("id_rt");
    expect(detectSeparator('a;b;"c,d,e"')).toBe(";");
    expect(detectSeparator("a,b;c,d")).toBe(",");
  });

  it("streams records with spreadsheet row numbers, a BOM, quotes and a checksum", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tepat-csv-")), "x.csv");
    fs.writeFileSync(file, '\uFEFFID RT;Nama\nA;"Budi; ""B"""\n\nB;Ani\n');
    const csv = await openCsv(file);
    expect(csv.separator).toBe(";");
    expect(csv.header).toEqual(["id_rt", "nama"]);
    const rows = [];
    for await (const r of csv.records) rows.push(r);
    expect(rows).toEqual([
      { row: 2, values: ["A", 'Budi; "B"'] },
      { row: 4, values: ["B", "Ani"] },
    ]);
    expect(csv.checksum()).toMatch(/^[0-9a-f]{64}$/);
  });
});
