/**
 * Masked views of personal data for roles without personal-data rights (UU 27/2022 PDP).
 * The masks keep just enough to recognise a record one already knows, never to find it.
 */
export { maskNik } from "../nik";

/** `Siti Aminah` → `S*** A*****`: initials only, lengths kept so lists still line up. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0] + "*".repeat(Math.max(word.length - 1, 1)))
    .join(" ");
}

/**
 * Rounds a location to ~1.1 km (2 decimals) so a masked point shows the neighbourhood, not the
 * house. Guests get no point at all; this is for roles that may see approximate places.
 */
export function coarsenLocation(lon: number, lat: number): [number, number] {
  return [Math.round(lon * 100) / 100, Math.round(lat * 100) / 100];
}
