/** Collects row errors: keeps the first `keep` for the report and counts them all. */
import type { RowError } from "./types";

export class ErrorSink {
  readonly kept: RowError[] = [];
  total = 0;
  constructor(
    readonly file: string,
    readonly keep = 50,
  ) {}

  add(e: Omit<RowError, "file">): void {
    this.total++;
    if (this.kept.length < this.keep) this.kept.push({ file: this.file, ...e });
  }

  /** Adds `count` errors of which only `sample` are kept (set-based checks report a sample). */
  addCounted(sample: Omit<RowError, "file">[], count: number): void {
    for (const e of sample) if (this.kept.length < this.keep) this.kept.push({ file: this.file, ...e });
    this.total += count;
  }

  get hasErrors(): boolean {
    return this.total > 0;
  }

  /** Errors sorted by row so that set-based checks interleave with cell errors. */
  sorted(): RowError[] {
    return [...this.kept].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  }
}
