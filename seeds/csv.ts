/**
 * Streaming CSV writer (formats.md: `,` separator, header row, RFC 4180 quoting) that hashes
 * what it writes, so a 1M-row file never sits in memory and the data hash costs no second read.
 */
import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash("sha256");
  /** Pending lines; joined once per flush (cheaper than growing one string by +=). */
  private lines: string[] = [];
  private pending = 0;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
    this.lines.push(columns.join(","));
  }

  /** Appends one row (by column name); call `flushIfFull` between households. */
  row(values: Record<string, CsvCell>): void {
    let line = "";
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) line += ",";
      line += csvCell(values[this.columns[i]]);
    }
    this.lines.push(line);
    this.pending += line.length;
    this.rows++;
  }

  /** Writes the buffer out once it is large, waiting for the disk when the stream is full. */
  async flushIfFull(limit = 1 << 18): Promise<void> {
    if (this.pending < limit) return;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const chunk = this.lines.join("\n") + "\n";
    this.lines = [];
    this.pending = 0;
    this.hash.update(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  /** Flushes, closes, and returns the sha256 of the file's content. */
  async close(): Promise<string> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    return this.hash.digest("hex");
  }
}
