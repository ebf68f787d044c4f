/**
 * One-sheet XLSX workbooks for reports (desa operators follow findings up in Excel), written with
 * exceljs, the field's standard library. Text stays text: a NIK written as a string is never
 * turned into a number (which Excel would round to 15 digits).
 */
import ExcelJS from "exceljs";

export type XlsxCell = string | number | null;

/** 0 → A, 25 → Z, 26 → AA (Excel column names). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The first row is the header (bold, frozen). */
export async function xlsxBuffer(rows: XlsxCell[][], sheetName = "Sheet1"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tepat";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? undefined : c)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
