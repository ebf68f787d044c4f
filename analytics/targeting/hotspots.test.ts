import { describe, expect, it } from "vitest";
import { benjaminiHochberg, giStar } from "./hotspots";

describe("giStar", () => {
  it("matches a hand computation on a line of five areas", () => {
    // x = 1..5, x̄ = 3, S = √(55/5 − 9) = √2. End area: Σwx = 3, Σw = 2 → (3 − 6) / (√2 · √((10 − 4)/4)) = −√3.
    const line = [1, 2, 3, 4, 5].map((v, i) => ({
      id: `d${i}`,
      value: v,
      neighbours: [i - 1, i + 1].filter((j) => j >= 0 && j < 5).map((j) => `d${j}`),
    }));
    const r = giStar(line);
    expect(r[0].z).toBeCloseTo(-Math.sqrt(3), 10);
    expect(r[2].z).toBeCloseTo(0, 10);
    expect(r[4].z).toBeCloseTo(Math.sqrt(3), 10);
    // p for |z| = √3 is 0.0833: not significant.
    expect(r[4].p).toBeCloseTo(0.0833, 3);
    expect(r.every((x) => x.kelas === "tidak_signifikan")).toBe(true);
  });

  it("finds a hot corner and a cold corner on a 6×6 grid", () => {
    const size = 6;
    const id = (r: number, c: number) => `${r}-${c}`;
    const areas = [];
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const neighbours: string[] = [];
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr;
            const cc = c + dc;
            if ((dr || dc) && rr >= 0 && cc >= 0 && rr < size && cc < size) neighbours.push(id(rr, cc));
          }
        // High exclusion in the top-left 3×3 block, low in the bottom-right block.
        const value = r < 3 && c < 3 ? 90 : r >= 3 && c >= 3 ? 5 : 40;
        areas.push({ id: id(r, c), value, neighbours });
      }
    }
    const res = new Map(giStar(areas).map((x) => [x.id, x]));
    expect(res.get("0-0")?.kelas).toBe("panas");
    expect(res.get("5-5")?.kelas).toBe("dingin");
    expect(res.get("0-5")?.kelas).toBe("tidak_signifikan");
  });

  it("gives no z for a constant map", () => {
    const r = giStar([
      { id: "a", value: 3, neighbours: ["b"] },
      { id: "b", value: 3, neighbours: ["a"] },
    ]);
    expect(r.map((x) => x.z)).toEqual([null, null]);
  });
});

describe("benjaminiHochberg", () => {
  it("adjusts p-values monotonically", () => {
    // Sorted 0.01, 0.03, 0.04, 0.2 (m = 4): 0.2·4/4 = 0.2; 0.04·4/3 = 0.0533; min(0.0533, 0.03·4/2); min(…, 0.01·4).
    const q = benjaminiHochberg([0.01, 0.04, 0.03, null, 0.2]);
    expect(q[3]).toBeNull();
    [0.04, 0.16 / 3, 0.16 / 3, null, 0.2].forEach((v, i) => v !== null && expect(q[i]).toBeCloseTo(v, 12));
  });
});
