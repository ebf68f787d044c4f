import { describe, expect, it } from "vitest";
import { periodRange } from "./period";

describe("periodRange", () => {
  it("gives the first and last day of every period form", () => {
    expect(periodRange("2026")).toEqual({ periode: "2026", start: "2026-01-01", end: "2026-12-31" });
    expect(periodRange("2026-S1")).toMatchObject({ start: "2026-01-01", end: "2026-06-30" });
    expect(periodRange("2026-S2")).toMatchObject({ start: "2026-07-01", end: "2026-12-31" });
    expect(periodRange("2026-Q3")).toMatchObject({ start: "2026-07-01", end: "2026-09-30" });
    expect(periodRange("2024-02")).toMatchObject({ start: "2024-02-01", end: "2024-02-29" });
    expect(periodRange("2026-02")).toMatchObject({ start: "2026-02-01", end: "2026-02-28" });
  });
  it("rejects other forms", () => {
    expect(() => periodRange("2026-13")).toThrow();
    expect(() => periodRange("26-S1")).toThrow();
    expect(() => periodRange("2026-Q5")).toThrow();
  });
});
