/**
 * Cell parsers of the data contract (formats.md "Common rules"). Each is a zod schema from the raw
 * cell text to its canonical text form (what the staging table stores), or null for an empty
 * cell. A failing cell reports one issue whose message is shown to the user, with the allowed
 * values in `params.allowed` when the column is a code list.
 */
import { z } from "zod";

export type CellSchema = z.ZodType<string | null, string>;

export interface CellProblem {
  message: string;
  allowed?: readonly string[];
}

/** Runs a cell schema; returns the canonical value or a problem. */
export function parseCell(schema: CellSchema, raw: string): { ok: true; value: string | null } | { ok: false; problem: CellProblem } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const params = (issue as { params?: { allowed?: readonly string[] } }).params;
  return { ok: false, problem: { message: issue?.message ?? "nilai tidak valid", allowed: params?.allowed } };
}

type Ctx = z.RefinementCtx<string>;

function fail(ctx: Ctx, message: string, allowed?: readonly string[]): typeof z.NEVER {
  ctx.addIssue({ code: "custom", message, params: allowed ? { allowed } : undefined });
  return z.NEVER;
}

/** Builds a cell schema from a function over the trimmed, non-empty cell. */
function cell(fn: (v: string, ctx: Ctx) => string): CellSchema {
  return z.string().transform((raw, ctx) => {
    const v = raw.trim();
    return v === "" ? null : fn(v, ctx);
  });
}

export const text = (): CellSchema => cell((v) => v);

/** Header and code variants: case-insensitive, spaces and dashes read as `_`. */
export const normalizeToken = (v: string): string => v.trim().toLowerCase().replace(/[\s-]+/g, "_");

export function codeOf(values: readonly string[]): CellSchema {
  const byToken = new Map(values.map((c) => [normalizeToken(c), c]));
  return cell((v, ctx) => byToken.get(normalizeToken(v)) ?? fail(ctx, `nilai "${v}" tidak dikenal`, values));
}

const integerPattern = /^[+-]?\d+$/;

export function integer(min = 0, max = 2_147_483_647): CellSchema {
  return cell((v, ctx) => {
    if (!integerPattern.test(v)) return fail(ctx, `"${v}" bukan bilangan bulat`);
    const n = Number(v);
    if (n < min || n > max) return fail(ctx, `${n} di luar rentang ${min}–${max}`);
    return String(n);
  });
}

const decimalPattern = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Decimal number; a decimal comma is accepted (Indonesian spreadsheets). */
export function decimal(min = 0, max = Number.MAX_SAFE_INTEGER): CellSchema {
  return cell((v, ctx) => {
    if (!decimalPattern.test(v)) return fail(ctx, `"${v}" bukan angka`);
    const n = Number(v.replace(",", "."));
    if (n < min || n > max) return fail(ctx, `${n} di luar rentang ${min}–${max}`);
    return String(n);
  });
}

const trueValues = new Set(["1", "ya", "true", "y"]);
const falseValues = new Set(["0", "tidak", "false", "t"]);
export const booleanValues = ["1", "0", "ya", "tidak", "true", "false"] as const;

export const boolean = (): CellSchema =>
  cell((v, ctx) => {
    const t = v.toLowerCase();
    if (trueValues.has(t)) return "true";
    if (falseValues.has(t)) return "false";
    return fail(ctx, `"${v}" bukan nilai ya/tidak`, booleanValues);
  });

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const dmyDate = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;

/** Returns 'YYYY-MM-DD' when y-m-d is a real calendar date, else null. */
export function realDate(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2200) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export const dateFormats = ["YYYY-MM-DD", "DD-MM-YYYY", "DD/MM/YYYY"] as const;

export const date = (): CellSchema =>
  cell((v, ctx) => {
    let m = isoDate.exec(v);
    let parts: [number, number, number] | null = m ? [+m[1], +m[2], +m[3]] : null;
    if (!parts) {
      m = dmyDate.exec(v);
      if (m) parts = [+m[3], +m[2], +m[1]];
    }
    if (!parts) return fail(ctx, `"${v}" bukan tanggal`, dateFormats);
    return realDate(...parts) ?? fail(ctx, `"${v}" bukan tanggal yang ada di kalender`, dateFormats);
  });

const excelScientific = /^\d+([.,]\d+)?e\+?\d+$/i;

/** NIK and No. KK: exactly 16 digits, kept as text (leading zeros). */
export function nik16(label: "NIK" | "No. KK"): CellSchema {
  return cell((raw, ctx) => {
    // A leading apostrophe is how spreadsheet users force text; it is not part of the value.
    const v = raw.startsWith("'") ? raw.slice(1).trim() : raw;
    if (/^\d{16}$/.test(v)) return v;
    if (excelScientific.test(v))
      return fail(
        ctx,
        `${label} "${v}" telah dirusak Excel menjadi notasi ilmiah (digit terakhir hilang); format kolom sebagai Teks lalu ekspor ulang`,
      );
    if (/^\d+$/.test(v)) return fail(ctx, `${label} harus tepat 16 digit, bukan ${v.length} digit`);
    return fail(ctx, `${label} "${v}" harus tepat 16 digit angka`);
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
  return cell((v, ctx) => {
    const plain = plainRegionCode(v);
    if (plain === null || plain.length !== len)
      return fail(ctx, `"${v}" bukan kode ${level} (${len} digit, bertitik atau tidak)`);
    return plain;
  });
}

export const periodFormats = ["YYYY", "YYYY-S1", "YYYY-S2", "YYYY-Q1..Q4", "YYYY-MM"] as const;
const periodPattern = /^(\d{4})(?:-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

export const periode = (): CellSchema =>
  cell((v, ctx) => {
    const t = v.toUpperCase().replace(/\s+/g, "");
    const m = periodPattern.exec(t);
    if (!m || +m[1] < 1900 || +m[1] > 2200) return fail(ctx, `"${v}" bukan periode`, periodFormats);
    return t;
  });

/** Program code: upper case letters, digits and `_` (lower case accepted). */
export const programCode = (): CellSchema =>
  cell((v, ctx) => {
    const t = v.toUpperCase().replace(/[\s-]+/g, "_");
    return /^[A-Z0-9_]{1,32}$/.test(t) ? t : fail(ctx, `"${v}" bukan kode program (huruf besar, angka, _; maks. 32)`);
  });
