import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { xlsxToCsv } from "./xlsx-to-csv.server";

describe("xlsxToCsv", () => {
  it("streams the first sheet to CSV: text NIK kept, Excel-mangled NIK shown as E+15, dates as ISO", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-xlsx-"));
    const xlsx = path.join(dir, "anggota.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Anggota");
    ws.addRow(["id_rt", "nik", "nama", "tanggal_lahir", "hamil"]);
    ws.addRow(["RT-1", "3508014107900001", "Siti, Aminah", new Date(Date.UTC(1990, 6, 1)), true]);
    ws.addRow(["RT-2", 3508014107900001, 'Budi "Bud"', null, false]);
    wb.addWorksheet("Lain").addRow(["tidak dibaca"]);
    await wb.xlsx.writeFile(xlsx);

    const csv = path.join(dir, "anggota.csv");
    expect(await xlsxToCsv(xlsx, csv)).toBe(2);
    expect(fs.readFileSync(csv, "utf8").split("\n")).toEqual([
      "id_rt,nik,nama,tanggal_lahir,hamil",
      'RT-1,3508014107900001,"Siti, Aminah",1990-07-01,1',
      'RT-2,3.508014107900001E+15,"Budi ""Bud""",,0',
      "",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
