/**
 * Cell parsers of the data contract (formats.md "Common rules"): raw cell text → canonical text
 * (what the staging table stores), null for an empty cell, or a CellProblem naming the allowed
 * values. The hot path calls these plain functions: running a different zod schema per column
 * made zod's internals megamorphic and validation ~10x slower (measured 3.9 s vs 0.4 s per 100k
 * households). `cellSchema()` wraps any parser as a zod schema for callers at other boundaries.
 */
import { z } from "zod";

export class CellProblem {
  constructor(
    readonly message: string,
    readonly allowed?: readonly string[],
  ) {}
}

export type CellParser = (raw: string) => string | null | CellProblem;
/** Kept name: a column's cell parser. */
export type CellSchema = CellParser;

/** Runs a cell parser; returns the canonical value or a problem. */
export function parseCell(parser: CellParser, raw: string): { ok: true; value: string | null } | { ok: false; problem: CellProblem } {
  const r = parser(raw);
  return r instanceof CellProblem ? { ok: false, problem: r } : { ok: true, value: r };
}

/** The parser as a zod schema (issue params carry `allowed`). */
export function cellSchema(parser: CellParser): z.ZodType<string | null, string> {
  return z.string().transform((raw, ctx) => {
    const r = parser(raw);
    if (!(r instanceof CellProblem)) return r;
    ctx.addIssue({ code: "custom", message: r.message, params: r.allowed ? { allowed: r.allowed } : undefined });
    return z.NEVER;
  });
}

const fail = (message: string, allowed?: readonly string[]): CellProblem => new CellProblem(message, allowed);

/** Builds a parser from a function over the trimmed, non-empty cell. */
function cell(fn: (v: string) => string | CellProblem): CellParser {
  return (raw) => {
    if (raw === "") return null;
    const v = raw.trim();
    return v === "" ? null : fn(v);
  };
}

export const text = (): CellSchema => cell((v) => v);

/** Header and code variants: case-insensitive, spaces and dashes read as `_`. */
export const normalizeToken = (v: string): string => v.trim().toLowerCase().replace(/[\s-]+/g, "_");

export function codeOf(values: readonly string[]): CellSchema {
  const byToken = new Map(values.map((c) => [normalizeToken(c), c]));
  const exact = new Set(values);
  return cell((v) => (exact.has(v) ? v : (byToken.get(normalizeToken(v)) ?? fail(`nilai "${v}" tidak dikenal`, values))));
}

const integerPattern = /^[+-]?\d+$/;

/** Digits without a sign or leading zero: already canonical, no Number → String round trip. */
const plainInteger = /^(0|[1-9]\d{0,14})$/;

export function integer(min = 0, max = 2_147_483_647): CellSchema {
  return cell((v) => {
    if (plainInteger.test(v)) {
      const n = +v;
      return n < min || n > max ? fail(`${n} di luar rentang ${min}–${max}`) : v;
    }
    if (!integerPattern.test(v)) return fail(`"${v}" bukan bilangan bulat`);
    const n = Number(v);
    if (n < min || n > max) return fail(`${n} di luar rentang ${min}–${max}`);
    return String(n);
  });
}

const decimalPattern = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Decimal number; a decimal comma is accepted (Indonesian spreadsheets). */
export function decimal(min = 0, max = Number.MAX_SAFE_INTEGER): CellSchema {
  return cell((v) => {
    if (!decimalPattern.test(v)) return fail(`"${v}" bukan angka`);
    const n = Number(v.replace(",", "."));
    if (n < min || n > max) return fail(`${n} di luar rentang ${min}–${max}`);
    return String(n);
  });
}

const trueValues = new Set(["1", "ya", "true", "y"]);
const falseValues = new Set(["0", "tidak", "false", "t"]);
export const booleanValues = ["1", "0", "ya", "tidak", "true", "false"] as const;

export const boolean = (): CellSchema =>
  cell((v) => {
    // The common spellings first (most files write 0/1): no lower-casing per cell.
    if (v === "1") return "true";
    if (v === "0") return "false";
    const t = v.toLowerCase();
    if (trueValues.has(t)) return "true";
    if (falseValues.has(t)) return "false";
    return fail(`"${v}" bukan nilai ya/tidak`, booleanValues);
  });

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const dmyDate = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;

/** Returns 'YYYY-MM-DD' when y-m-d is a real calendar date, else null. */
export function realDate(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > days) return null;
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export const dateFormats = ["YYYY-MM-DD", "DD-MM-YYYY", "DD/MM/YYYY"] as const;

export const date = (): CellSchema =>
  cell((v) => {
    let m = isoDate.exec(v);
    let parts: [number, number, number] | null = m ? [+m[1], +m[2], +m[3]] : null;
    if (!parts) {
      m = dmyDate.exec(v);
      if (m) parts = [+m[3], +m[2], +m[1]];
    }
    if (!parts) return fail(`"${v}" bukan tanggal`, dateFormats);
    return realDate(...parts) ?? fail(`"${v}" bukan tanggal yang ada di kalender`, dateFormats);
  });

const excelScientific = /^\d+([.,]\d+)?e\+?\d+$/i;

/** NIK and No. KK: exactly 16 digits, kept as text (leading zeros). */
export function nik16(label: "NIK" | "No. KK"): CellSchema {
  return cell((raw) => {
    // A leading apostrophe is how spreadsheet users force text; it is not part of the value.
    const v = raw.startsWith("'") ? raw.slice(1).trim() : raw;
    if (/^\d{16}$/.test(v)) return v;
    if (excelScientific.test(v))
      return fail(
        `${label} "${v}" telah dirusak Excel menjadi notasi ilmiah (digit terakhir hilang); format kolom sebagai Teks lalu ekspor ulang`,
      );
    if (/^\d+$/.test(v)) return fail(`${label} harus tepat 16 digit, bukan ${v.length} digit`);
    return fail(`${label} "${v}" harus tepat 16 digit angka`);
  });
}

/** Region code length (plain digits) per level. */
export const regionCodeLengths = { provinsi: 2, kabupaten: 4, kecamatan: 6, desa: 10 } as const;

/** Strips the dots of a dotted Kemendagri code; returns null when not digits. */
export function plainRegionCode(v: string): string | null {
  const plain = v.trim().replace(/\./g, "");
  return /^\d+$/.test(plain) ? plain : null;
}

export function regionCode(level: keyof typeof regionCodeLengths): CellSchema {
  const len = regionCodeLengths[level];
  return cell((v) => {
    const plain = plainRegionCode(v);
    if (plain === null || plain.length !== len)
      return fail(`"${v}" bukan kode ${level} (${len} digit, bertitik atau tidak)`);
    return plain;
  });
}

export const periodFormats = ["YYYY", "YYYY-S1", "YYYY-S2", "YYYY-Q1..Q4", "YYYY-MM"] as const;
const periodPattern = /^(\d{4})(?:-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

export const periode = (): CellSchema =>
  cell((v) => {
    const t = v.toUpperCase().replace(/\s+/g, "");
    const m = periodPattern.exec(t);
    if (!m || +m[1] < 1900 || +m[1] > 2200) return fail(`"${v}" bukan periode`, periodFormats);
    return t;
  });

/** Program code: upper case letters, digits and `_` (lower case accepted). */
export const programCode = (): CellSchema =>
  cell((v) => {
    const t = v.toUpperCase().replace(/[\s-]+/g, "_");
    return /^[A-Z0-9_]{1,32}$/.test(t) ? t : fail(`"${v}" bukan kode program (huruf besar, angka, _; maks. 32)`);
  });
