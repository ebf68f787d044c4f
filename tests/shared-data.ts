/**
 * Where the workplace's shared data (real Lumajang boundaries) lives: TEPAT_SHARED_DIR, else
 * `../shared` beside the repository (the documented layout), else /work/shared.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function sharedDir(): string {
  const candidates = [process.env.TEPAT_SHARED_DIR, path.resolve(repoRoot, "..", "shared"), "/work/shared"];
  const found = candidates.find((c): c is string => Boolean(c) && fs.existsSync(path.join(c!, "data", "boundaries")));
  if (!found) throw new Error(`shared data not found (tried ${candidates.filter(Boolean).join(", ")}); set TEPAT_SHARED_DIR`);
  return found;
}

export const boundariesDir = (): string => path.join(sharedDir(), "data", "boundaries");
