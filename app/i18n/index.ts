/**
 * UI strings. Every area keeps its Bahasa Indonesia dictionary in `app/i18n/id/<area>.ts`; this
 * module re-exports them so routes import from one place (`~/i18n`). English can follow later as
 * `app/i18n/en/<area>.ts` with the same shape, selected by `dictionary(locale)`.
 */
import { admin } from "./id/admin";
import { analisis } from "./id/analisis";
import { aturan } from "./id/aturan";
import { auth } from "./id/auth";
import { common } from "./id/common";
import { data } from "./id/data";
import { home } from "./id/home";
import { imports } from "./id/imports";
import { households, codeLabel } from "./id/households";
import { pages } from "./id/pages";
import { peta } from "./id/peta";
import { wilayah } from "./id/wilayah";
import { vervalTugas } from "./id/verval-tugas";
import { vervalDaftar } from "./id/verval-daftar";
import { vervalPenetapan } from "./id/verval-penetapan";

export { admin, analisis, aturan, auth, codeLabel, common, data, home, households, imports, pages, peta, wilayah, vervalTugas, vervalDaftar, vervalPenetapan };

export const id = { admin, analisis, aturan, auth, common, data, home, households, imports, pages, peta, wilayah, vervalTugas, vervalDaftar, vervalPenetapan } as const;
export type Dictionary = typeof id;
export type Locale = "id";

export const defaultLocale: Locale = "id";
/** BCP 47 tag for Intl number/date formatting. */
export const intlLocale = "id-ID";

export function dictionary(_locale: Locale = defaultLocale): Dictionary {
  return id;
}

/**
 * Fill `{name}` placeholders: t("{n} rumah tangga", { n: "1.234" }). Missing values stay visible
 * as `{name}` so a forgotten parameter shows up in review rather than as an empty string.
 */
export function t(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

const numberFormat = new Intl.NumberFormat(intlLocale);
/** 12345.6 → "12.345,6" (id-ID grouping). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

const dateTimeFormat = new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Jakarta" });
/** An ISO timestamp in WIB, e.g. "23 November 2026 pukul 16.20". */
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(typeof value === "string" ? new Date(value) : value);
}

/** 12.34 → "12,3%"; null → "–" (unknown, never 0). */
export function formatPercent(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : `${v.toLocaleString(intlLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** "Kecamatan Sukodono", but "Kabupaten Lumajang" (not "Kabupaten Kabupaten …") when the name carries the level word. */
export function withLevelWord(word: string, name: string): string {
  return !word || name.toLowerCase().startsWith(word.toLowerCase()) ? name : `${word} ${name}`;
}
