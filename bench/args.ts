/** Command-line flags of `npm run bench`, validated with zod. */
import { z } from "zod";

const BenchArgsSchema = z.object({
  households: z.coerce.number().int().positive().default(300_000),
  seed: z.coerce.number().int().default(1),
  only: z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()))
    .optional(),
});

export type BenchArgs = z.infer<typeof BenchArgsSchema>;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag?.startsWith("--")) throw new Error(`unexpected argument: ${flag}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    raw[flag.slice(2)] = value;
    i++;
  }
  return BenchArgsSchema.parse(raw);
}
