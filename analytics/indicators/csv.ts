/** The `indikator` report as CSV text (pure): formats.md column order and number formats. */
import { indicatorCatalogue } from "./catalogue";
import type { AreaIndicators } from "./values";

export const indikatorColumns = [
  "kode_wilayah",
  "tingkat",
  "nama",
  "jumlah_rt",
  "jumlah_keluarga",
  "jumlah_jiwa",
  ...indicatorCatalogue.map((i) => i.id),
];

/** RFC 4180 quoting: only when the cell holds a separator, quote or line break. */
export function csvCell(s: string): string {
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Percentages one decimal, mpi_m0 three, counts integers; unknown is an empty cell, never 0. */
export function formatIndicator(id: string, value: number | null): string {
  if (value == null) return "";
  if (id === "mpi_m0") return value.toFixed(3);
  const ind = indicatorCatalogue.find((i) => i.id === id);
  if (ind?.kind === "count") return String(Math.round(value));
  return value.toFixed(1);
}

export function indikatorRow(a: AreaIndicators): string[] {
  return [
    a.kode,
    a.tingkat,
    a.nama ?? "",
    String(a.jumlahRt),
    String(a.jumlahKeluarga),
    String(a.jumlahJiwa),
    ...indicatorCatalogue.map((i) => formatIndicator(i.id, a.values[i.id]?.value ?? null)),
  ];
}

export function indikatorCsv(areas: readonly AreaIndicators[]): string {
  const lines = [indikatorColumns, ...areas.map(indikatorRow)].map((cells) => cells.map(csvCell).join(","));
  return lines.join("\n") + "\n";
}

/** The same table for XLSX: counts and figures as numbers (rounded as in the CSV), codes as text. */
export function indikatorCells(a: AreaIndicators): (string | number | null)[] {
  return [
    a.kode,
    a.tingkat,
    a.nama ?? "",
    a.jumlahRt,
    a.jumlahKeluarga,
    a.jumlahJiwa,
    ...indicatorCatalogue.map((i) => {
      const text = formatIndicator(i.id, a.values[i.id]?.value ?? null);
      return text === "" ? null : Number(text);
    }),
  ];
}
