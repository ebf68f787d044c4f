import { describe, expect, it } from "vitest";
import { makeNik, maskNik, nikBirthDate, parseNik } from "./nik";

describe("parseNik", () => {
  it("reads a man's NIK", () => {
    const r = parseNik("3508011203850001");
    expect(r).toEqual({
      ok: true,
      nik: {
        provinceCode: "35",
        kabupatenCode: "3508",
        kecamatanCode: "350801",
        sex: "L",
        birthDay: 12,
        birthMonth: 3,
        birthYearTwoDigits: 85,
        serial: "0001",
      },
    });
  });

  it("reads a woman's NIK, day + 40", () => {
    const r = parseNik("3508015203850002");
    expect(r.ok && r.nik.sex).toBe("P");
    expect(r.ok && r.nik.birthDay).toBe(12);
  });

  it.each([
    ["350801120385001", "not_16_digits"],
    ["35080112038500011", "not_16_digits"],
    ["3.5E+15", "not_16_digits"],
    ["35080112038500a1", "not_16_digits"],
    ["9908011203850001", "unknown_province"],
    ["3508013203850001", "invalid_date"], // day 32
    ["3508017203850001", "invalid_date"], // woman, day 32
    ["3508011213850001", "invalid_date"], // month 13
    ["3508013002850001", "invalid_date"], // 30 Feb
    ["3508011203850000", "zero_serial"],
  ])("rejects %s (%s)", (nik, problem) => {
    expect(parseNik(nik)).toEqual({ ok: false, problem });
  });

  it("accepts 29 Feb only in a leap year", () => {
    expect(parseNik("3508012902840001").ok).toBe(true);
    expect(parseNik("3508012902850001").ok).toBe(false);
    expect(parseNik("3508016902000001").ok).toBe(true); // woman born 2000-02-29
  });

  it("keeps leading zeros (no numeric conversion)", () => {
    expect(parseNik("1101010101900001").ok).toBe(true);
  });
});

describe("nikBirthDate", () => {
  it("picks the century that is not in the future", () => {
    const ref = new Date("2026-11-23T00:00:00Z");
    const a = parseNik("3508011203850001");
    const b = parseNik("3508011203150001");
    const c = parseNik("3508011203270001");
    expect(a.ok && nikBirthDate(a.nik, ref)).toBe("1985-03-12");
    expect(b.ok && nikBirthDate(b.nik, ref)).toBe("2015-03-12");
    expect(c.ok && nikBirthDate(c.nik, ref)).toBe("1927-03-12");
  });
});

describe("makeNik", () => {
  it("round-trips through parseNik for both sexes", () => {
    const man = makeNik("350801", "1990-07-05", "L", 17);
    const woman = makeNik("350801", "1990-07-05", "P", 18);
    expect(man).toBe("3508010507900017");
    expect(woman).toBe("3508014507900018");
    const p = parseNik(woman);
    expect(p.ok && p.nik.sex).toBe("P");
    expect(p.ok && nikBirthDate(p.nik)).toBe("1990-07-05");
  });

  it("refuses a serial of 0", () => {
    expect(() => makeNik("350801", "1990-07-05", "L", 0)).toThrow();
  });
});

describe("maskNik", () => {
  it("masks all but the kabupaten and the last two digits", () => {
    expect(maskNik("3508011203850001")).toBe("3508**********01");
  });
});
