/**
 * `npm run tepat -- seed [--households N] [--seed S] [--boundaries desa.geojson] [--out DIR] [--files-only]`:
 * generates the Lumajang seed files and loads them through the importer (progress on stderr).
 * `--files-only` writes the files without touching the database (benchmarks, inspection). A
 * database that already holds households is refused unless `--reset` empties it first.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { ImportValidationError } from "../db/import/types";
import { getDatabase } from "../db/connection.server";
import { generateSeedFiles, householdCount, seedDatabase, type SeedProgress } from "./index.server";

const ArgsSchema = z.object({
  households: z.coerce.number().int().min(1).max(2_000_000).default(20_000),
  seed: z.string().regex(/^[A-Za-z0-9_-]+$/, "seed: huruf, angka, - atau _").default("1"),
  boundaries: z.string().optional(),
  out: z.string().optional(),
  "files-only": z.boolean().default(false),
  reset: z.boolean().default(false),
});

const usage =
  "Penggunaan: npm run tepat -- seed [--households N] [--seed S] [--boundaries desa.geojson] [--out DIR] [--files-only] [--reset]\n" +
  "  --reset: kosongkan data yang ada (wilayah, rumah tangga, penerima, temuan…) sebelum memuat; akun tetap.";

export async function runSeedCommand(argv: string[]): Promise<number> {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        households: { type: "string" },
        seed: { type: "string" },
        boundaries: { type: "string" },
        out: { type: "string" },
        "files-only": { type: "boolean" },
        reset: { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    });
    if (values.help) {
      console.error(usage);
      return 0;
    }
    args = ArgsSchema.parse(values);
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (err as Error).message;
    console.error(`${message}\n${usage}`);
    return 2;
  }
  // A numeric seed stays a number, so `--seed 1` and the app's default (1) give the same data.
  const seed = /^[0-9]+$/.test(args.seed) ? Number(args.seed) : args.seed;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const onProgress = (p: SeedProgress) => {
    if (p.phase === "generate") process.stderr.write(`\rmembuat data: ${p.households}/${p.total} rumah tangga (${elapsed()})   `);
    else if (p.phase === "import") process.stderr.write(`\rimpor ${p.kind}: ${p.progress.phase} ${p.progress.rows} baris, ${Math.round(p.progress.rowsPerSecond)} baris/s   `);
  };
  const log = (line: string) => process.stderr.write(`\n${line}\n`);
  try {
    const common = { households: args.households, seed, boundaries: args.boundaries, outDir: args.out };
    if (args["files-only"]) {
      const r = await generateSeedFiles({ ...common, onProgress: (p) => onProgress({ phase: "generate", ...p }) });
      log(`berkas di ${r.outDir}: ${r.counts.households} rumah tangga, ${r.counts.members} jiwa, ${r.counts.penerima} penerima, ${r.plantedCount} temuan tertanam; hash ${r.hash} (${elapsed()})`);
      return 0;
    }
    // Seeding over existing households would mix two datasets (old rows stay, new ones upsert).
    const existing = await householdCount(await getDatabase());
    if (existing > 0 && !args.reset) {
      console.error(`Basis data sudah berisi ${existing} rumah tangga. Tambahkan --reset untuk menggantinya dengan data demo.`);
      return 3;
    }
    const r = await seedDatabase({ ...common, onProgress, log, reset: args.reset });
    log(`data demo dimuat: ${r.counts.households} rumah tangga, ${r.counts.members} jiwa, ${r.plantedCount} temuan tertanam; hash data ${r.hash} (${elapsed()})`);
    return 0;
  } catch (err) {
    if (err instanceof ImportValidationError) {
      console.error(`\n${err.message}`);
      return 1;
    }
    throw err;
  }
}
