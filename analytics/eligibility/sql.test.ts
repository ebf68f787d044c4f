import { describe, expect, it } from "vitest";
import { periodRange } from "./period";
import { EligibilityRuleSchema, ProgramSchema, defaultPrograms, type Program } from "./rule";
import { compileEligibility } from "./sql";

const range = periodRange("2026-S1");
const local: Program = ProgramSchema.parse({
  kode: "BEASISWA_DESA",
  nama: "Beasiswa Desa",
  unit: "individu",
  sumberDana: "dana_desa",
  tidakBolehBersama: ["PIP"],
  rule: { maxDesil: 7, personConditions: [{ kind: "usia_sekolah", min: 13, max: 17 }, { kind: "disabilitas", level: "ringan" }] },
});

describe("compileEligibility", () => {
  it("passes every rule value as a bind parameter", () => {
    const q = compileEligibility(local, range);
    expect(q.values).toEqual(["2026-01-01", 7, 13, 17, ["PIP"], "2026-S1", "realisasi"]);
    expect(q.text).not.toMatch(/\b(13|17|PIP|2026)\b/);
    expect(q.text).toContain("DISTINCT ON (mb.nik)");
    expect(q.text).toContain("disabilitas IN ('ringan', 'berat')");
    expect(q.text).toContain("r.nik = u.nik");
  });

  it("groups family programs by no_kk and requires any member component", () => {
    const pkh = defaultPrograms.find((p) => p.kode === "PKH")!;
    const q = compileEligibility(pkh, range);
    expect(q.text).toContain("GROUP BY mb.no_kk");
    expect(q.text).toMatch(/bool_or\(mb\.hamil IS TRUE OR/);
    expect(q.values).toEqual(["2026-01-01", 4, 0, 6, 7, 18, 60, 150]);
    expect(q.text).not.toContain("recipients");
  });

  it("joins the household indicators only when the rule uses them", () => {
    const rtlh = defaultPrograms.find((p) => p.kode === "RTLH")!;
    expect(compileEligibility(rtlh, range).text).toContain("hh.rtlh IS TRUE");
    expect(compileEligibility(defaultPrograms[1], range).text).not.toContain("hh AS");
  });

  it("rejects rules that are not in the schema before they reach SQL", () => {
    expect(EligibilityRuleSchema.safeParse({ maxDesil: 4, where: "1=1; DROP TABLE households" }).success).toBe(false);
    expect(
      EligibilityRuleSchema.safeParse({ maxDesil: 4, anyMemberComponent: [{ kind: "usia", min: "0 OR 1=1", max: 6 }] }).success,
    ).toBe(false);
    expect(EligibilityRuleSchema.safeParse({ maxDesil: 11 }).success).toBe(false);
  });
});
