/** Reading boundary features: code/name properties, levels and per-feature problems. */
import { describe, expect, it } from "vitest";
import { dottedCode, parentCode, readFeature } from "./features";

const square = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

describe("boundary features", () => {
  it("takes the code and name from the contract's property names, BIG's included", () => {
    const r = readFeature({ type: "Feature", properties: { KDCPUM: "35.08.01", WADMKC: "Tempursari" }, geometry: square }, 3, {});
    expect(r).toMatchObject({ ok: true, value: { row: 3, code: "350801", level: "kecamatan", name: "Tempursari" } });
  });

  it("uses the user's property names when given", () => {
    const r = readFeature({ type: "Feature", properties: { ID: "3508", NAMOBJ: "Lumajang" }, geometry: square }, 1, { codeProperty: "ID", nameProperty: "NAMOBJ" });
    expect(r).toMatchObject({ ok: true, value: { code: "3508", level: "kabupaten", name: "Lumajang" } });
  });

  it("reports a bad code, a missing name and a non-polygon geometry", () => {
    const r = readFeature({ type: "Feature", properties: { kode: "35.0" }, geometry: { type: "Point", coordinates: [0, 0] } }, 7, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.column)).toEqual(["kode", "nama|name|WADMKD|WADMKC|WADMKK", "geometry"]);
    expect(r.problems[0].row).toBe(7);
  });

  it("derives parent codes and dotted codes", () => {
    expect(parentCode("3508012001")).toBe("350801");
    expect(parentCode("350801")).toBe("3508");
    expect(parentCode("35")).toBeNull();
    expect(dottedCode("3508012001")).toBe("35.08.01.2001");
  });
});
