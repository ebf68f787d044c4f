/**
 * Unique identifiers for synthetic people and families: NIK (`PPKKCC DDMMYY SSSS`, via
 * analytics/nik.ts) and No. KK (kecamatan + issue date + serial). Serials are counted per
 * (kecamatan, sex, date) in typed arrays, so a million people cost a few MB, not a Map.
 */
import { makeNik } from "../analytics/nik";

const DAY_MS = 86_400_000;
export const BASE_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const MAX_DAYS = 46_800; // 1900 … 2028

const isoCache: string[] = [];
/** Days since 1970-01-01 (UTC) ↔ `YYYY-MM-DD`. Cached: a million birth dates would otherwise mean a million Dates. */
export function dayToIso(day: number): string {
  const slot = day - BASE_DAY;
  if (slot < 0 || slot >= MAX_DAYS) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return (isoCache[slot] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}
export const isoToDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

export class IdAllocator {
  private readonly kecIndex = new Map<string, number>();
  private readonly nikSerials: Uint16Array;
  private readonly kkSerials: Uint16Array;

  constructor(readonly kecamatanCodes: readonly string[]) {
    kecamatanCodes.forEach((c, i) => this.kecIndex.set(c, i));
    this.nikSerials = new Uint16Array(kecamatanCodes.length * 2 * MAX_DAYS);
    this.kkSerials = new Uint16Array(kecamatanCodes.length * MAX_DAYS);
  }

  private index(kec: string): number {
    const i = this.kecIndex.get(kec);
    if (i === undefined) throw new Error(`unknown kecamatan ${kec}`);
    return i;
  }

  /** A new, unique, structurally valid NIK for a person born on `birthDay` in kecamatan `kec`. */
  nik(kec: string, birthDay: number, sex: "L" | "P"): string {
    const slot = (this.index(kec) * 2 + (sex === "P" ? 1 : 0)) * MAX_DAYS + (birthDay - BASE_DAY);
    const serial = ++this.nikSerials[slot];
    if (serial > 9999) throw new Error("NIK serials exhausted for one date");
    return makeNik(kec, dayToIso(birthDay), sex, serial);
  }

  /** A new, unique No. KK issued in kecamatan `kec` on `issueDay`. */
  noKk(kec: string, issueDay: number): string {
    const slot = this.index(kec) * MAX_DAYS + (issueDay - BASE_DAY);
    const serial = ++this.kkSerials[slot];
    if (serial > 9999) throw new Error("KK serials exhausted for one date");
    const [y, m, d] = dayToIso(issueDay).split("-");
    return `${kec}${d}${m}${y.slice(2)}${String(serial).padStart(4, "0")}`;
  }
}
