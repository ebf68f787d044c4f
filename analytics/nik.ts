/**
 * NIK (Nomor Induk Kependudukan) structure: `PPKKCC DDMMYY SSSS`: province, kabupaten/kota and
 * kecamatan of first issue; birth date with 40 added to the day for women; a serial ≠ 0000.
 * Structure only: whether the person exists is Dukcapil's to say.
 */

/** Province codes of Kemendagri (38 provinces, 2022 Papua split included). */
export const provinceCodes: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
  "31", "32", "33", "34", "35", "36",
  "51", "52", "53",
  "61", "62", "63", "64", "65",
  "71", "72", "73", "74", "75", "76",
  "81", "82",
  "91", "92", "93", "94", "95", "96",
]);

export type NikProblem = "not_16_digits" | "unknown_province" | "invalid_date" | "zero_serial";

export const nikProblemLabels: Record<NikProblem, string> = {
  not_16_digits: "NIK tidak terdiri dari 16 digit",
  unknown_province: "kode provinsi pada NIK tidak dikenal",
  invalid_date: "tanggal lahir pada NIK tidak valid",
  zero_serial: "nomor urut NIK 0000",
};

export interface ParsedNik {
  provinceCode: string;
  kabupatenCode: string;
  kecamatanCode: string;
  sex: "L" | "P";
  /** Day and month from the NIK; the year has two digits only. */
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
  serial: string;
}

export type NikResult = { ok: true; nik: ParsedNik } | { ok: false; problem: NikProblem };

function validDayMonth(day: number, month: number, yy: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Both candidate centuries share leap years except 1900/2000; 2000 is leap, so accept 29 Feb
  // when either reading is leap.
  const daysIn = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysIn[month - 1];
}

export function parseNik(nik: string): NikResult {
  if (!/^[0-9]{16}$/.test(nik)) return { ok: false, problem: "not_16_digits" };
  const provinceCode = nik.slice(0, 2);
  if (!provinceCodes.has(provinceCode)) return { ok: false, problem: "unknown_province" };
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? "P" : "L";
  if (sex === "P") day -= 40;
  if (!validDayMonth(day, month, yy)) return { ok: false, problem: "invalid_date" };
  const serial = nik.slice(12, 16);
  if (serial === "0000") return { ok: false, problem: "zero_serial" };
  return {
    ok: true,
    nik: {
      provinceCode,
      kabupatenCode: nik.slice(0, 4),
      kecamatanCode: nik.slice(0, 6),
      sex,
      birthDay: day,
      birthMonth: month,
      birthYearTwoDigits: yy,
      serial,
    },
  };
}

/** Full birth date from a NIK, choosing the century so the date is not after `reference`. */
export function nikBirthDate(parsed: ParsedNik, reference: Date = new Date()): string {
  const refYear = reference.getUTCFullYear();
  let year = 2000 + parsed.birthYearTwoDigits;
  if (year > refYear) year -= 100;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(parsed.birthMonth)}-${pad(parsed.birthDay)}`;
}

/** Builds a structurally valid NIK. `birthDate` is `YYYY-MM-DD`; serial 1–9999. */
export function makeNik(kecamatanCode: string, birthDate: string, sex: "L" | "P", serial: number): string {
  if (!/^[0-9]{6}$/.test(kecamatanCode)) throw new Error(`kecamatan code must have 6 digits: ${kecamatanCode}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999) throw new Error(`serial out of range: ${serial}`);
  const [y, m, d] = birthDate.split("-");
  const day = Number(d) + (sex === "P" ? 40 : 0);
  return `${kecamatanCode}${String(day).padStart(2, "0")}${m}${y.slice(2)}${String(serial).padStart(4, "0")}`;
}

/** `3508**********01`: keeps the kabupaten and the last two digits (domain.md section 7). */
export function maskNik(nik: string): string {
  if (nik.length < 6) return "*".repeat(nik.length);
  return nik.slice(0, 4) + "*".repeat(nik.length - 6) + nik.slice(-2);
}
