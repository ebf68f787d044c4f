/**
 * Streaming CSV reader for the imports: UTF-8 with an optional BOM, `,` or `;` detected from the
 * header line, RFC 4180 quotes (csv-records.ts). Never holds the file in memory; also hashes the
 * bytes as they stream so the import batch records the file's checksum without a second read.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { csvRecords } from "./csv-records";
import { normalizeToken } from "./fields";

export const normalizeHeader = normalizeToken;

/** Picks the separator of the header line: the one of `;` and `,` seen more often outside quotes. */
export function detectSeparator(headerLine: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

async function readHeaderLine(filePath: string): Promise<string> {
  const fh = await fs.promises.open(filePath, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let text = buf.subarray(0, bytesRead).toString("utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const nl = text.search(/\r?\n/);
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    await fh.close();
  }
}

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  values: string[];
}

export interface CsvFile {
  separator: "," | ";";
  /** Header names as written (BOM and surrounding spaces removed). */
  rawHeader: string[];
  /** Normalised header names (lower case, spaces and dashes as `_`). */
  header: string[];
  /** Data records after the header. Iterate once. */
  records: AsyncIterable<CsvRecord>;
  /** sha256 of the file's bytes; complete once `records` has been consumed. */
  checksum(): string;
  /** Stops reading (when the import gives up before the end). */
  close(): void;
}

export async function openCsv(filePath: string): Promise<CsvFile> {
  const separator = detectSeparator(await readHeaderLine(filePath));
  const hash = createHash("sha256");
  const input = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  // Hash the bytes, decode UTF-8 across chunk boundaries.
  const text = async function* () {
    const decoder = new StringDecoder("utf8");
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      yield decoder.write(chunk);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  };
  const iterator = csvRecords(text(), separator);
  const first = await iterator.next();
  const rawHeader = first.done ? [] : first.value.values.map((h) => h.trim());
  let digest: string | null = null;
  return {
    separator,
    rawHeader,
    header: rawHeader.map(normalizeHeader),
    records: { [Symbol.asyncIterator]: () => iterator },
    checksum() {
      digest ??= hash.digest("hex");
      return digest;
    },
    close() {
      input.destroy();
      void iterator.return(undefined);
    },
  };
}
