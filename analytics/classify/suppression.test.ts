import { describe, expect, it } from "vitest";
import { classify } from "./breaks";
import { mustSuppress, suppress } from "./suppression";

describe("suppression of small areas", () => {
  const rows = [
    { code: "a", value: 40, units: 4 },
    { code: "b", value: 12, units: 5 },
    { code: "c", value: null, units: 0 },
    { code: "d", value: 99, units: 1 },
  ];

  it("hides values from fewer than 5 units for users without personal-data rights", () => {
    const out = suppress(rows, false);
    expect(out.map((r) => r.value)).toEqual([null, 12, null, null]);
    expect(out.map((r) => r.suppressed)).toEqual([true, false, false, true]);
  });

  it("keeps every value for users with personal-data rights", () => {
    expect(suppress(rows, true).map((r) => r.value)).toEqual([40, 12, null, 99]);
  });

  it("boundary: 4 units hidden, 5 shown; an empty area is 'no data', not 'suppressed'", () => {
    expect(mustSuppress(4, false)).toBe(true);
    expect(mustSuppress(5, false)).toBe(false);
    expect(mustSuppress(0, false)).toBe(false);
  });

  it("class edges computed after suppression never reveal the hidden value", () => {
    const c = classify(
      suppress(rows, false).map((r) => r.value),
      "equal",
      3,
    );
    expect(c.edges).not.toContain(99);
    expect(c.edges).not.toContain(40);
  });
});
