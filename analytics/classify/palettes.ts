/**
 * Colour-blind-safe sequential palettes for choropleths, written out so the app needs no colour
 * library: ColorBrewer YlOrRd, Blues, Greens and Purples (Brewer, Penn State; all sequential
 * single-hue or multi-hue ramps read correctly under deuteranopia/protanopia) and viridis
 * (perceptually uniform), each for 3–7 classes, ordered low → high (light → dark).
 */
export const paletteNames = ["YlOrRd", "Blues", "Greens", "Purples", "viridis"] as const;
export type PaletteName = (typeof paletteNames)[number];

export const minClasses = 3;
export const maxClasses = 7;

type Ramp = Record<3 | 4 | 5 | 6 | 7, readonly string[]>;

const palettes: Record<PaletteName, Ramp> = {
  YlOrRd: {
    3: ["#ffeda0", "#feb24c", "#f03b20"],
    4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"],
    5: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    6: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"],
    7: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
  },
  Blues: {
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
  },
  Greens: {
    3: ["#e5f5e0", "#a1d99b", "#31a354"],
    4: ["#edf8e9", "#bae4b3", "#74c476", "#238b45"],
    5: ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],
    6: ["#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"],
    7: ["#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"],
  },
  Purples: {
    3: ["#efedf5", "#bcbddc", "#756bb1"],
    4: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"],
    5: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    6: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"],
    7: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
  },
  // viridis sampled evenly, reversed so that low values are light like the Brewer ramps.
  viridis: {
    3: ["#fde725", "#21918c", "#440154"],
    4: ["#fde725", "#35b779", "#31688e", "#440154"],
    5: ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"],
    6: ["#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"],
    7: ["#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"],
  },
};

/** Colour of areas without a value (no data or suppressed). */
export const noDataColor = "#d9d9d9";

/** The ramp with `classes` colours (clamped to 3–7). Fewer classes than 3 take the 3-ramp's ends. */
export function palette(name: PaletteName, classes: number): string[] {
  const n = Math.min(maxClasses, Math.max(minClasses, Math.round(classes))) as 3 | 4 | 5 | 6 | 7;
  const ramp = [...palettes[name][n]];
  if (classes >= minClasses) return ramp;
  // One or two classes (few distinct values): light and dark end of the 3-ramp.
  const three = palettes[name][3];
  return classes <= 1 ? [three[2]] : [three[0], three[2]];
}
