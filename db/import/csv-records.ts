/**
 * RFC 4180 record splitter over a stream of text chunks. Lines without a quote take a
 * `split` fast path (measured ~7x less CPU than csv-parse on DTKS-shaped files, which are
 * almost all unquoted); quoted fields (separators, `""` escapes, line breaks inside) go through a
 * small state machine. A quote inside an unquoted field is kept literally (lenient, like
 * spreadsheets). Blank lines are skipped but still counted as rows, as a spreadsheet shows them.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

export interface RawRecord {
  row: number;
  values: string[];
}

/** Parses one quoted-or-mixed record starting at `pos`; null when `buf` ends inside it (and more may come). */
function parseRecord(buf: string, pos: number, sep: string, final: boolean): { values: string[]; next: number } | null {
  const values: string[] = [];
  let i = pos;
  for (;;) {
    if (buf.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = buf.indexOf('"', j);
        if (q < 0) {
          if (!final) return null;
          throw new CsvSyntaxError("tanda kutip tidak ditutup", 0);
        }
        value += buf.slice(j, q);
        if (buf.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        if (q + 1 >= buf.length && !final) return null;
        i = q + 1;
        break;
      }
      // Text after the closing quote up to the next separator is kept (lenient).
      let end = i;
      while (end < buf.length && buf[end] !== sep && buf[end] !== "\n" && buf[end] !== "\r") end++;
      values.push(value + buf.slice(i, end));
      i = end;
    } else {
      let end = i;
      while (end < buf.length && buf[end] !== sep && buf[end] !== "\n" && buf[end] !== "\r") end++;
      if (end >= buf.length && !final) return null;
      values.push(buf.slice(i, end));
      i = end;
    }
    if (i >= buf.length) {
      if (!final) return null;
      return { values, next: i };
    }
    const ch = buf[i];
    if (ch === sep) {
      i++;
      continue;
    }
    if (ch === "\r") i++;
    if (buf[i] === "\n") i++;
    else if (i >= buf.length && !final) return null;
    return { values, next: i };
  }
}

export async function* csvRecords(chunks: AsyncIterable<string>, sep: "," | ";"): AsyncGenerator<RawRecord> {
  let buf = "";
  let row = 0;
  let first = true;
  const drain = function* (final: boolean): Generator<RawRecord> {
    let start = 0;
    // Position of the next quote at or after `start` (-1: none left); searched once per quote,
    // not per line, so quote-free buffers stay linear.
    let quote = -2;
    while (start < buf.length) {
      const nl = buf.indexOf("\n", start);
      if (nl < 0 && !final) break;
      const lineEnd = nl < 0 ? buf.length : nl;
      if (quote !== -1 && quote < start) quote = buf.indexOf('"', start);
      if (quote < 0 || quote > lineEnd) {
        const line = buf.charCodeAt(lineEnd - 1) === 13 ? buf.slice(start, lineEnd - 1) : buf.slice(start, lineEnd);
        row++;
        start = nl < 0 ? buf.length : nl + 1;
        if (line !== "") yield { row, values: line.split(sep) };
        continue;
      }
      let rec: ReturnType<typeof parseRecord>;
      try {
        rec = parseRecord(buf, start, sep, final);
      } catch (err) {
        throw new CsvSyntaxError((err as Error).message, row + 1);
      }
      if (!rec) break;
      row++;
      yield { row, values: rec.values };
      // A record spanning lines occupies one spreadsheet row.
      start = rec.next;
    }
    buf = buf.slice(start);
  };
  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    buf += chunk;
    yield* drain(false);
  }
  yield* drain(true);
}
