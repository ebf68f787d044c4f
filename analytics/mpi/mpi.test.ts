/**
 * The Alkire–Foster textbook example (Alkire & Foster 2011, four persons, four equally weighted
 * dimensions), worked by hand:
 *   g0 = p1 [0 0 0 0] c=0 · p2 [1 0 1 1] c=3/4 · p3 [1 1 1 1] c=1 · p4 [0 1 1 0] c=2/4
 *   k = 2/4 → poor p2, p3, p4: H = 3/4, A = (3+4+2)/12 = 3/4, M0 = 9/16 = 0.5625;
 *   censored headcounts (2/4, 2/4, 3/4, 2/4); contributions w·h/M0 = (2/9, 2/9, 3/9, 2/9).
 */
import { describe, expect, it } from "vitest";
import { defaultMpiConfig, MpiConfigSchema, mpiIndicatorIds, type MpiConfig } from "./config";
import { addSums, computeMpi, mpiFromSums, mpiSums, type MpiUnit } from "./mpi";

const [d1, d2, d3, d4] = ["lama_sekolah", "partisipasi_sekolah", "penyakit_kronis", "disabilitas_berat"] as const;
const equal4 = (k: number): MpiConfig => ({
  k,
  weights: { ...Object.fromEntries(mpiIndicatorIds.map((id) => [id, 0])), [d1]: 0.25, [d2]: 0.25, [d3]: 0.25, [d4]: 0.25 } as MpiConfig["weights"],
});
const people: MpiUnit[] = [
  { deprived: {} },
  { deprived: { [d1]: true, [d3]: true, [d4]: true } },
  { deprived: { [d1]: true, [d2]: true, [d3]: true, [d4]: true } },
  { deprived: { [d2]: true, [d3]: true, [d4]: null } },
];

describe("Alkire–Foster", () => {
  it("textbook example, k = 2/4", () => {
    const r = computeMpi(people, equal4(0.5));
    expect([r.n, r.q]).toEqual([4, 3]);
    expect(r.H).toBeCloseTo(0.75, 12);
    expect(r.A).toBeCloseTo(0.75, 12);
    expect(r.M0).toBeCloseTo(9 / 16, 12);
    expect([d1, d2, d3, d4].map((d) => r.censoredHeadcount[d])).toEqual([0.5, 0.5, 0.75, 0.5]);
    [2 / 9, 2 / 9, 3 / 9, 2 / 9].forEach((c, i) => expect(r.contribution[[d1, d2, d3, d4][i]]).toBeCloseTo(100 * c, 9));
    expect(r.contribution.listrik).toBe(0);
  });

  it("intersection (k = 1) and union (k = 1/4) approaches", () => {
    const inter = computeMpi(people, equal4(1));
    expect([inter.q, inter.H, inter.A, inter.M0]).toEqual([1, 0.25, 1, 0.25]);
    // Union: every deprived person is poor; censored = uncensored.
    const union = computeMpi(people, equal4(0.25));
    expect(union.q).toBe(3);
    expect(union.censoredHeadcount).toEqual(union.uncensoredHeadcount);
  });

  it("censoring: a deprivation of a non-poor person leaves M0 unchanged", () => {
    const r = computeMpi([...people, { deprived: { [d1]: true } }], equal4(0.5));
    expect(r.uncensoredHeadcount[d1]).toBeCloseTo(3 / 5, 12);
    expect(r.censoredHeadcount[d1]).toBeCloseTo(2 / 5, 12);
    expect(r.M0).toBeCloseTo(9 / 4 / 5, 12);
  });

  it("household weights equal repeating members, and sums add up across areas", () => {
    const weighted = computeMpi([{ weight: 3, deprived: people[2].deprived }, { weight: 1, deprived: {} }], equal4(0.5));
    const repeated = computeMpi([people[2], people[2], people[2], people[0]], equal4(0.5));
    expect(weighted).toEqual(repeated);
    const c = equal4(0.5);
    const joined = mpiFromSums(addSums(mpiSums(people.slice(0, 2), c), mpiSums(people.slice(2), c)), c);
    expect(joined).toEqual(computeMpi(people, c));
  });

  it("a score of exactly k in floating point (6 × 1/18 = 1/3) is poor", () => {
    const six = { bahan_bakar: true, sanitasi: true, air_minum: true, listrik: true, rumah: true, aset: true };
    expect(computeMpi([{ deprived: six }], defaultMpiConfig).q).toBe(1);
    expect(computeMpi([{ deprived: { ...six, aset: false } }], defaultMpiConfig).q).toBe(0);
  });

  it("empty population: figures unknown, not zero", () => {
    const r = computeMpi([], defaultMpiConfig);
    expect([r.H, r.A, r.M0]).toEqual([null, null, null]);
  });
});

describe("MpiConfigSchema", () => {
  it("accepts the domain.md defaults (weights 1/3 per dimension, k = 1/3)", () => {
    expect(MpiConfigSchema.parse(defaultMpiConfig)).toEqual(defaultMpiConfig);
    const w = defaultMpiConfig.weights;
    expect(w.lama_sekolah + w.partisipasi_sekolah).toBeCloseTo(1 / 3, 15);
    expect(w.penyakit_kronis + w.disabilitas_berat).toBeCloseTo(1 / 3, 15);
  });

  it("rejects weights not summing to 1 within 1e-9, and k outside (0, 1]", () => {
    const w = { ...defaultMpiConfig.weights };
    expect(MpiConfigSchema.safeParse({ k: 0.3, weights: { ...w, aset: w.aset + 1e-10 } }).success).toBe(true);
    expect(MpiConfigSchema.safeParse({ k: 0.3, weights: { ...w, aset: w.aset + 1e-6 } }).success).toBe(false);
    expect(MpiConfigSchema.safeParse({ k: 0, weights: w }).success).toBe(false);
    expect(MpiConfigSchema.safeParse({ k: 1, weights: w }).success).toBe(true);
    expect(MpiConfigSchema.safeParse({ k: 1.01, weights: w }).success).toBe(false);
    expect(MpiConfigSchema.safeParse({ k: 0.5, weights: { ...w, aset: -0.1, rumah: w.rumah + 0.1 + w.aset } }).success).toBe(false);
    expect(MpiConfigSchema.safeParse({ k: 0.5, weights: { ...w, lainnya: 0 } }).success).toBe(false);
  });
});
