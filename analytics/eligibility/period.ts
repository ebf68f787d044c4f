/**
 * Periods of the data contract (formats.md): `YYYY`, `YYYY-S1|S2`, `YYYY-Q1..Q4`, `YYYY-MM`.
 * Ages for a period are taken on its first day; "before the period ended" means on or before
 * its last day.
 */
import { z } from "zod";

export const PeriodeSchema = z
  .string()
  .regex(/^[0-9]{4}(-S[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$/, "periode: YYYY, YYYY-S1|S2, YYYY-Q1..Q4 atau YYYY-MM");

export interface PeriodRange {
  periode: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function periodRange(periode: string): PeriodRange {
  const p = PeriodeSchema.parse(periode);
  const year = Number(p.slice(0, 4));
  const suffix = p.slice(5);
  let first = 1;
  let last = 12;
  if (suffix.startsWith("S")) {
    first = suffix === "S1" ? 1 : 7;
    last = first + 5;
  } else if (suffix.startsWith("Q")) {
    first = (Number(suffix[1]) - 1) * 3 + 1;
    last = first + 2;
  } else if (suffix) {
    first = last = Number(suffix);
  }
  return {
    periode: p,
    start: `${year}-${pad(first)}-01`,
    end: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
  };
}

/** `YYYY-MM` months as rule versions name them (program_rules.berlaku_mulai). */
export const MonthSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, "bulan: YYYY-MM (misalnya 2026-07)");

/** The first month of a period, `YYYY-MM`: the month whose rule version governs the period. */
export function periodStartMonth(periode: string): string {
  return periodRange(periode).start.slice(0, 7);
}
