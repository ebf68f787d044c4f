/** Process environment, parsed once with zod so a typo fails at start, not at first use. */
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  /** A PostGIS server. Unset → the embedded PostGIS (PGlite) in TEPAT_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  TEPAT_DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().positive().default(3000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Optional basemap style or raster tile URL for deployments with internet access. */
  TEPAT_BASEMAP_URL: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || undefined });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${issues}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().TEPAT_DATA_DIR);
}
