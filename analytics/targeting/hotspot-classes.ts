/**
 * Confidence classes of Gi* hot and cold spots for the map layer (pure). A desa is a hot (cold)
 * spot at 99 / 95 / 90 % confidence when its z is positive (negative) and its Benjamini–Hochberg
 * adjusted p-value (q, false discovery rate) is below 0.01 / 0.05 / 0.10; otherwise it is not
 * significant. Desa that took no part (no eligible unit, no polygon) are "tanpa_data".
 */
import type { GiStarResult } from "./hotspots";

export const hotspotClasses = [
  "panas_99",
  "panas_95",
  "panas_90",
  "tidak_signifikan",
  "dingin_90",
  "dingin_95",
  "dingin_99",
] as const;
export type HotspotConfidenceClass = (typeof hotspotClasses)[number] | "tanpa_data";

/** Reds for hot, blues for cold, a light grey for not significant (ColorBrewer RdBu, colour-blind safe). */
export const hotspotColours: Record<HotspotConfidenceClass, string> = {
  panas_99: "#b2182b",
  panas_95: "#ef8a62",
  panas_90: "#fddbc7",
  tidak_signifikan: "#f2f2f2",
  dingin_90: "#d1e5f0",
  dingin_95: "#67a9cf",
  dingin_99: "#2166ac",
  tanpa_data: "#bdbdbd",
};

export function confidenceClass(r: Pick<GiStarResult, "z" | "q">): HotspotConfidenceClass {
  if (r.z === null || r.q === null || r.z === 0) return "tidak_signifikan";
  const level = r.q < 0.01 ? "99" : r.q < 0.05 ? "95" : r.q < 0.1 ? "90" : null;
  if (!level) return "tidak_signifikan";
  return `${r.z > 0 ? "panas" : "dingin"}_${level}` as HotspotConfidenceClass;
}
