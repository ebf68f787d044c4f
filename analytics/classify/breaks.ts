/**
 * Class breaks for choropleths: quantile, Jenks natural breaks (simple-statistics `ckmeans`, an
 * optimal 1-D k-means that gives Jenks' breaks) and equal interval, 3–7 classes. Pure functions.
 *
 * Breaks are returned as class edges: `edges[0]` = minimum, `edges[k]` = maximum, class i holds
 * edges[i] ≤ v < edges[i+1] (the last class includes the maximum). Duplicate edges (many equal
 * values) are merged, so the result may hold fewer classes than asked for; the legend shows what
 * is really there.
 */
import { ckmeans, quantileSorted } from "simple-statistics";
import { z } from "zod";
import { maxClasses, minClasses } from "./palettes";

export const classMethods = ["quantile", "jenks", "equal"] as const;
export type ClassMethod = (typeof classMethods)[number];

export const ClassRequestSchema = z.object({
  method: z.enum(classMethods),
  classes: z.number().int().min(minClasses).max(maxClasses),
});

export interface Classification {
  method: ClassMethod;
  /** k + 1 increasing edges; empty when there are no values. */
  edges: number[];
  /** Number of classes actually formed (edges.length − 1, or 0). */
  classes: number;
  /** How many values fell into each class. */
  counts: number[];
}

function finiteSorted(values: ReadonlyArray<number | null | undefined>): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
}

function dedupe(edges: number[]): number[] {
  const out: number[] = [];
  for (const e of edges) if (out.length === 0 || e > out[out.length - 1]) out.push(e);
  return out;
}

function rawEdges(sorted: number[], method: ClassMethod, k: number): number[] {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [min, max];
  switch (method) {
    case "equal":
      return Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + ((max - min) * i) / k));
    case "quantile":
      return Array.from({ length: k + 1 }, (_, i) => (i === 0 ? min : i === k ? max : quantileSorted(sorted, i / k)));
    case "jenks": {
      const distinct = new Set(sorted).size;
      const clusters = ckmeans(sorted, Math.min(k, distinct));
      // Each cluster starts a class; the break sits at the cluster's smallest value.
      return [...clusters.map((c) => c[0]), max];
    }
  }
}

/** Class index (0-based) of `value` for the given edges, or null when there is no value. */
export function classIndex(value: number | null | undefined, edges: readonly number[]): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || edges.length === 0) return null;
  const k = Math.max(1, edges.length - 1);
  if (value <= edges[0]) return 0;
  for (let i = 1; i < k; i++) if (value < edges[i]) return i - 1;
  return k - 1;
}

export function classify(
  values: ReadonlyArray<number | null | undefined>,
  method: ClassMethod,
  classes: number,
): Classification {
  const k = Math.min(maxClasses, Math.max(minClasses, Math.round(classes)));
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return { method, edges: [], classes: 0, counts: [] };
  let edges = dedupe(rawEdges(sorted, method, k));
  // All values equal: a single class [v, v].
  if (edges.length === 1) edges = [edges[0], edges[0]];
  const n = edges.length - 1;
  const counts = new Array<number>(n).fill(0);
  for (const v of sorted) counts[classIndex(v, edges)!]++;
  return { method, edges, classes: n, counts };
}
