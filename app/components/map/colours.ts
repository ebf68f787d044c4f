/** Point colours, shared by the map and its legend. viridis for desil 1 (dark) … 10 (yellow). */
export const desilColours = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];
export const unknownDesilColour = "#9e9e9e";
export const receivingColour = "#2166ac";
export const notReceivingColour = "#bdbdbd";

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
