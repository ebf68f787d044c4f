import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { columnLetter, xlsxBuffer } from "./xlsx";

/** Reads the entries of a ZIP through its central directory (enough to check our writer). */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26);
    const data = zlib.inflateRawSync(buf.subarray(dataStart, dataStart + size));
    expect(zlib.crc32(data) >>> 0).toBe(buf.readUInt32LE(p + 16));
    out.set(name, data.toString("utf8"));
    p += 46 + nameLen;
  }
  return out;
}

describe("xlsxBuffer", () => {
  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("writes a valid package with text NIKs, numbers and escaped text", () => {
    const buf = xlsxBuffer([
      ["nik", "jumlah", "keterangan"],
      ["3508014202500004", 12.5, 'Nama "A & B" <beda>'],
      ["0012", null, ""],
    ], "temuan");
    const parts = unzip(buf);
    expect([...parts.keys()]).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = parts.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">3508014202500004</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>12.5</v></c>');
    expect(sheet).toContain("Nama &quot;A &amp; B&quot; &lt;beda&gt;");
    expect(sheet).toContain('<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">0012</t></is></c></row>');
    expect(parts.get("xl/workbook.xml")).toContain('<sheet name="temuan"');
  });
});
