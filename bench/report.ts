/** Prints one benchmark section as aligned `name: value` lines. */
export type Figures = Record<string, unknown>;

function format(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(3);
  if (value && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function printSection(name: string, figures: Figures, elapsedMs: number): void {
  console.log(`\n## ${name} (${(elapsedMs / 1000).toFixed(1)} s)`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 1);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(width)}  ${format(value)}`);
}
