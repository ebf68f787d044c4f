/**
 * XLSX imports go through the same CSV importer (one load path): the first sheet is streamed
 * (exceljs WorkbookReader, so a 1M-row sheet never sits in memory) into a temporary CSV.
 * Dates become YYYY-MM-DD. Numbers of 15+ digits are written the way Excel shows them
 * (`3.50801E+15`): such a cell has already lost the NIK's last digits, and the importer must
 * reject it rather than load a wrong NIK.
 */
import fs from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";

function csvField(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "number") {
    if (Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "object") {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
  }
  return String(value);
}

/** Converts the first sheet of `xlsxPath` to a comma-separated CSV at `csvPath`; returns data rows written. */
export async function xlsxToCsv(xlsxPath: string, csvPath: string): Promise<number> {
  const out = fs.createWriteStream(csvPath, { encoding: "utf8" });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxPath, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
  });
  // exceljs reads sheet names from xl/workbook.xml; when a file stores a worksheet before that
  // part, the reader dereferences an undefined model and throws. We only need the first sheet's
  // cells, not its name, so start from an empty model.
  (reader as unknown as { model?: { sheets: unknown[] } }).model ??= { sheets: [] };
  let rows = 0;
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
        if (rows === 0) width = values.length;
        const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) => csvField(cellText(values[i])));
        if (!out.write(cells.join(",") + "\n")) await once(out, "drain");
        rows++;
      }
      break; // the first sheet only
    }
  } finally {
    out.end();
    await once(out, "finish");
  }
  return Math.max(rows - 1, 0);
}
