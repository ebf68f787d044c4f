import { describe, expect, it } from "vitest";
import { classIndex, classify } from "./breaks";
import { noDataColor, palette, paletteNames } from "./palettes";

describe("classify", () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("equal interval splits the range evenly", () => {
    const c = classify(oneToTen, "equal", 3);
    expect(c.edges).toEqual([1, 4, 7, 10]);
    expect(c.counts).toEqual([3, 3, 4]);
  });

  it("quantile puts about the same number of values in each class", () => {
    const c = classify([...oneToTen, 11, 12], "quantile", 4);
    expect(c.classes).toBe(4);
    expect(c.counts).toEqual([3, 3, 3, 3]);
    expect(c.edges[0]).toBe(1);
    expect(c.edges[4]).toBe(12);
  });

  it("jenks finds the natural gaps", () => {
    const values = [1, 2, 3, 20, 21, 22, 100, 101, 102];
    const c = classify(values, "jenks", 3);
    expect(c.edges).toEqual([1, 20, 100, 102]);
    expect(c.counts).toEqual([3, 3, 3]);
  });

  it("merges duplicate edges instead of inventing empty classes", () => {
    const c = classify([0, 0, 0, 0, 0, 0, 5], "quantile", 5);
    expect(c.classes).toBeLessThan(5);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(7);
    const flat = classify([3, 3, 3], "jenks", 4);
    expect(flat.edges).toEqual([3, 3]);
    expect(flat.counts).toEqual([3]);
  });

  it("ignores nulls and NaN; empty input gives no classes", () => {
    expect(classify([null, undefined, NaN], "equal", 5)).toMatchObject({ edges: [], classes: 0 });
    expect(classify([null, 1, 2, 3, 4], "equal", 3).counts).toEqual([1, 1, 2]);
  });

  it("clamps the class count to 3–7", () => {
    expect(classify(oneToTen, "equal", 12).classes).toBe(7);
    expect(classify(oneToTen, "equal", 1).classes).toBe(3);
  });

  it("classIndex: lower edge inclusive, maximum in the last class, null for no value", () => {
    const edges = [0, 10, 20, 30];
    expect(classIndex(0, edges)).toBe(0);
    expect(classIndex(9.99, edges)).toBe(0);
    expect(classIndex(10, edges)).toBe(1);
    expect(classIndex(30, edges)).toBe(2);
    expect(classIndex(null, edges)).toBeNull();
  });
});

describe("palettes", () => {
  it("every palette has k distinct colours for 3–7 classes", () => {
    for (const name of paletteNames) {
      for (let k = 3; k <= 7; k++) {
        const p = palette(name, k);
        expect(p).toHaveLength(k);
        expect(new Set(p).size).toBe(k);
        for (const c of p) expect(c).toMatch(/^#[0-9a-f]{6}$/);
        expect(p).not.toContain(noDataColor);
      }
    }
  });
  it("gives one or two colours when fewer classes exist", () => {
    expect(palette("Blues", 1)).toHaveLength(1);
    expect(palette("Blues", 2)).toHaveLength(2);
  });
});
