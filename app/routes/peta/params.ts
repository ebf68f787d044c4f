/**
 * The map's state lives in the URL (shareable links, browser back): parsed here with zod,
 * defaults filled, invalid values dropped back to defaults rather than failing the page.
 */
import { z } from "zod";
import { classMethods } from "../../../analytics/classify/breaks";
import { areaLevels, periodePattern } from "../../../analytics/measures/registry";

const desil = z.coerce.number().int().min(1).max(10);

export const PetaParamsSchema = z.object({
  ukuran: z.string().regex(/^[a-z0-9_]+$/).catch("households"),
  tingkat: z.enum(areaLevels).catch("desa"),
  metode: z.enum(classMethods).catch("quantile"),
  kelas: z.coerce.number().int().min(3).max(7).catch(5),
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/).nullable().catch(null),
  periode: z.string().regex(periodePattern).nullable().catch(null),
  desil_min: desil.catch(1),
  desil_max: desil.catch(10),
  titik: z.enum(["desil", "program"]).catch("desil"),
  /** Selected region (side panel). */
  wilayah: z.string().regex(/^\d{4}(\d{2})?(\d{4})?$/).nullable().catch(null),
  /** Selected household (side panel). */
  rt: z.string().max(64).nullable().catch(null),
});
export type PetaParams = z.infer<typeof PetaParamsSchema>;

export function parsePetaParams(search: URLSearchParams): PetaParams {
  const raw = Object.fromEntries([...search.entries()].filter(([, v]) => v !== ""));
  const p = PetaParamsSchema.parse({ program: null, periode: null, wilayah: null, rt: null, ...raw });
  if (p.desil_min > p.desil_max) [p.desil_min, p.desil_max] = [p.desil_max, p.desil_min];
  return p;
}

/** Search string with `changes` applied; defaults are left out to keep links short. */
export function withParams(search: URLSearchParams, changes: Record<string, string | number | null>): string {
  const next = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === "") next.delete(k);
    else next.set(k, String(v));
  }
  const s = next.toString();
  return s ? `?${s}` : "";
}
