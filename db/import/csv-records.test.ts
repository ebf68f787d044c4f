/** The CSV record splitter: fast path, RFC 4180 quotes, chunk boundaries anywhere, row numbers. */
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvRecords, type RawRecord } from "./csv-records";

async function parseChunks(chunks: string[], sep: "," | ";" = ","): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of csvRecords((async function* () { yield* chunks; })(), sep)) out.push(r);
  return out;
}

const sample = 'a,b,c\r\n1,"x, ""y""",3\n\n2,"multi\nline",4\n3,,\n4,plain"quote,5';
const expected: RawRecord[] = [
  { row: 1, values: ["a", "b", "c"] },
  { row: 2, values: ["1", 'x, "y"', "3"] },
  { row: 4, values: ["2", "multi\nline", "4"] },
  { row: 5, values: ["3", "", ""] },
  { row: 6, values: ["4", 'plain"quote', "5"] },
];

describe("csvRecords", () => {
  it("splits quoted and unquoted records, counting blank lines as rows", async () => {
    expect(await parseChunks([sample])).toEqual(expected);
  });

  it("gives the same records whatever the chunk boundaries", async () => {
    for (let size = 1; size <= 7; size++) {
      const chunks = [];
      for (let i = 0; i < sample.length; i += size) chunks.push(sample.slice(i, i + size));
      expect(await parseChunks(chunks)).toEqual(expected);
    }
  });

  it("strips a BOM, reads `;` files and a last line without newline", async () => {
    expect(await parseChunks(["\uFEFFa;b\n1;\"2;3\""], ";")).toEqual([
      { row: 1, values: ["a", "b"] },
      { row: 2, values: ["1", "2;3"] },
    ]);
  });

  it("rejects an unclosed quote, naming its row", async () => {
    const err = await parseChunks(['a,b\n1,"open\n2,3\n']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).row).toBe(2);
  });
});
