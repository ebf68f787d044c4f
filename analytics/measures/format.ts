import type { MeasureDefinition } from "./registry";

const nf0 = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Indonesian number formatting: counts as integers, shares and rates with one decimal. */
export function formatMeasureValue(measure: Pick<MeasureDefinition, "format">, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  if (measure.format === "count") return nf0.format(value);
  return measure.format === "percent" ? `${nf1.format(value)}%` : nf1.format(value);
}
