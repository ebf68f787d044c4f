import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnLetter, xlsxBuffer } from "./xlsx";

describe("xlsxBuffer", () => {
  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("writes a workbook Excel readers accept: NIK stays text, numbers stay numbers, empty cells empty", async () => {
    const buf = await xlsxBuffer(
      [
        ["nik", "jumlah", "keterangan"],
        ["3508014202500004", 12.5, 'Nama "A & B" <beda>'],
        ["0012", null, ""],
      ],
      "temuan",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("temuan")!;
    expect(sheet.getCell("A2").value).toBe("3508014202500004");
    expect(sheet.getCell("B2").value).toBe(12.5);
    expect(sheet.getCell("C2").value).toBe('Nama "A & B" <beda>');
    expect(sheet.getCell("A3").value).toBe("0012");
    expect(sheet.getCell("B3").value).toBeNull();
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });
});
