/**
 * Turns the additive per-area sums of query.ts into indicator values (pure). Rounding happens
 * only here: shares 0–100 with one decimal, mpi_h/mpi_a in percent with one decimal, mpi_m0 a
 * 0–1 index with three decimals (domain.md section 8).
 */
import { z } from "zod";
import { mpiIndicatorIds, type MpiConfig } from "../mpi/config";
import { emptySums, mpiFromSums, type MpiResult, type MpiSums } from "../mpi/mpi";
import { flagColumn, indicatorCatalogue } from "./catalogue";
import type { Level } from "./query";

export interface IndicatorValue {
  /** Units with the flag (for MPI: q for H, Σ c_i of the poor for A, and for M0). */
  numerator: number;
  /** Units with a known value (null for counts). */
  denominator: number | null;
  /** The reported figure; null when the denominator is 0 (unknown, never 0). */
  value: number | null;
}

export interface AreaIndicators {
  kode: string;
  tingkat: Level;
  nama: string | null;
  jumlahRt: number;
  jumlahKeluarga: number;
  jumlahJiwa: number;
  /** By indicator id (catalogue order). */
  values: Record<string, IndicatorValue>;
  mpi: MpiResult;
}

/** Half-up rounding on decimal digits, stable for the x.5 cases integer ratios produce. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + Number.EPSILON * Math.abs(x * f)) / f;
}

export function sharePct(num: number, den: number): number | null {
  return den > 0 ? roundTo((100 * num) / den, 1) : null;
}

/** Today in Indonesia's western time zone, as YYYY-MM-DD. */
export function todayJakarta(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
}

export const ReferenceDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal harus berbentuk YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "tanggal tidak valid");

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v == null ? 0 : Number(v));

export function mpiSumsFromRow(row: Row): MpiSums {
  const s = emptySums();
  s.n = num(row.jumlah_jiwa);
  s.q = num(row.mpi_q);
  s.sumScorePoor = num(row.mpi_sum_c);
  for (const id of mpiIndicatorIds) {
    s.censored[id] = num(row[`mpi_c_${id}`]);
    s.uncensored[id] = num(row[`mpi_u_${id}`]);
  }
  return s;
}

export function areaFromRow(row: Row, config: MpiConfig): AreaIndicators {
  const mpi = mpiFromSums(mpiSumsFromRow(row), config);
  const values: Record<string, IndicatorValue> = {};
  for (const ind of indicatorCatalogue) {
    const f = flagColumn(ind);
    if (ind.kind === "share") {
      const n = num(row[`${f}__num`]);
      const d = num(row[`${f}__den`]);
      values[ind.id] = { numerator: n, denominator: d, value: sharePct(n, d) };
    } else if (ind.kind === "count") {
      const n = num(row[`${f}__num`]);
      values[ind.id] = { numerator: n, denominator: null, value: n };
    }
  }
  values.mpi_h = { numerator: mpi.q, denominator: mpi.n, value: mpi.H == null ? null : roundTo(100 * mpi.H, 1) };
  values.mpi_a = {
    numerator: mpi.q > 0 ? num(row.mpi_sum_c) : 0,
    denominator: mpi.q,
    value: mpi.A == null ? null : roundTo(100 * mpi.A, 1),
  };
  values.mpi_m0 = { numerator: num(row.mpi_sum_c), denominator: mpi.n, value: mpi.M0 == null ? null : roundTo(mpi.M0, 3) };
  return {
    kode: String(row.kode),
    tingkat: row.tingkat as Level,
    nama: (row.nama as string | null) ?? null,
    jumlahRt: num(row.jumlah_rt),
    jumlahKeluarga: num(row.jumlah_keluarga),
    jumlahJiwa: num(row.jumlah_jiwa),
    values,
    mpi,
  };
}
